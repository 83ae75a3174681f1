package dev.orderflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orderflow.support.LocalRunTest;
import dev.orderflow.support.RawHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * Under {@code /api} every error is Problem Details ({@code type, title, status, detail}), whichever layer
 * refuses: Tomcat's connector, Spring Security's firewall and filters, Spring Boot's {@code /error}, Spring MVC.
 * Sent over a raw socket, as written, since HTTP clients normalize such paths. The tracking page keeps its HTML
 * pages and the engine's doors their JSON.
 */
class ErrorContractTests extends LocalRunTest {

    private static final String ORDER = "/api/orders/00000000-0000-0000-0000-000000000000";

    @LocalServerPort
    int port;

    RawHttp raw;

    private final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void connect() {
        raw = new RawHttp(port);
    }

    /** A request line (method and target as sent) and extra headers; the status range the API must answer with. */
    record Malformed(String name, String method, String target, String headers, int status) {

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Malformed> malformedApiRequests() {
        return Stream.of(
                get("empty segment at the end", "/api/orders//", 400),
                get("empty segment inside", "/api//orders", 400),
                get("encoded dot", "/api/orders/%2e", 400),
                get("encoded dot dot", "/api/orders/%2e%2e/x", 400),
                get("dot segment", "/api/./orders", 400),
                get("dot dot segment", "/api/orders/../inventory", 400),
                get("path parameter", "/api/orders/x;y=1", 400),
                get("path parameter on /api", "/api;jsessionid=1/orders", 400),
                get("encoded slash", "/api/orders/%2F", 400),
                get("encoded slash lower case", "/api/orders/a%2fb", 400),
                get("encoded backslash", "/api/orders/%5C", 400),
                get("raw backslash", "/api/orders/a\\b", 400),
                get("encoded null byte", "/api/orders/%00", 400),
                get("encoded line feed", "/api/orders/%0a", 400),
                // the firewall lets these through; the id they leave is unknown
                get("encoded tab", "/api/orders/%09", 404),
                get("encoded DEL", "/api/orders/%7F", 404),
                get("encoded space", "/api/orders/%20", 404),
                get("encoded percent", "/api/orders/%25", 400),
                get("encoded percent before hex", "/api/orders/%252e", 400),
                get("broken escape", "/api/orders/%zz", 400),
                get("truncated escape", "/api/orders/%2", 400),
                get("overlong slash", "/api/orders/%C0%AF", 400),
                get("invalid UTF-8 in the path", "/api/orders/%FF", 400),
                get("raw curly braces", "/api/orders/{id}", 400),
                get("raw pipe", "/api/orders/a|b", 400),
                get("raw angle brackets", "/api/orders/<script>", 400),
                get("raw non-ASCII byte", "/api/orders/\u00e9", 400),
                get("unknown resource", "/api/nothing-here", 404),
                get("not a UUID", "/api/orders/not-a-uuid", 404),
                get("unknown order", ORDER, 404),
                get("bad query parameter", "/api/orders?status=NOPE", 400),
                get("broken escape in the query", "/api/orders?status=%zz", 400),
                new Malformed("method TRACE", "TRACE", "/api/orders", "", 400),
                new Malformed("made-up method", "FROB", "/api/orders", "", 400),
                new Malformed("method not allowed", "DELETE", "/api/orders", "", 405),
                new Malformed("PUT on an order", "PUT", ORDER, "Content-Type: application/json\r\n"
                        + "Content-Length: 2\r\n", 405),
                new Malformed("HTML wanted", "GET", "/api/orders/not-a-uuid", "Accept: text/html\r\n", 404),
                new Malformed("image wanted", "GET", ORDER, "Accept: image/png\r\n", 404),
                new Malformed("image wanted of a list", "GET", "/api/orders", "Accept: image/png\r\n", 406),
                new Malformed("Accept that is no media type", "GET", "/api/products/NOPE", "Accept: ;;;\r\n", 400),
                new Malformed("Accept with a bad quality", "GET", ORDER, "Accept: application/json;q=abc\r\n", 400),
                new Malformed("YAML wanted", "GET", "/api/inventory/MUG-ECO-01/movements",
                        "Accept: application/yaml\r\n", 406),
                get("trailing slash", "/api/products/", 404),
                new Malformed("XML sent", "POST", "/api/orders", "Content-Type: application/xml\r\n"
                        + "Content-Length: 8\r\n", 415),
                new Malformed("control character in a header", "GET", "/api/orders", "X-Note: a\u0001b\r\n", 400),
                new Malformed("header name with a space", "GET", "/api/orders", "X Note: b\r\n", 400),
                new Malformed("headers of 20 KiB", "GET", "/api/orders", "X-Big: " + "b".repeat(20 * 1024) + "\r\n",
                        400),
                new Malformed("Idempotency-Key with a control character", "POST", "/api/orders",
                        "Idempotency-Key: k\u0007\r\nContent-Type: application/json\r\nContent-Length: 2\r\n", 400));
    }

