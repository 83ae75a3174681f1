package dev.orderflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Stream;

import dev.orderflow.support.LocalRunTest;
import dev.orderflow.support.RawHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import dev.orderflow.support.ExpectedLogs;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every door of the service bounds request bodies before reading them: a body announced larger than the door's
 * limit gets 413 before a byte of it is sent; a chunked body is cut at the limit, also when Camunda's REST resources
 * or its multipart parser read it. Each door answers in its own format, and the service stays healthy. Camunda's
 * doors do so whoever calls; the API answers 401 and 403 first (its precedence), then 413.
 */
class RequestSizeLimitTests extends LocalRunTest {

    /** bodies that are too large are sent on purpose: /engine-rest's reports of the refusals are expected */
    @RegisterExtension
    static final ExpectedLogs EXPECTED = ExpectedLogs.of("org.camunda.bpm.engine.rest.exception");

    private static final String ORDER = "/api/orders/00000000-0000-0000-0000-000000000000";
    private static final long SEVEN_HUNDRED_MB = 700L * 1024 * 1024;

    @LocalServerPort
    int port;

    RawHttp raw;

    @BeforeEach
    void connect() {
        raw = new RawHttp(port);
    }

    enum Format { PROBLEM, CAMUNDA, HTML }

    /** A door: its request line and headers, its limit, the format of its errors, who calls. */
    record Door(String name, String head, long limit, Format format, boolean anonymous) {

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Door> doors() {
        String json = "Content-Type: application/json\r\n";
        String multipart = "Content-Type: multipart/form-data; boundary=b0undary\r\n";
        return Stream.of(
                door("API, storefront", "POST /api/orders", json, 64 * 1024, Format.PROBLEM, "storefront"),
                door("API stock decision, storefront", "POST " + ORDER + "/stock-decision", json, 64 * 1024,
                        Format.PROBLEM, "storefront"),
                door("API restock, staff", "POST /api/inventory/MUG-ECO-01/restock", json, 64 * 1024,
                        Format.PROBLEM, "staff"),
                door("catalog import, staff", "POST /api/products/import", "Content-Type: text/csv\r\n",
                        32 * 1024 * 1024, Format.PROBLEM, "staff"),
                door("courier webhook, anonymous as couriers are", "POST /api/shipments/SIM-1/events", json,
                        64 * 1024, Format.PROBLEM, null),
                door("engine REST task query, anonymous", "POST /engine-rest/task", json, 512 * 1024,
                        Format.CAMUNDA, null),
                door("engine REST task query, admin", "POST /engine-rest/task", json, 512 * 1024, Format.CAMUNDA,
                        "admin"),
                door("engine REST message, admin", "POST /engine-rest/message", json, 512 * 1024, Format.CAMUNDA,
                        "admin"),
                door("Modeler deployment, anonymous", "POST /engine-rest/deployment/create", multipart,
                        4 * 1024 * 1024, Format.CAMUNDA, null),
                door("Modeler deployment, admin", "POST /engine-rest/deployment/create", multipart, 4 * 1024 * 1024,
                        Format.CAMUNDA, "admin"),
                door("webapp API, anonymous", "POST /camunda/api/engine/engine/default/task", json, 512 * 1024,
                        Format.CAMUNDA, null),
                door("webapp login, anonymous", "POST /camunda/api/admin/auth/user/default/login/cockpit",
                        "Content-Type: application/x-www-form-urlencoded\r\n", 512 * 1024, Format.CAMUNDA, null),
                door("tracking page decision, anonymous", "POST /track/00000000-0000-0000-0000-000000000000/decision",
                        "Content-Type: application/x-www-form-urlencoded\r\nAccept: text/html\r\n", 16 * 1024,
                        Format.HTML, null),
                door("actuator, anonymous", "POST /actuator/health", json, 16 * 1024, Format.HTML, null));
    }

