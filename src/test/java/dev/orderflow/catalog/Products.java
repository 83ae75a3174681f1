package dev.orderflow.catalog;

import java.util.Map;

import dev.orderflow.support.OrderflowApi;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** The catalog API as staff and storefronts call it, for the catalog's tests. */
final class Products {

    private Products() {
    }

    /** A complete, valid product body; {@code extra} members (JSON, with a leading comma) are appended. */
    static String body(String name, String unitPrice, String extra) {
        return """
                {"name": "%s", "unitPrice": "%s", "weightGrams": 320, "lengthMm": 120, "widthMm": 90,
                 "heightMm": 100, "binLocation": "A-01-03"%s}""".formatted(name, unitPrice, extra);
    }

    static ResponseEntity<Map<String, Object>> put(TestRestTemplate as, String sku, String body) {
        return as.exchange("/api/products/" + sku, HttpMethod.PUT, OrderflowApi.json(body), OrderflowApi.JSON_OBJECT);
    }

    static ResponseEntity<Map<String, Object>> get(TestRestTemplate as, String path) {
        return as.exchange(path, HttpMethod.GET, null, OrderflowApi.JSON_OBJECT);
    }

    static ResponseEntity<Map<String, Object>> importBody(TestRestTemplate as, String contentType, byte[] body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.parseMediaType(contentType));
        return as.exchange("/api/products/import", HttpMethod.POST, new HttpEntity<>(body, headers),
                OrderflowApi.JSON_OBJECT);
    }

    static ResponseEntity<Map<String, Object>> importCsv(TestRestTemplate as, String csv) {
        return importBody(as, "text/csv", csv.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    static ResponseEntity<Map<String, Object>> importJson(TestRestTemplate as, String json) {
        return importBody(as, "application/json", json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The pointers of a problem's {@code errors}. */
    @SuppressWarnings("unchecked")
    static java.util.List<String> pointers(Map<String, Object> problem) {
        return ((java.util.List<Map<String, Object>>) problem.getOrDefault("errors", java.util.List.of())).stream()
                .map(error -> (String) error.get("pointer")).toList();
    }

    /** The detail of the error at {@code pointer}. */
    @SuppressWarnings("unchecked")
    static String detailAt(Map<String, Object> problem, String pointer) {
        return ((java.util.List<Map<String, Object>>) problem.get("errors")).stream()
                .filter(error -> pointer.equals(error.get("pointer"))).map(error -> (String) error.get("detail"))
                .findFirst().orElseThrow(() -> new AssertionError("no error at " + pointer + " in " + problem));
    }
}
