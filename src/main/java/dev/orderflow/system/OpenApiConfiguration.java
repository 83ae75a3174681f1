package dev.orderflow.system;

import java.math.BigDecimal;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document at {@code /v3/api-docs} (Swagger UI at {@code /swagger-ui.html}): the storefront's
 * contract. Error answers are shared components, all RFC 9457 Problem Details.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static {
        // money travels as a string with a decimal point, never a float
        SpringDocUtils.getConfig().replaceWithSchema(BigDecimal.class,
                new StringSchema().pattern(Money.PATTERN).example("12.50"));
    }

    @Bean
    OpenAPI orderflowApi() {
        return new OpenAPI()
                .info(new Info().title("Orderflow API").version("1")
                        .description("Place and follow orders, decide on out-of-stock orders, manage stock. "
                                + "HTTP Basic: role ORDER_API (storefronts) or STAFF. Every error is RFC 9457 "
                                + "Problem Details; validation errors list each problem with a JSON Pointer into "
                                + "the request body. Money is a string with a decimal point, times ISO-8601 UTC."))
                .addSecurityItem(new SecurityRequirement().addList("basic"))
                .components(new Components()
                        .addSecuritySchemes("basic", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic"))
                        .addSchemas("Problem", problemSchema())
                        .addResponses("BadRequest", problem("The request is malformed or breaks a limit; `errors` points at each problem"))
                        .addResponses("Unauthorized", problem("No or wrong credentials (or, for the courier webhook, signature)"))
                        .addResponses("Forbidden", problem("The API user lacks the role"))
                        .addResponses("NotFound", problem("No such resource"))
                        .addResponses("Conflict", problem("The order's state does not allow this"))
                        .addResponses("PayloadTooLarge", problem("The body is larger than 64 KiB"))
                        .addResponses("UnsupportedMediaType", problem("The body is not application/json"))
                        .addResponses("Unprocessable", problem("Unknown SKU, wrong currency, or an Idempotency-Key reused with another body")));
    }

    /**
     * A property that may be null says so with the type {@code "null"} ({@code @Schema(types = {"string", "null"})},
     * OpenAPI 3.1); when it also lists its values ({@code enum}), null must be among them, or a client generator
     * validating the document's JSON Schema would still refuse the {@code null} our bodies carry.
     */
    @Bean
    OpenApiCustomizer nullInNullableEnums() {
        return openApi -> {
            if (openApi.getComponents() == null || openApi.getComponents().getSchemas() == null) {
                return;
            }
            for (Schema<?> schema : openApi.getComponents().getSchemas().values()) {
                if (schema.getProperties() != null) {
                    for (Schema<?> property : schema.getProperties().values()) {
                        allowNullInEnum(property);
                    }
                }
            }
        };
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void allowNullInEnum(Schema property) {
        if (property.getTypes() != null && property.getTypes().contains("null") && property.getEnum() != null
                && !property.getEnum().contains(null)) {
            property.getEnum().add(null);
        }
    }

    private static Schema<?> problemSchema() {
        Schema<?> error = new ObjectSchema()
                .addProperty("pointer", new StringSchema().example("/lines/0/quantity"))
                .addProperty("detail", new StringSchema().example("must be at least 1"));
        return new ObjectSchema()
                .addProperty("type", new StringSchema().format("uri"))
                .addProperty("title", new StringSchema())
                .addProperty("status", new Schema<Integer>().type("integer"))
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema())
                .addProperty("errors", new io.swagger.v3.oas.models.media.ArraySchema().items(error));
    }

    private static ApiResponse problem(String description) {
        return new ApiResponse().description(description).content(new Content().addMediaType(
                "application/problem+json", new MediaType().schema(new Schema<>().$ref("#/components/schemas/Problem"))));
    }

}
