package dev.orderflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import dev.orderflow.support.LocalRunTest;
import dev.orderflow.support.OrderflowApi;
import org.camunda.bpm.engine.HistoryService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Malformed and hostile requests across the API. Each is refused with its documented 4xx and Problem Details,
 * stores nothing and starts no process; harmless text that merely looks hostile is accepted, stored as typed,
 * never evaluated, and shown escaped. The service stays healthy throughout.
 */
class HostileInputTests extends LocalRunTest {

    private static final String ORDER = OrderflowApi.order("UMBRELLA-ECO", 2, "29.00");
    private static final String UNKNOWN = "/api/orders/00000000-0000-0000-0000-000000000000";

    @Autowired
    JdbcClient jdbc;

    @Autowired
    HistoryService history;

    /** A request the API must refuse. */
    record Hostile(String name, String method, String path, String contentType, byte[] body, int status) {

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Hostile> hostileRequests() {
        return Stream.of(
                order("quantity 1e20", ORDER.replace("\"quantity\": 2", "\"quantity\": 1e20"), 400),
                order("quantity beyond long", ORDER.replace("\"quantity\": 2", "\"quantity\": 99999999999999999999"), 400),
                order("quantity as a string", ORDER.replace("\"quantity\": 2", "\"quantity\": \"2\""), 400),
                order("quantity as a boolean", ORDER.replace("\"quantity\": 2", "\"quantity\": true"), 400),
                order("quantity 2.0", ORDER.replace("\"quantity\": 2", "\"quantity\": 2.0"), 400),
                order("quantity 0.5", ORDER.replace("\"quantity\": 2", "\"quantity\": 0.5"), 400),
                order("quantity -0", ORDER.replace("\"quantity\": 2", "\"quantity\": -0"), 400),
                order("quantity as an array", ORDER.replace("\"quantity\": 2", "\"quantity\": [2]"), 400),
                order("price in exponent form", ORDER.replace("\"29.00\"", "\"1e3\""), 400),
                order("price NaN", ORDER.replace("\"29.00\"", "\"NaN\""), 400),
                order("price Infinity", ORDER.replace("\"29.00\"", "\"Infinity\""), 400),
                order("price of 14 digits", ORDER.replace("\"29.00\"", "\"99999999999999.99\""), 400),
                order("price minus zero", ORDER.replace("\"29.00\"", "\"-0.00\""), 400),
                order("price as an object", ORDER.replace("\"29.00\"", "{\"amount\": 12.5}"), 400),
                order("lines as an object", ORDER.replaceFirst("\"lines\": \\[.*]", "\"lines\": {}"), 400),
                order("customer as a string", ORDER.replaceFirst("\"customer\": \\{[^}]*}", "\"customer\": \"Ada\""), 400),
                order("nesting 5000 deep", "{\"lines\": " + "[".repeat(5000) + "]".repeat(5000) + "}", 400),
                order("a megabyte name", ORDER.replace("Ada Lovelace", "A".repeat(1_048_576)), 413),
                order("NUL character in the name", ORDER.replace("Ada Lovelace", "Ada\\u0000Lovelace"), 400),
                order("line break in the name", ORDER.replace("Ada Lovelace", "Ada\\nLovelace"), 400),
                order("mail header injection", ORDER.replace("ada@example.com", "ada@example.com\\r\\nBcc: all@example.com"), 400),
                order("e-mail of 400 characters", ORDER.replace("ada@example.com", "a".repeat(390) + "@example.com"), 400),
                order("SQL in the SKU", ORDER.replace("UMBRELLA-ECO", "'; DROP TABLE product;--"), 400),
                order("path in the SKU", ORDER.replace("UMBRELLA-ECO", "../../etc/passwd"), 400),
                order("expression in the SKU", ORDER.replace("UMBRELLA-ECO", "${7*7}"), 400),
                order("country with a space", ORDER.replace("\"DE\"", "\"D E\""), 400),
                order("currency in lower case", ORDER.replace("\"EUR\"", "\"eur\""), 400),
                order("external reference of 101 characters", ORDER.replace("SHOP-IT", "R".repeat(101)), 400),
                order("duplicate key", ORDER.replace("\"currency\": \"EUR\",", "\"currency\": \"EUR\", \"currency\": \"USD\","), 400),
                order("trailing garbage", ORDER + " {\"again\": true}", 400),
                order("top-level array", "[" + ORDER + "]", 400),
                order("top-level string", "\"order\"", 400),
                order("empty body", "", 400),
                order("null body", "null", 400),
                new Hostile("invalid UTF-8", "POST", "/api/orders", "application/json", invalidUtf8(), 400),
                malformedUtf8("overlong '/' in the name", "/api/orders", ORDER, "Ada", "c0af"),
                malformedUtf8("overlong NUL in the name", "/api/orders", ORDER, "Ada", "c080"),
                malformedUtf8("three-byte overlong '/' in the SKU", "/api/orders", ORDER, "ECO", "e080af"),
                malformedUtf8("surrogate encoded in UTF-8", "/api/orders", ORDER, "Ada", "eda080"),
                malformedUtf8("CESU-8 surrogate pair", "/api/orders", ORDER, "Ada", "eda0bdedb8a0"),
                malformedUtf8("truncated sequence", "/api/orders", ORDER, "Ada", "e282"),
                malformedUtf8("byte 0xFF", "/api/orders", ORDER, "Ada", "ff"),
                malformedUtf8("lone continuation byte", "/api/orders", ORDER, "Ada", "80"),
                malformedUtf8("beyond U+10FFFF", "/api/orders", ORDER, "Ada", "f4908080"),
                malformedUtf8("overlong in a stock decision", UNKNOWN + "/stock-decision", "{\"decision\": \"WAIT\"}",
                        "WAIT", "c0af"),
                malformedUtf8("overlong in a cancellation reason", UNKNOWN + "/cancellation",
                        "{\"reason\": \"changed my mind\"}", "mind", "c0af"),
                malformedUtf8("surrogate in a restock", "/api/inventory/UMBRELLA-ECO/restock",
                        "{\"quantity\": 1, \"x\": \"y\"}", "y", "edbfbf"),
                malformedUtf8("truncated at the very end of an order", "/api/orders", ORDER + "  ", "  ", "f09f8f"),
                order("price with leading zeros", ORDER.replace("\"29.00\"", "\"0029.00\""), 400),
                order("price with a space", ORDER.replace("\"29.00\"", "\" 29.00\""), 400),
                order("price with 3 decimals", ORDER.replace("\"29.00\"", "\"29.000\""), 400),
                order("zero-width space as the name", ORDER.replace("Ada Lovelace", "\u200B\u200B"), 400),
                order("201 emoji as the name", ORDER.replace("Ada Lovelace", "\uD83D\uDE00".repeat(201)), 400),
                json("cancellation reason of 501 emoji", "POST", UNKNOWN + "/cancellation",
                        "{\"reason\": \"" + "\uD83D\uDE00".repeat(501) + "\"}", 400),
                json("cancellation reason with an escape sequence", "POST", UNKNOWN + "/cancellation",
                        "{\"reason\": \"\u001B[2J\"}", 400),
                new Hostile("raw NUL byte in the JSON", "POST", "/api/orders", "application/json",
                        ORDER.replace("Ada", "Ada\u0000").getBytes(StandardCharsets.UTF_8), 400),
                new Hostile("XML instead of JSON", "POST", "/api/orders", "application/xml",
                        "<order/>".getBytes(StandardCharsets.UTF_8), 415),
                json("expression as stock decision", "POST", UNKNOWN + "/stock-decision", "{\"decision\": \"${7*7}\"}", 400),
                json("stock decision as an array", "POST", UNKNOWN + "/stock-decision", "{\"decision\": [\"WAIT\"]}", 400),
                json("cancellation reason of 501 characters", "POST", UNKNOWN + "/cancellation",
                        "{\"reason\": \"" + "x".repeat(501) + "\"}", 400),
                json("restock of 1e10", "POST", "/api/inventory/UMBRELLA-ECO/restock", "{\"quantity\": 1e10}", 400),
                json("restock quantity as a string", "POST", "/api/inventory/UMBRELLA-ECO/restock", "{\"quantity\": \"5\"}", 400),
                json("restock of minus one", "POST", "/api/inventory/UMBRELLA-ECO/restock", "{\"quantity\": -1}", 400),
                json("page beyond int", "GET", "/api/orders?page=99999999999", null, 400),
                json("negative page size", "GET", "/api/inventory?size=-1", null, 400),
                json("SQL as status filter", "GET", "/api/orders?status=SHIPPED'%20OR%20'1'='1", null, 400));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileRequests")
    void hostileRequestIsRefusedAndChangesNothing(Hostile request) {
        // given
        long orders = countOrders();
        long processes = history.createHistoricProcessInstanceQuery().count();
        int umbrellas = (Integer) api.stock("UMBRELLA-ECO").get("onHand");

        // when
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.parseMediaType(request.contentType()));
        headers.setBasicAuth("staff", "staff");
        ResponseEntity<String> answer = http.exchange(java.net.URI.create(http.getRootUri() + request.path()),
                HttpMethod.valueOf(request.method()), new HttpEntity<>(request.body(), headers), String.class);

        // then
        assertThat(answer.getStatusCode().value()).isEqualTo(request.status());
        assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(countOrders()).isEqualTo(orders);
        assertThat(history.createHistoricProcessInstanceQuery().count()).isEqualTo(processes);
        assertThat(api.stock("UMBRELLA-ECO")).containsEntry("onHand", umbrellas);
    }

