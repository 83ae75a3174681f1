package dev.orderflow.system;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.module.SimpleModule;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.yaml.MappingJackson2YamlHttpMessageConverter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Money is a JSON string with a decimal point ("19.99"), never a float, in both directions; what is read must be
 * exactly of the API's form ({@link Money}). A text is a JSON string, never a number or a boolean.
 */
@Configuration(proxyBeanMethods = false)
class JsonConfiguration {

    /**
     * A text field takes a JSON string only: {@code 12} or {@code true} is refused ("must be a string") instead of
     * being stored as "12" or "true", as a number field refuses {@code "12"}. (Jackson's
     * {@code allow-coercion-of-scalars: false} covers numbers and booleans, not texts.)
     */
    @Bean
    Jackson2ObjectMapperBuilderCustomizer textsAreStrings() {
        return builder -> builder.postConfigurer(mapper -> mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
    }

    /**
     * Our API speaks JSON only. Spring registers a YAML converter because jackson-dataformat-yaml is on the class
     * path (Camunda and springdoc use it), and its mapper knows nothing of our JSON rules: {@code Accept:
     * application/yaml} got money as a number and times as epoch seconds. Without it, such a request is 406
     * (Problem Details). springdoc writes {@code /v3/api-docs.yaml} itself, as text, so it keeps working.
     */
    @Bean
    WebMvcConfigurer jsonOnly() {
        return new WebMvcConfigurer() {
            @Override
            public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
                converters.removeIf(MappingJackson2YamlHttpMessageConverter.class::isInstance);
            }
        };
    }

    @Bean
    SimpleModule moneyAsStringModule() {
        SimpleModule module = new SimpleModule("orderflow-money");
        module.addSerializer(BigDecimal.class, new MoneySerializer());
        module.addDeserializer(BigDecimal.class, new MoneyDeserializer());
        return module;
    }

    static final class MoneySerializer extends JsonSerializer<BigDecimal> {
        @Override
        public void serialize(BigDecimal value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeString(Money.format(value));
        }
    }

    static final class MoneyDeserializer extends JsonDeserializer<BigDecimal> {

        @Override
        public BigDecimal deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.currentToken() != JsonToken.VALUE_STRING) {
                return (BigDecimal) context.handleUnexpectedToken(BigDecimal.class, parser.currentToken(), parser,
                        Money.FORMAT);
            }
            String text = parser.getText();
            java.util.Optional<BigDecimal> amount = Money.parse(text);
            if (amount.isEmpty()) {
                return (BigDecimal) context.handleWeirdStringValue(BigDecimal.class, text, Money.FORMAT);
            }
            return amount.get();
        }
    }
}
