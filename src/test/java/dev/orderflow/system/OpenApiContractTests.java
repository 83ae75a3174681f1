package dev.orderflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orderflow.support.LocalRunTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The served OpenAPI document says what docs/api.md says: the same operations, each with the same answers.
 * Storefront developers integrate from either, so they must not drift apart.
 */
class OpenApiContractTests extends LocalRunTest {

    /** docs/api.md, operation by operation: the status codes it documents (plus 401/403 for Basic auth). */
    private static final Map<String, Set<String>> CONTRACT = new TreeMap<>(Map.ofEntries(
            Map.entry("POST /api/orders", Set.of("201", "400", "401", "403", "413", "415", "422")),
            Map.entry("GET /api/orders", Set.of("200", "400", "401", "403")),
            Map.entry("GET /api/orders/{orderId}", Set.of("200", "401", "403", "404")),
            Map.entry("POST /api/orders/{orderId}/cancellation", Set.of("202", "400", "401", "403", "404", "409")),
            Map.entry("POST /api/orders/{orderId}/stock-decision",
                    Set.of("202", "400", "401", "403", "404", "409", "415")),
            Map.entry("GET /api/orders/{orderId}/notifications", Set.of("200", "401", "403", "404")),
            Map.entry("GET /api/orders/{orderId}/pick-list", Set.of("200", "401", "403", "404")),
            Map.entry("GET /api/process/versions", Set.of("200", "401", "403")),
            Map.entry("PUT /api/products/{sku}", Set.of("200", "201", "400", "401", "403", "413", "415")),
            Map.entry("GET /api/products/{sku}", Set.of("200", "400", "401", "403", "404")),
            Map.entry("GET /api/products", Set.of("200", "400", "401", "403")),
            Map.entry("POST /api/products/import", Set.of("200", "400", "401", "403", "413", "415")),
            Map.entry("GET /api/inventory", Set.of("200", "400", "401", "403")),
            Map.entry("GET /api/inventory/{sku}", Set.of("200", "400", "401", "403", "404")),
            Map.entry("POST /api/inventory/{sku}/restock", Set.of("200", "400", "401", "403", "404", "415", "422")),
            Map.entry("POST /api/inventory/{sku}/adjustments",
                    Set.of("200", "400", "401", "403", "404", "409", "415", "422")),
            Map.entry("GET /api/inventory/{sku}/movements", Set.of("200", "400", "401", "403", "404")),
            Map.entry("POST /api/shipments/{trackingNumber}/events", Set.of("202", "400", "401", "404", "413", "415"))));

