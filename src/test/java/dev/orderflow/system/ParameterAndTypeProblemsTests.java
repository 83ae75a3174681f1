package dev.orderflow.system;

import static dev.orderflow.support.OrderflowApi.JSON_OBJECT;
import static dev.orderflow.support.OrderflowApi.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.orderflow.support.LocalRunTest;
import dev.orderflow.support.OrderflowApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * What a client gets back for a bad path segment, query parameter or JSON value, across the endpoints: 400 with
 * an {@code errors} entry naming it ({@code /sku}, {@code /size}, {@code /weightGrams}) and a detail in the API's
 * words, never Jackson's; and HEAD wherever GET is allowed.
 */
class ParameterAndTypeProblemsTests extends LocalRunTest {

    private static final String PRODUCT = "{\"name\": \"Cup\", \"unitPrice\": \"1.00\", \"weightGrams\": %s,"
            + " \"lengthMm\": 120, \"widthMm\": 90, \"heightMm\": 100, \"binLocation\": \"A-01-03\", \"active\": %s}";

    static Stream<Arguments> badSkuInPath() {
        String restock = "{\"quantity\": 1}";
        String adjustment = "{\"quantity\": 1, \"reason\": \"FOUND\"}";
        return Stream.of("S".repeat(65), "MUG+X").flatMap(sku -> Stream.of(
                Arguments.of(HttpMethod.GET, "/api/products/" + sku, null),
                Arguments.of(HttpMethod.GET, "/api/inventory/" + sku, null),
                Arguments.of(HttpMethod.POST, "/api/inventory/" + sku + "/restock", restock),
                Arguments.of(HttpMethod.POST, "/api/inventory/" + sku + "/adjustments", adjustment),
                Arguments.of(HttpMethod.GET, "/api/inventory/" + sku + "/movements", null)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("badSkuInPath")
    void aSkuInThePathThatBreaksTheRuleIs400NamingSkuNot404(HttpMethod method, String path, String body) {
        ResponseEntity<Map<String, Object>> answer = api.staff().exchange(path, method,
                body == null ? null : json(body), JSON_OBJECT);

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(pointers(answer)).containsExactly("/sku");
    }

    @Test
    void aBadSkuAndABadBodyAreBothNamed() {
        ResponseEntity<Map<String, Object>> answer = api.staff().exchange("/api/inventory/" + "S".repeat(65)
                + "/adjustments", HttpMethod.POST, json("{\"quantity\": 0, \"reason\": \"FOUND\"}"), JSON_OBJECT);

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(pointers(answer)).containsExactly("/sku", "/quantity");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/products/_X", "/api/inventory/_X", "/api/inventory/-X/movements"})
    void aValidSkuNoProductHasIs404(String path) {
        ResponseEntity<Map<String, Object>> answer = api.storefront().exchange(path, HttpMethod.GET, null,
                JSON_OBJECT);

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void a404DoesNotEchoAHugePathSegment() {
        String huge = "x".repeat(5000);

        ResponseEntity<Map<String, Object>> answer = api.storefront().exchange("/api/orders/" + huge, HttpMethod.GET,
                null, JSON_OBJECT);

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat((String) answer.getBody().get("detail")).hasSizeLessThan(300).endsWith("\u2026");
    }

    static Stream<Arguments> badQueryParameters() {
        return Stream.of(Arguments.of("/api/products?size=abc", "/size"),
                Arguments.of("/api/products?page=99999999999", "/page"),
                Arguments.of("/api/products?active=maybe", "/active"),
                Arguments.of("/api/products?size=0", "/size"),
                Arguments.of("/api/orders?size=abc", "/size"),
                Arguments.of("/api/orders?page=1.5", "/page"),
                Arguments.of("/api/orders?status=LOST", "/status"),
                Arguments.of("/api/inventory?page=x", "/page"),
                Arguments.of("/api/inventory?size=99999999999", "/size"),
                Arguments.of("/api/inventory/MUG-ECO-01/movements?size=abc", "/size"),
                Arguments.of("/api/inventory/MUG-ECO-01/movements?page=-1", "/page"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badQueryParameters")
    void aBadQueryParameterIsNamedByItsPointer(String path, String pointer) {
        ResponseEntity<Map<String, Object>> answer = api.staff().exchange(path, HttpMethod.GET, null, JSON_OBJECT);

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(pointers(answer)).containsExactly(pointer);
        assertThat(detailAt(answer, pointer)).startsWith("must be");
    }

    @Test
    void headIsAllowedWhereverGetIs() {
        String sku = "HEAD-" + Long.toHexString(System.nanoTime()).toUpperCase();
        assertThat(api.staff().exchange("/api/products/" + sku, HttpMethod.PUT, json(PRODUCT.formatted("320", "true")),
                JSON_OBJECT).getStatusCode()).isEqualTo(HttpStatus.CREATED);

        for (String path : List.of("/api/products", "/api/products/" + sku, "/api/inventory", "/api/inventory/" + sku,
                "/api/inventory/" + sku + "/movements", "/api/orders")) {
            ResponseEntity<String> answer = api.storefront().exchange(path, HttpMethod.HEAD, null, String.class);

            assertThat(answer.getStatusCode()).as("HEAD " + path).isEqualTo(HttpStatus.OK);
            assertThat(answer.getBody()).as("HEAD " + path).isNull();
        }
        // HEAD is still a read: it opens no write to a storefront
        assertThat(api.storefront().exchange("/api/products/" + sku, HttpMethod.PUT,
                json(PRODUCT.formatted("320", "true")), JSON_OBJECT).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }

    static Stream<Arguments> wrongJsonTypes() {
        return Stream.of(
                Arguments.of("product", PRODUCT.formatted("320", "\"yes\""), "/active", "must be true or false"),
                Arguments.of("product", PRODUCT.formatted("320", "1"), "/active", "must be true or false"),
                Arguments.of("product", PRODUCT.formatted("320", "{}"), "/active", "must be true or false"),
                Arguments.of("product", PRODUCT.formatted("3000000000", "true"), "/weightGrams",
                        "must be a whole number from 1 to 1000000"),
                Arguments.of("product", PRODUCT.formatted("320.0", "true"), "/weightGrams",
                        "must be a whole number from 1 to 1000000"),
                Arguments.of("product", PRODUCT.formatted("1e309", "true"), "/weightGrams",
                        "must be a whole number from 1 to 1000000"),
                Arguments.of("adjustment", "{\"quantity\": 3000000000, \"reason\": \"FOUND\"}", "/quantity",
                        "must be a whole number from -100000 to 100000"),
                Arguments.of("adjustment", "{\"quantity\": -1e309, \"reason\": \"FOUND\"}", "/quantity",
                        "must be a whole number from -100000 to 100000"),
                Arguments.of("adjustment", "{\"quantity\": 2.5, \"reason\": \"FOUND\"}", "/quantity",
                        "must be a whole number from -100000 to 100000"),
                Arguments.of("order", OrderflowApi.order("MUG-ECO-01", 1, "12.50")
                        .replace("\"quantity\": 1", "\"quantity\": 3000000000"), "/lines/0/quantity",
                        "must be a whole number from 1 to 1000"),
                Arguments.of("order", OrderflowApi.order("MUG-ECO-01", 1, "12.50")
                        .replace("\"quantity\": 1", "\"quantity\": 320.0"), "/lines/0/quantity",
                        "must be a whole number from 1 to 1000"));
    }

    @ParameterizedTest(name = "{0}: {2} {3}")
    @MethodSource("wrongJsonTypes")
    void aJsonValueOfTheWrongTypeGetsTheFieldsRuleInTheApisWords(String endpoint, String body, String pointer,
            String detail) {
        String sku = "TYPES-1";
        HttpEntity<String> request = json(body);
        ResponseEntity<Map<String, Object>> answer = switch (endpoint) {
            case "product" -> api.staff().exchange("/api/products/" + sku, HttpMethod.PUT, request, JSON_OBJECT);
            case "adjustment" -> api.staff().exchange("/api/inventory/" + sku + "/adjustments", HttpMethod.POST,
                    request, JSON_OBJECT);
            default -> api.storefront().exchange("/api/orders", HttpMethod.POST, request, JSON_OBJECT);
        };

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(pointers(answer)).containsExactly(pointer);
        assertThat(detailAt(answer, pointer)).isEqualTo(detail);
        assertThat(answer.getBody().toString()).doesNotContain("Numeric value", "out of range of int", "java.");
    }

    @SuppressWarnings("unchecked")
    private static List<String> pointers(ResponseEntity<Map<String, Object>> answer) {
        return ((List<Map<String, Object>>) answer.getBody().getOrDefault("errors", List.of())).stream()
                .map(error -> (String) error.get("pointer")).toList();
    }

    @SuppressWarnings("unchecked")
    private static String detailAt(ResponseEntity<Map<String, Object>> answer, String pointer) {
        return ((List<Map<String, Object>>) answer.getBody().get("errors")).stream()
                .filter(error -> pointer.equals(error.get("pointer"))).map(error -> (String) error.get("detail"))
                .findFirst().orElseThrow(() -> new AssertionError("no error at " + pointer + " in " + answer.getBody()));
    }
}
