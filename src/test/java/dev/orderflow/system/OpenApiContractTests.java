package dev.orderflow.system;

import static org.assertj.core.api.Assertions.assertThat;

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
            Map.entry("PUT /api/products/{sku}", Set.of("200", "201", "400", "401", "403", "413", "415")),
            Map.entry("GET /api/products/{sku}", Set.of("200", "401", "403", "404")),
            Map.entry("GET /api/products", Set.of("200", "400", "401", "403")),
            Map.entry("POST /api/products/import", Set.of("200", "400", "401", "403", "413", "415")),
            Map.entry("GET /api/inventory", Set.of("200", "400", "401", "403")),
            Map.entry("GET /api/inventory/{sku}", Set.of("200", "401", "403", "404")),
            Map.entry("POST /api/inventory/{sku}/restock", Set.of("200", "400", "401", "403", "404", "415")),
            Map.entry("POST /api/inventory/{sku}/adjustments",
                    Set.of("200", "400", "401", "403", "404", "409", "415")),
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
    void swaggerUiIsServed() {
        assertThat(http.getForEntity("/swagger-ui/index.html", String.class).getStatusCode())
                .isEqualTo(HttpStatus.OK);
    }
}