    private static Door door(String name, String requestLine, String headers, long limit, Format format, String user) {
        String credentials = user == null ? "" : RawHttp.basic(user, user);
        return new Door(name, requestLine + " HTTP/1.1\r\nHost: localhost\r\n" + headers + credentials, limit,
                format, user == null);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("doors")
    void bodyAnnouncedAboveTheLimitIsRefusedBeforeItIsSent(Door door) throws Exception {
        // when: 700 MB announced, not a byte sent
        RawHttp.Answer answer = raw.announceOnly(door.head(), SEVEN_HUNDRED_MB);

        // then
        assertThat(answer.status()).isEqualTo(413);
        assertFormat(door, answer);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("doors")
    void bodyJustAboveTheLimitIsRefusedToo(Door door) throws Exception {
        assertThat(raw.announceOnly(door.head(), door.limit() + 1).status()).isEqualTo(413);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("doors")
    void chunkedBodyIsCutAtTheLimit(Door door) throws Exception {
        // when: a chunked body four times the limit and more, sent until the service answers
        RawHttp.Answer answer = raw.sendChunked(door.head(), prefixOf(door), (byte) 'x', 4 * door.limit() + 4_000_000);

        // then: refused; anonymous callers may be turned away before any reading (no credentials, no such method)
        if (door.anonymous() && answer.status() != 413) {
            assertThat(answer.status()).isIn(401, 403, 405);
        } else {
            assertThat(answer.status()).isEqualTo(413);
            assertFormat(door, answer);
        }
    }

    /** An API request that is not allowed at all: who sends it, where, and the refusal that comes before 413. */
    record Unauthorized(String name, String head, int status) {

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Unauthorized> unauthorizedApiCalls() {
        String csv = "Content-Type: text/csv\r\n";
        String json = "Content-Type: application/json\r\n";
        return Stream.of(
                new Unauthorized("import, anonymous", "POST /api/products/import HTTP/1.1\r\nHost: localhost\r\n"
                        + csv, 401),
                new Unauthorized("import, storefront", "POST /api/products/import HTTP/1.1\r\nHost: localhost\r\n"
                        + csv + RawHttp.basic("storefront", "storefront"), 403),
                new Unauthorized("import, wrong password", "POST /api/products/import HTTP/1.1\r\nHost: localhost\r\n"
                        + csv + RawHttp.basic("staff", "nope"), 401),
                new Unauthorized("order, anonymous", "POST /api/orders HTTP/1.1\r\nHost: localhost\r\n" + json, 401),
                new Unauthorized("restock, storefront", "POST /api/inventory/MUG-ECO-01/restock HTTP/1.1\r\n"
                        + "Host: localhost\r\n" + json + RawHttp.basic("storefront", "storefront"), 403));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unauthorizedApiCalls")
    void apiAnswers401And403BeforeTheSizeLimitAnnouncedOrChunked(Unauthorized call) throws Exception {
        // when: a body above the limit (the import's 32 MiB), announced and unsent, then chunked
        RawHttp.Answer announced = raw.announceOnly(call.head(), 33L * 1024 * 1024);
        RawHttp.Answer chunked = raw.sendChunked(call.head(), "{\"name\": \"".getBytes(StandardCharsets.US_ASCII),
                (byte) 'x', 33L * 1024 * 1024);

        // then: who may not call is told so first, as Problem Details
        for (RawHttp.Answer answer : new RawHttp.Answer[] {announced, chunked}) {
            assertThat(answer.status()).as(answer.body()).isEqualTo(call.status());
            assertThat(answer.contentType()).startsWith("application/problem+json");
            assertThat(answer.body()).contains("\"status\":" + call.status());
        }
    }

    @Test
    void limitsPerPathFamilyAndEndpoint() {
        assertThat(RequestSizeLimitFilter.limitFor("POST", "/api/orders").bytes()).isEqualTo(64 * 1024);
        assertThat(RequestSizeLimitFilter.limitFor("POST", "/api/shipments/SIM-1/events").bytes()).isEqualTo(64 * 1024);
        // the catalog import has an entry of its own; a product that happens to be called "import" does not
        assertThat(RequestSizeLimitFilter.limitFor("POST", "/api/products/import").bytes())
                .isEqualTo(32 * 1024 * 1024);
        assertThat(RequestSizeLimitFilter.limitFor("PUT", "/api/products/import").bytes()).isEqualTo(64 * 1024);
        assertThat(RequestSizeLimitFilter.limitFor("POST", "/engine-rest/deployment/create").bytes())
                .isEqualTo(4 * 1024 * 1024);
        assertThat(RequestSizeLimitFilter.limitFor("POST", "/engine-rest/engine/default/deployment/create").bytes())
                .isEqualTo(4 * 1024 * 1024);
        assertThat(RequestSizeLimitFilter.limitFor("POST", "/engine-rest/task").bytes()).isEqualTo(512 * 1024);
        assertThat(RequestSizeLimitFilter.limitFor("POST", "/camunda/api/engine/engine/default/task").bytes())
                .isEqualTo(512 * 1024);
        assertThat(RequestSizeLimitFilter.limitFor("POST", "/track/x/decision").bytes()).isEqualTo(16 * 1024);
        assertThat(RequestSizeLimitFilter.limitFor("GET", "").bytes()).isEqualTo(16 * 1024);
    }

    @Test
    void callerWaitingFor100ContinueIsRefusedWithoutBeingAskedForItsBody() throws Exception {
        // when: an anonymous order that waits for "100 Continue" before sending its body
        RawHttp.Answer answer = raw.announceOnly("POST /api/orders HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/json\r\nExpect: 100-continue\r\n", 1000);

        // then: the first answer is the refusal, not an invitation to send
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.contentType()).startsWith("application/problem+json");
    }

    @Test
    void modelerDeploymentOfAMegabyteStillWorks() throws Exception {
        // given: a deployment of 1 MiB (well above the 512 KiB of other engine calls), as Camunda Modeler sends it
        String resource = "notes " + "n".repeat(1024 * 1024);
        String body = "--b0undary\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\nsize-limit-probe\r\n"
                + "--b0undary\r\nContent-Disposition: form-data; name=\"notes.txt\"; filename=\"notes.txt\"\r\n"
                + "Content-Type: text/plain\r\n\r\n" + resource + "\r\n--b0undary--\r\n";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);

        // when
        RawHttp.Answer answer = raw.send("POST /engine-rest/deployment/create HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: multipart/form-data; boundary=b0undary\r\n" + RawHttp.basic("admin", "admin")
                + "Content-Length: " + bytes.length + "\r\n", bytes);

        // then
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).contains("size-limit-probe");
    }

    @Test
    void orderJustBelowTheLimitIsStillAccepted() throws Exception {
        // given: a valid order padded with spaces to just under 64 KiB
        String order = dev.orderflow.support.OrderflowApi.order("MUG-ECO-01", 1, "12.50");
        byte[] body = (order + " ".repeat(64 * 1024 - order.length())).getBytes(StandardCharsets.UTF_8);

        // when: sent chunked, so only counting can tell
        RawHttp.Answer answer = raw.sendChunked("POST /api/orders HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/json\r\n" + RawHttp.basic("storefront", "storefront"), body, (byte) ' ', 0);

        // then
        assertThat(answer.status()).isEqualTo(201);
    }

    @AfterEach
    void serviceStaysHealthy() {
        ResponseEntity<Map> health = http.getForEntity("/actuator/health", Map.class);
        assertThat(health.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(health.getBody()).containsEntry("status", "UP");
        assertThat(api.stock("MUG-ECO-01")).containsKey("onHand");
    }

    private static byte[] prefixOf(Door door) {
        String prefix = door.head().contains("multipart") ? "--b0undary\r\nContent-Disposition: form-data; "
                + "name=\"big.bpmn\"; filename=\"big.bpmn\"\r\nContent-Type: application/octet-stream\r\n\r\n"
                : door.head().contains("urlencoded") ? "decision=" : "{\"name\": \"";
        return prefix.getBytes(StandardCharsets.US_ASCII);
    }

    private static void assertFormat(Door door, RawHttp.Answer answer) {
        switch (door.format()) {
            case PROBLEM -> {
                assertThat(answer.contentType()).startsWith("application/problem+json");
                assertThat(answer.body()).contains("\"status\":413").contains("\"type\"").contains("\"title\"")
                        .contains("\"detail\"");
            }
            case CAMUNDA -> {
                assertThat(answer.contentType()).startsWith("application/json");
                assertThat(answer.body()).contains("\"type\"").contains("\"message\"");
            }
            case HTML -> assertThat(answer.contentType()).startsWith("text/html");
        }
    }
}