    @Test
    void documentHasExactlyTheContractsOperationsAndAnswers() {
        ResponseEntity<JsonNode> served = http.getForEntity("/v3/api-docs", JsonNode.class);

        assertThat(served.getStatusCode()).isEqualTo(HttpStatus.OK);
        Map<String, Set<String>> documented = new TreeMap<>();
        served.getBody().get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            Set<String> codes = new TreeSet<>();
            op.getValue().get("responses").fieldNames().forEachRemaining(codes::add);
            documented.put(op.getKey().toUpperCase() + " " + path.getKey(), codes);
        }));
        assertThat(documented).isEqualTo(CONTRACT);
    }

    @Test
    void moneyIsAStringAndTheCourierWebhookNeedsNoBasicAuth() {
        JsonNode document = http.getForEntity("/v3/api-docs", JsonNode.class).getBody();

        JsonNode line = document.at("/components/schemas/Line/properties/unitPrice");
        assertThat(line.get("type").asText()).isEqualTo("string");
        assertThat(document.at("/paths/~1api~1shipments~1{trackingNumber}~1events/post/security").isEmpty()).isTrue();
        assertThat(document.at("/components/securitySchemes/basic/scheme").asText()).isEqualTo("basic");
    }

    @Test
    void theCatalogImportTakesCsvOrAJsonArrayOfProducts() {
        JsonNode document = http.getForEntity("/v3/api-docs", JsonNode.class).getBody();

        JsonNode content = document.at("/paths/~1api~1products~1import/post/requestBody/content");
        assertThat(content.has("text/csv")).isTrue();
        assertThat(content.at("/application~1json/schema/type").asText()).isEqualTo("array");
        assertThat(document.at("/components/schemas/ProductRequest/properties/unitPrice/type").asText())
                .isEqualTo("string");
    }

    @Test
    void courierWebhookDocumentsItsSignatureHeadersAndEvent() {
        JsonNode document = http.getForEntity("/v3/api-docs", JsonNode.class).getBody();
        JsonNode webhook = document.at("/paths/~1api~1shipments~1{trackingNumber}~1events/post");

        Map<String, JsonNode> headers = new TreeMap<>();
        webhook.get("parameters").forEach(parameter -> {
            if ("header".equals(parameter.get("in").asText())) {
                headers.put(parameter.get("name").asText(), parameter);
            }
        });
        assertThat(headers).containsOnlyKeys("X-Orderflow-Timestamp", "X-Orderflow-Signature");
        assertThat(headers.values()).allSatisfy(header -> assertThat(header.get("required").asBoolean()).isTrue());
        assertThat(headers.get("X-Orderflow-Signature").get("description").asText())
                .contains("HMAC-SHA256", "{timestamp}.{trackingNumber}.{raw body}");
        assertThat(headers.get("X-Orderflow-Timestamp").get("description").asText()).contains("Unix time in seconds");
        JsonNode event = document.at("/components/schemas/CourierEvent");
        assertThat(event.at("/properties/type/enum")).extracting(JsonNode::asText)
                .containsExactly("PICKED_UP", "IN_TRANSIT", "DELIVERED", "DELIVERY_FAILED");
        assertThat(event.get("required")).extracting(JsonNode::asText).containsExactlyInAnyOrder("eventId", "type", "at");
    }

    @Test
    void theProductRequestDocumentsWhatIsRequiredItsLimitsAndDefaults() {
        JsonNode product = http.getForEntity("/v3/api-docs", JsonNode.class).getBody()
                .at("/components/schemas/ProductRequest");

        assertThat(product.get("required")).extracting(JsonNode::asText).containsExactlyInAnyOrder("name",
                "unitPrice", "weightGrams", "lengthMm", "widthMm", "heightMm", "binLocation");
        for (String measure : List.of("weightGrams", "lengthMm", "widthMm", "heightMm")) {
            assertThat(product.at("/properties/" + measure + "/minimum").asInt()).as(measure).isEqualTo(1);
            assertThat(product.at("/properties/" + measure + "/maximum").asInt()).as(measure).isEqualTo(1_000_000);
        }
        assertThat(product.at("/properties/name/maxLength").asInt()).isEqualTo(200);
        assertThat(product.at("/properties/binLocation/maxLength").asInt()).isEqualTo(32);
        assertThat(product.at("/properties/maxQuantityPerOrder/default").asInt()).isEqualTo(1000);
        assertThat(product.at("/properties/maxQuantityPerOrder/maximum").asInt()).isEqualTo(1000);
        assertThat(product.at("/properties/active/default").isBoolean()).isTrue();
        assertThat(product.at("/properties/active/default").asBoolean()).isTrue();
    }

    @Test
    void theOrderDocumentsInternalNotesAsStaffOnlyTheCustomersTimelineAndTheLinesProductName() {
        JsonNode schemas = http.getForEntity("/v3/api-docs", JsonNode.class).getBody().at("/components/schemas");

        JsonNode order = schemas.get("OrderView");
        assertThat(order.at("/properties/internalNotes/description").asText())
                .startsWith("Returned only to role STAFF");
        assertThat(order.at("/properties/timeline/description").asText())
                .contains("as the customer may read it", "no staff user names");
        assertThat(schemas.at("/Line/properties/name/description").asText()).contains("product's name");
    }

    @Test
    void theAdjustmentRequestDocumentsItsRequiredFieldsAndLimits() {
        JsonNode adjustment = http.getForEntity("/v3/api-docs", JsonNode.class).getBody()
                .at("/components/schemas/AdjustmentRequest");

        assertThat(adjustment.get("required")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("quantity", "reason");
        assertThat(adjustment.at("/properties/quantity/minimum").asInt()).isEqualTo(-100_000);
        assertThat(adjustment.at("/properties/quantity/maximum").asInt()).isEqualTo(100_000);
        assertThat(adjustment.at("/properties/quantity/not/enum/0").asInt()).isZero();
        assertThat(adjustment.at("/properties/quantity/not/enum")).hasSize(1);
        assertThat(adjustment.at("/properties/reason/enum")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("COUNT_CORRECTION", "DAMAGED", "LOST", "FOUND");
        assertThat(adjustment.at("/properties/note/maxLength").asInt()).isEqualTo(500);
    }

    @Test
    void everySkuInAPathHasTheContractsPatternAndPutNamesTheLocationOfANewProduct() {
        JsonNode document = http.getForEntity("/v3/api-docs", JsonNode.class).getBody();

        List<String> withSku = new java.util.ArrayList<>();
        document.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            op.getValue().path("parameters").forEach(parameter -> {
                if ("sku".equals(parameter.get("name").asText()) && "path".equals(parameter.get("in").asText())) {
                    withSku.add(op.getKey() + " " + path.getKey());
                    assertThat(parameter.at("/schema/pattern").asText()).as(path.getKey())
                            .isEqualTo("^[A-Za-z0-9._-]{1,64}$");
                }
            });
        }));
        assertThat(withSku).hasSize(6);
        JsonNode location = document.at("/paths/~1api~1products~1{sku}/put/responses/201/headers/Location");
        assertThat(location.isMissingNode()).isFalse();
        assertThat(location.at("/schema/type").asText()).isEqualTo("string");
    }

    @Test
    void aMovementsFieldsThatMayBeNullAreMarkedNullable() {
        JsonNode movement = http.getForEntity("/v3/api-docs", JsonNode.class).getBody()
                .at("/components/schemas/StockMovement/properties");

        for (String field : List.of("orderId", "reason", "note", "by")) {
            assertThat(mayBeNull(movement.get(field))).as(field + " in " + movement).isTrue();
        }
        assertThat(movement.at("/reason/enum")).extracting(JsonNode::isNull).contains(true);
        assertThat(mayBeNull(movement.get("quantity"))).isFalse();
        assertThat(mayBeNull(movement.get("at"))).isFalse();
    }

    @Test
    void placingRestockingAndAdjustingDocumentTheOptionalIdempotencyKey() {
        JsonNode document = http.getForEntity("/v3/api-docs", JsonNode.class).getBody();

        for (String path : List.of("/paths/~1api~1orders/post", "/paths/~1api~1inventory~1{sku}~1restock/post",
                "/paths/~1api~1inventory~1{sku}~1adjustments/post")) {
            List<JsonNode> keys = new java.util.ArrayList<>();
            document.at(path + "/parameters").forEach(parameter -> {
                if ("Idempotency-Key".equals(parameter.get("name").asText())) {
                    keys.add(parameter);
                }
            });
            assertThat(keys).as(path).singleElement().satisfies(key -> {
                assertThat(key.get("in").asText()).isEqualTo("header");
                assertThat(key.path("required").asBoolean()).isFalse();
                assertThat(key.at("/schema/pattern").asText()).isEqualTo("^[\\x21-\\x7E]{1,255}$");
                assertThat(key.at("/schema/maxLength").asInt()).isEqualTo(255);
                assertThat(key.get("description").asText()).contains("422");
            });
        }
        assertThat(document.at("/paths/~1api~1inventory~1{sku}~1restock/post/parameters").toString())
                .contains("current figures");
    }

    @Test
    void theMoneyPatternRefusesLeadingZerosLikeTheApi() {
        JsonNode document = http.getForEntity("/v3/api-docs", JsonNode.class).getBody();
        java.util.regex.Pattern money = java.util.regex.Pattern.compile(
                document.at("/components/schemas/Line/properties/unitPrice/pattern").asText());

        assertThat(List.of("12.50", "0.50", "5", "999999999999.99")).allMatch(text -> money.matcher(text).find());
        assertThat(List.of("012.50", "00.5", "1.234", "-1.00", "1e3", " 1.00", "1.")).noneMatch(
                text -> money.matcher(text).find());
    }

    @Test
    void swaggerUiIsServed() {
        assertThat(http.getForEntity("/swagger-ui/index.html", String.class).getStatusCode())
                .isEqualTo(HttpStatus.OK);
    }

    /** OpenAPI 3.1 marks a property that may be null with the type "null"; 3.0 with {@code nullable}. */
    private static boolean mayBeNull(JsonNode property) {
        JsonNode type = property.get("type");
        boolean nullType = type != null && type.isArray()
                && java.util.stream.StreamSupport.stream(type.spliterator(), false).anyMatch(t -> "null".equals(t.asText()));
        return nullType || property.path("nullable").asBoolean();
    }
}
