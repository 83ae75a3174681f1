package dev.orderflow.system;

import static dev.orderflow.support.OrderflowApi.JSON_OBJECT;
import static dev.orderflow.support.OrderflowApi.order;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import dev.orderflow.support.LocalRunTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * JSON bodies are UTF-8 (docs/api.md). A Content-Type naming another charset would have the bytes checked as UTF-8
 * and then decoded in that charset, storing "CafÃ©" for "Café": it is refused with 415 before anything is read,
 * on every endpoint that reads JSON, and changes nothing.
 */
class DeclaredCharsetTests extends LocalRunTest {

    private static final String PRODUCT = """
            {"name": "Caf\u00e9 au lait bowl", "unitPrice": "9.00", "weightGrams": 300, "lengthMm": 140,
             "widthMm": 140, "heightMm": 70, "binLocation": "A-09-09"}""";

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ISO-8859-1", "windows-1252", "UTF-16", "US-ASCII"})
    void aBodyDeclaredInAnotherCharsetIsRefusedAndNothingIsStored(String charset) {
        // when: a product, an adjustment and an order, each declared in that charset (the bytes are UTF-8)
        ResponseEntity<Map<String, Object>> product = send(HttpMethod.PUT, "/api/products/CHARSET-BOWL", PRODUCT,
                charset, api.staff());
        ResponseEntity<Map<String, Object>> adjustment = send(HttpMethod.POST, "/api/inventory/MUG-ECO-01/adjustments",
                "{\"quantity\": 1, \"reason\": \"FOUND\", \"note\": \"Caf\u00e9 shelf\"}", charset, api.staff());
        ResponseEntity<Map<String, Object>> placed = send(HttpMethod.POST, "/api/orders",
                order("MUG-ECO-01", 1, "12.50").replace("Ada Lovelace", "Ren\u00e9e Caf\u00e9"), charset,
                api.storefront());

        // then: 415 naming the charset, and nothing was written
        for (ResponseEntity<Map<String, Object>> answer : List.of(product, adjustment, placed)) {
            assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
            assertThat((String) answer.getBody().get("detail")).startsWith("the API reads UTF-8 only, not ");
        }
        assertThat(api.staff().getForEntity("/api/products/CHARSET-BOWL", String.class).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(api.staff().getForObject("/api/inventory/MUG-ECO-01/movements", String.class))
                .doesNotContain("shelf");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"UTF-8", "utf-8"})
    void utf8DeclaredOrNotIsReadAsSent(String charset) {
        ResponseEntity<Map<String, Object>> product = send(HttpMethod.PUT, "/api/products/CHARSET-CUP-" + charset,
                PRODUCT, charset, api.staff());

        assertThat(product.getStatusCode().is2xxSuccessful()).isTrue();
        assertThat(product.getBody()).containsEntry("name", "Caf\u00e9 au lait bowl");
    }

    private static ResponseEntity<Map<String, Object>> send(HttpMethod method, String path, String body,
            String charset, TestRestTemplate as) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.CONTENT_TYPE, "application/json;charset=" + charset);
        return as.exchange(path, method, new HttpEntity<>(body.getBytes(StandardCharsets.UTF_8), headers),
                JSON_OBJECT);
    }
}
