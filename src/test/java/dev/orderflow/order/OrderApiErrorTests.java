package dev.orderflow.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import dev.orderflow.support.LocalRunTest;
import org.camunda.bpm.engine.HistoryService;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every error case of {@code POST /api/orders} in docs/api.md: its status, a Problem Details body, the JSON Pointer
 * of the offending field, and nothing stored, no process started.
 */
class OrderApiErrorTests extends LocalRunTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    HistoryService history;

    /** One rejected request: what is sent, as whom, and the answer it must get. */
    record Rejected(String name, String user, String contentType, Map<String, String> headers, String body,
            int status, String pointer) {

        @Override
        public String toString() {
            return name;
        }
    }

    static final String VALID = OrderflowTestOrders.valid();

    static Stream<Rejected> rejectedOrders() {
        return Stream.of(
                bad("malformed JSON", "{\"customer\": ", 400, null),
                bad("not an object", "[1, 2]", 400, null),
                bad("unknown field", VALID.replace("\"currency\"", "\"discount\": \"10%\", \"currency\""), 400,
                        "/discount"),
                bad("unknown field in a line", VALID.replace("\"quantity\": 2", "\"quantity\": 2, \"gift\": true"),
                        400, "/lines/0/gift"),
                bad("customer missing", VALID.replaceFirst("\"customer\": \\{[^}]*},", ""), 400, "/customer"),
                bad("e-mail missing", VALID.replace("\"email\": \"ada@example.com\"", "\"email\": null"), 400,
                        "/customer/email"),
                bad("e-mail invalid", VALID.replace("ada@example.com", "ada-at-example"), 400, "/customer/email"),
                bad("name blank", VALID.replace("\"Ada Lovelace\"", "\"  \""), 400, "/customer/name"),
                bad("address line missing", VALID.replace("\"line1\": \"12 Analytical St\",", ""), 400,
                        "/shippingAddress/line1"),
                bad("country not ISO 3166-1", VALID.replace("\"GB\"", "\"XX\""), 400, "/shippingAddress/country"),
                bad("country lower case", VALID.replace("\"GB\"", "\"gb\""), 400, "/shippingAddress/country"),
                bad("country as a name", VALID.replace("\"GB\"", "\"United Kingdom\""), 400,
                        "/shippingAddress/country"),
                bad("currency not ISO 4217", VALID.replace("\"EUR\"", "\"EURO\""), 400, "/currency"),
                bad("currency unknown code", VALID.replace("\"EUR\"", "\"ABC\""), 400, "/currency"),
                bad("lines missing", VALID.replaceFirst("\"lines\": \\[.*]", "\"lines\": null"), 400, "/lines"),
                bad("no lines", VALID.replaceFirst("\"lines\": \\[.*]", "\"lines\": []"), 400, "/lines"),
                bad("101 lines", VALID.replaceFirst("\"lines\": \\[.*]", "\"lines\": " + lines(101)), 400, "/lines"),
                bad("same SKU twice", VALID.replaceFirst("\"lines\": \\[.*]", "\"lines\": ["
                        + "{\"sku\": \"MUG-ECO-01\", \"quantity\": 1, \"unitPrice\": \"12.50\"},"
                        + "{\"sku\": \"MUG-ECO-01\", \"quantity\": 1, \"unitPrice\": \"12.50\"}]"), 400, "/lines/1/sku"),
                bad("quantity missing", VALID.replace("\"quantity\": 2, ", ""), 400, "/lines/0/quantity"),
                bad("quantity zero", VALID.replace("\"quantity\": 2", "\"quantity\": 0"), 400, "/lines/0/quantity"),
                bad("quantity negative", VALID.replace("\"quantity\": 2", "\"quantity\": -3"), 400,
                        "/lines/0/quantity"),
                bad("quantity above 1000", VALID.replace("\"quantity\": 2", "\"quantity\": 1001"), 400,
                        "/lines/0/quantity"),
                bad("quantity fractional", VALID.replace("\"quantity\": 2", "\"quantity\": 1.5"), 400,
                        "/lines/0/quantity"),
                bad("quantity as text", VALID.replace("\"quantity\": 2", "\"quantity\": \"two\""), 400,
                        "/lines/0/quantity"),
                bad("price as a float", VALID.replace("\"unitPrice\": \"12.50\"", "\"unitPrice\": 12.5"), 400,
                        "/lines/0/unitPrice"),
                bad("price zero", VALID.replace("\"12.50\"", "\"0.00\""), 400, "/lines/0/unitPrice"),
                bad("price negative", VALID.replace("\"12.50\"", "\"-12.50\""), 400, "/lines/0/unitPrice"),
                bad("price with 3 decimals", VALID.replace("\"12.50\"", "\"12.505\""), 400, "/lines/0/unitPrice"),
                bad("price not a number", VALID.replace("\"12.50\"", "\"cheap\""), 400, "/lines/0/unitPrice"),
                bad("price with a leading space", VALID.replace("\"12.50\"", "\" 12.50\""), 400, "/lines/0/unitPrice"),
                bad("price with a trailing space", VALID.replace("\"12.50\"", "\"12.50 \""), 400, "/lines/0/unitPrice"),
                bad("price with 3 decimals ending in 0", VALID.replace("\"12.50\"", "\"12.500\""), 400,
                        "/lines/0/unitPrice"),
                bad("price with leading zeros", VALID.replace("\"12.50\"", "\"0012.50\""), 400, "/lines/0/unitPrice"),
                bad("price with a plus sign", VALID.replace("\"12.50\"", "\"+12.50\""), 400, "/lines/0/unitPrice"),
                bad("price in exponent form", VALID.replace("\"12.50\"", "\"1.25e1\""), 400, "/lines/0/unitPrice"),
                bad("price with a decimal comma", VALID.replace("\"12.50\"", "\"12,50\""), 400, "/lines/0/unitPrice"),
                bad("price without decimals after the point", VALID.replace("\"12.50\"", "\"12.\""), 400,
                        "/lines/0/unitPrice"),
                bad("price without digits before the point", VALID.replace("\"12.50\"", "\".50\""), 400,
                        "/lines/0/unitPrice"),
                bad("price in full-width digits", VALID.replace("\"12.50\"", "\"\uFF11\uFF12.50\""), 400,
                        "/lines/0/unitPrice"),
                bad("price of a million", VALID.replace("\"12.50\"", "\"1000000.00\""), 400, "/lines/0/unitPrice"),
                bad("name of 201 emoji", VALID.replace("Ada Lovelace", "\uD83C\uDFE0".repeat(201)), 400,
                        "/customer/name"),
                bad("name of a zero-width space only", VALID.replace("Ada Lovelace", "\u200B"), 400, "/customer/name"),
                bad("name of invisible characters", VALID.replace("Ada Lovelace", " \u200B\u00A0\u2060\u3164 "), 400,
                        "/customer/name"),
                bad("name of a braille blank only", VALID.replace("Ada Lovelace", "\u2800"), 400, "/customer/name"),
                bad("name of a soft hyphen only", VALID.replace("Ada Lovelace", "\u00AD"), 400, "/customer/name"),
                bad("e-mail of a zero-width space only", VALID.replace("ada@example.com", "\u200B"), 400,
                        "/customer/email"),
                bad("address line of a braille blank only", VALID.replace("12 Analytical St", "\u2800"), 400,
                        "/shippingAddress/line1"),
                bad("address line of a soft hyphen only", VALID.replace("12 Analytical St", "\u00AD"), 400,
                        "/shippingAddress/line1"),
                bad("address line of a zero-width space only", VALID.replace("12 Analytical St", "\u200B"), 400,
                        "/shippingAddress/line1"),
                bad("country of a zero-width space only", VALID.replace("\"GB\"", "\"\u200B\""), 400,
                        "/shippingAddress/country"),
                bad("currency of a soft hyphen only", VALID.replace("\"EUR\"", "\"\u00AD\""), 400, "/currency"),
                bad("SKU of a braille blank only", VALID.replace("MUG-ECO-01", "\u2800"), 400, "/lines/0/sku"),
                bad("address line of a no-break space only", VALID.replace("12 Analytical St", "\u00A0"), 400,
                        "/shippingAddress/line1"),
                bad("name with a right-to-left override", VALID.replace("Ada Lovelace", "Ada\u202Eecalevol"), 400,
                        "/customer/name"),
                bad("city with a line separator", VALID.replace("London", "Lon\u2028don"), 400,
                        "/shippingAddress/city"),
                bad("postal code with a tab", VALID.replace("NW1 6XE", "NW1\t6XE"), 400, "/shippingAddress/postalCode"),
                bad("name with a lone surrogate", VALID.replace("Ada Lovelace", "Ada\\uD83C"), 400, "/customer/name"),
                bad("name as a number", VALID.replace("\"Ada Lovelace\"", "12"), 400, "/customer/name"),
                bad("city as true", VALID.replace("\"London\"", "true"), 400, "/shippingAddress/city"),
                bad("SKU as a number", VALID.replace("\"MUG-ECO-01\"", "123"), 400, "/lines/0/sku"),
                bad("payment reference of 101 characters", VALID.replace("pay_8f3a21", "\u00E9".repeat(101)), 400,
                        "/paymentReference"),
                new Rejected("Idempotency-Key empty", "storefront", "application/json", Map.of("Idempotency-Key", ""),
                        VALID, 400, null),
                new Rejected("Idempotency-Key of 256 characters", "storefront", "application/json",
                        Map.of("Idempotency-Key", "k".repeat(256)), VALID, 400, null),
                new Rejected("Idempotency-Key with a space", "storefront", "application/json",
                        Map.of("Idempotency-Key", "two words"), VALID, 400, null),
                bad("unknown SKU", VALID.replace("MUG-ECO-01", "NO-SUCH-SKU"), 422, "/lines/0/sku"),
                bad("another shop's currency", VALID.replace("\"EUR\"", "\"USD\""), 422, "/currency"),
                bad("400 before 422: bad quantity and unknown SKU",
                        VALID.replace("MUG-ECO-01", "NO-SUCH-SKU").replace("\"quantity\": 2", "\"quantity\": 0"), 400,
                        "/lines/0/quantity"),
                bad("body above 64 KiB", VALID.replace("\"SHOP-10023\"", "\"" + "x".repeat(70_000) + "\""), 413,
                        null),
                new Rejected("not JSON", "storefront", "text/plain", Map.of(), VALID, 415, null),
                new Rejected("no credentials", null, "application/json", Map.of(), VALID, 401, null),
                new Rejected("401 before 400: no credentials, broken body", null, "application/json", Map.of(),
                        "{", 401, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejectedOrders")
    void rejectedOrderGetsItsStatusAndStoresNothing(Rejected request) {
        // given
        long orders = countOrders();
        long processes = history.createHistoricProcessInstanceQuery().count();

        // when
        ResponseEntity<Map> answer = send(request);

        // then
        assertThat(answer.getStatusCode().value()).isEqualTo(request.status());
        assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(answer.getBody()).containsEntry("status", request.status()).containsKeys("type", "title", "detail");
        if (request.pointer() != null) {
            @SuppressWarnings("unchecked")
            List<Map<String, String>> errors = (List<Map<String, String>>) answer.getBody().get("errors");
            assertThat(errors).extracting(error -> error.get("pointer")).contains(request.pointer());
        }
        assertThat(countOrders()).isEqualTo(orders);
        assertThat(history.createHistoricProcessInstanceQuery().count()).isEqualTo(processes);
    }

    private ResponseEntity<Map> send(Rejected request) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.parseMediaType(request.contentType()));
        request.headers().forEach(headers::set);
        var client = request.user() == null ? http : http.withBasicAuth(request.user(), request.user());
        return client.exchange("/api/orders", HttpMethod.POST, new HttpEntity<>(request.body(), headers), Map.class);
    }

    private long countOrders() {
        return jdbc.sql("select count(*) from customer_order").query(Long.class).single();
    }

    private static Rejected bad(String name, String body, int status, String pointer) {
        return new Rejected(name, "storefront", "application/json", Map.of(), body, status, pointer);
    }

    private static String lines(int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> "{\"sku\": \"SKU-" + i + "\", \"quantity\": 1, \"unitPrice\": \"1.00\"}")
                .collect(Collectors.joining(",", "[", "]"));
    }
}