    static Stream<String> harmlessButHostileLooking() {
        return Stream.of("Robert'); DROP TABLE customer_order;--", "${7*7}", "#{7*7}", "{{7*7}}",
                "<b>Ada</b><img src=x onerror=alert(1)>", "Zoë \uD83C\uDFE0 Łódź", "%s%n%x");
    }

    @ParameterizedTest(name = "name {0}")
    @MethodSource("harmlessButHostileLooking")
    void harmlessTextIsStoredAsTypedAndShownEscaped(String name) {
        // when
        String body = ORDER.replace("Ada Lovelace", name.replace("\\", "\\\\").replace("\"", "\\\""));
        ResponseEntity<Map<String, Object>> placed = api.place(body);

        // then
        assertThat(placed.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String orderId = (String) placed.getBody().get("orderId");
        assertThat(jdbc.sql("select customer_name from customer_order where id = :id")
                .param("id", UUID.fromString(orderId)).query(String.class).single()).isEqualTo(name);
        String url = (String) api.get(orderId).get("trackingUrl");
        String page = http.getForObject(url.substring(url.indexOf("/track/")), String.class);
        assertThat(page).contains(org.springframework.web.util.HtmlUtils.htmlEscape(name, "UTF-8"))
                .doesNotContain("<img src=x").doesNotContain(">49<");
        // and the order goes its way like any other (and leaves no stock movement behind for the next test)
        api.awaitStatus(orderId, "SHIPPED");
    }

    @AfterEach
    void serviceStaysHealthy() {
        ResponseEntity<Map> health = http.getForEntity("/actuator/health", Map.class);
        assertThat(health.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(health.getBody()).containsEntry("status", "UP");
    }

    private long countOrders() {
        return jdbc.sql("select count(*) from customer_order").query(Long.class).single();
    }

    private static Hostile order(String name, String body, int status) {
        return new Hostile(name, "POST", "/api/orders", "application/json", body.getBytes(StandardCharsets.UTF_8),
                status);
    }

    private static Hostile json(String name, String method, String path, String body, int status) {
        return new Hostile(name, method, path, "application/json",
                body == null ? null : body.getBytes(StandardCharsets.UTF_8), status);
    }

    /** {@code json} with the bytes {@code hex} put in place of {@code replaced}. */
    private static Hostile malformedUtf8(String name, String path, String json, String replaced, String hex) {
        int at = json.indexOf(replaced);
        var body = new java.io.ByteArrayOutputStream();
        body.writeBytes(json.substring(0, at).getBytes(StandardCharsets.UTF_8));
        body.writeBytes(java.util.HexFormat.of().parseHex(hex));
        body.writeBytes(json.substring(at + replaced.length()).getBytes(StandardCharsets.UTF_8));
        return new Hostile("malformed UTF-8: " + name, "POST", path, "application/json", body.toByteArray(), 400);
    }

    @org.junit.jupiter.api.Test
    void unsignedWebhookCallIsUnauthorizedBeforeItsBodyIsJudged() {
        // given: an overlong '/' in an unsigned courier event
        byte[] body = malformedUtf8("webhook", "/api/shipments/SIM-X/events", "{\"eventId\": \"evt-1\"}", "-", "c0af")
                .body();
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);

        // when
        ResponseEntity<String> answer = http.exchange("/api/shipments/SIM-X/events", HttpMethod.POST,
                new HttpEntity<>(body, headers), String.class);

        // then: 401 comes first (docs/api.md, precedence)
        assertThat(answer.getStatusCode().value()).isEqualTo(401);
        assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    }

    private static byte[] invalidUtf8() {
        byte[] valid = ORDER.getBytes(StandardCharsets.UTF_8);
        int at = ORDER.indexOf("Ada");
        valid[at] = (byte) 0xC3;
        valid[at + 1] = (byte) 0x28;
        return valid;
    }
}