    private static Malformed get(String name, String target, int status) {
        return new Malformed(name, "GET", target, "", status);
    }

    @ParameterizedTest(name = "{0}: {1} {2}")
    @MethodSource("malformedApiRequests")
    void everyErrorUnderApiIsProblemDetails(Malformed request) throws Exception {
        for (String user : new String[] {"storefront", null}) {
            // when
            String credentials = user == null ? "" : RawHttp.basic(user, user);
            byte[] body = request.headers().contains("Content-Length: 2") ? "{}".getBytes()
                    : request.headers().contains("Content-Length: 8") ? "<order/>".getBytes() : null;
            RawHttp.Answer answer = raw.send(request.method() + " " + request.target() + " HTTP/1.1\r\n"
                    + "Host: localhost\r\n" + credentials + request.headers(), body);

            // then: with credentials the request's own fault; without, 401 may come first (docs/api.md, precedence)
            if (user == null && answer.status() == 401) {
                assertProblem(answer, 401);
            } else {
                assertProblem(answer, request.status());
            }
        }
    }

    static Stream<String> malformedTrackingPaths() {
        return Stream.of("/track/x//y", "/track/%2e", "/track/x;y=1", "/track/%2F", "/track/%00", "/track/%zz");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedTrackingPaths")
    void trackingPageKeepsHtmlErrorPages(String target) throws Exception {
        RawHttp.Answer answer = raw.send("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nAccept: text/html\r\n",
                null);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("text/html");
        assertThat(answer.body()).doesNotContain("Apache Tomcat").doesNotContain("Exception");
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"/track/00000000-0000-0000-0000-000000000000", "/",
            "/camunda/app/", "/engine-rest/task", "/actuator/health"})
    void traceIsRefusedEverywhereAndNeverEchoes(String target) throws Exception {
        RawHttp.Answer answer = raw.send("TRACE " + target + " HTTP/1.1\r\nHost: localhost\r\n"
                + RawHttp.basic("admin", "admin") + "X-Secret: echo-me\r\n", null);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).doesNotContain("echo-me").doesNotContain("Authorization");
    }

    static Stream<String> malformedEnginePaths() {
        return Stream.of("/engine-rest/task//x", "/engine-rest/%2e", "/engine-rest/task;x=1", "/engine-rest/task/%2F",
                "/camunda/api/engine/engine//default/task");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedEnginePaths")
    void engineDoorsKeepCamundasErrorFormat(String target) throws Exception {
        RawHttp.Answer answer = raw.send("GET " + target + " HTTP/1.1\r\nHost: localhost\r\n"
                + RawHttp.basic("admin", "admin"), null);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/json");
        assertThat(json.readTree(answer.body()).has("message")).isTrue();
        assertThat(json.readTree(answer.body()).has("type")).isTrue();
    }

    @AfterEach
    void serviceStaysHealthy() {
        ResponseEntity<Map> health = http.getForEntity("/actuator/health", Map.class);
        assertThat(health.getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    private void assertProblem(RawHttp.Answer answer, int status) throws Exception {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.contentType()).as(answer.headers() + " " + answer.body())
                .startsWith("application/problem+json");
        var body = json.readTree(answer.body());
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.hasNonNull("type")).isTrue();
        assertThat(body.hasNonNull("title")).isTrue();
        assertThat(body.hasNonNull("detail")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/orders/{id}", "/api/orders/a|b", "/api/orders/<script>", "/api/orders/a`b",
            "/api/orders/a\"b", "/api/orders/a^b", "/api/inventory/{sku}"})
    void aPathWithCharactersAUriMayNotHoldIsRefusedAtTheDoor(String target) throws Exception {
        // when
        RawHttp.Answer answer = raw.send("GET " + target + " HTTP/1.1\r\nHost: localhost\r\n"
                + RawHttp.basic("storefront", "storefront"), null);

        // then: the firewall refuses it, before any handler builds a URI from it
        assertProblem(answer, 400);
        assertThat(json.readTree(answer.body()).get("title").asText()).isEqualTo("Malformed request");
    }
}
