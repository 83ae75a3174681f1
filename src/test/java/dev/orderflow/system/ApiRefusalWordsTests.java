package dev.orderflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orderflow.support.LocalRunTest;
import dev.orderflow.support.RawHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What a client reads when the API refuses: Problem Details whatever it accepts (an Accept header that is no list of
 * media types is itself a 400 naming it), JSON only (never YAML), and details in the API's words rather than the
 * words of the libraries underneath.
 */
class ApiRefusalWordsTests extends LocalRunTest {

    @LocalServerPort
    int port;

    RawHttp raw;

    private final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void connect() {
        raw = new RawHttp(port);
    }

    private RawHttp.Answer send(String method, String target, String user, String headers, String body)
            throws Exception {
        byte[] bytes = body == null ? null : body.getBytes(StandardCharsets.UTF_8);
        return raw.send(method + " " + target + " HTTP/1.1\r\nHost: localhost\r\n"
                + (user == null ? "" : RawHttp.basic(user, user)) + headers
                + (bytes == null ? "" : "Content-Length: " + bytes.length + "\r\n"), bytes);
    }

    private JsonNode problem(RawHttp.Answer answer, int status) throws Exception {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.contentType()).as(answer.headers().toString()).startsWith("application/problem+json");
        JsonNode body = json.readTree(answer.body());
        assertThat(body.get("status").asInt()).isEqualTo(status);
        return body;
    }

    @ParameterizedTest
    @ValueSource(strings = {";;;", "application/json;q=abc"})
    void anAcceptHeaderThatIsNoListOfMediaTypesIsA400NamingItWhateverTheResource(String accept) throws Exception {
        for (String target : new String[] {"/api/products/NOPE", "/api/products/MUG-ECO-01"}) {
            // when
            RawHttp.Answer answer = send("GET", target, "storefront", "Accept: " + accept + "\r\n", null);

            // then
            assertThat(problem(answer, 400).get("detail").asText()).contains("Accept").contains(accept);
        }
    }

    @Test
    void anUnparseableAcceptComesAfterAuthenticationAndRole() throws Exception {
        RawHttp.Answer anonymous = send("GET", "/api/products/MUG-ECO-01", null, "Accept: ;;;\r\n", null);
        RawHttp.Answer storefront = send("POST", "/api/products/import", "storefront",
                "Accept: ;;;\r\nContent-Type: text/csv\r\n", "sku\nX\n");

        problem(anonymous, 401);
        problem(storefront, 403);
    }

    @Test
    void aBadImportWithAnUnparseableAcceptIsStillAnsweredWithABody() throws Exception {
        RawHttp.Answer answer = send("POST", "/api/products/import", "staff",
                "Accept: application/json;q=abc\r\nContent-Type: text/csv\r\n", "nonsense\n");

        assertThat(problem(answer, 400).get("detail").asText()).contains("Accept");
    }

    @Test
    void aMediaTypeTheApiDoesNotSpeakIs406ProblemDetails() throws Exception {
        RawHttp.Answer answer = send("GET", "/api/products/MUG-ECO-01", "storefront", "Accept: application/xml\r\n",
                null);

        assertThat(problem(answer, 406).get("detail").asText()).doesNotContain("yaml");
    }

    @Test
    void yamlIsNeverServedUnderApi() throws Exception {
        // when: the stock ledger asked for as YAML (it would carry money as a number, times as epoch seconds)
        RawHttp.Answer answer = send("GET", "/api/inventory/MUG-ECO-01/movements", "storefront",
                "Accept: application/yaml\r\n", null);

        // then
        JsonNode body = problem(answer, 406);
        assertThat(body.get("detail").asText()).doesNotContain("yaml");
        assertThat(answer.body()).doesNotContain("yaml");
    }

    @Test
    void theOpenApiDocumentIsStillServedAsJsonAndAsYaml() throws Exception {
        RawHttp.Answer asJson = send("GET", "/v3/api-docs", null, "", null);
        RawHttp.Answer asYaml = send("GET", "/v3/api-docs.yaml", null, "", null);

        assertThat(asJson.status()).isEqualTo(200);
        assertThat(json.readTree(asJson.body()).get("openapi").asText()).startsWith("3.");
        assertThat(asYaml.status()).isEqualTo(200);
        assertThat(asYaml.body()).startsWith("openapi: ").contains("/api/products/import:");
    }

    @Test
    void aTrailingSlashNamesNoResourceInTheApisWords() throws Exception {
        RawHttp.Answer answer = send("GET", "/api/products/", "storefront", "", null);

        String detail = problem(answer, 404).get("detail").asText();
        assertThat(detail).startsWith("no such resource: GET /api/products/").contains("no trailing slash")
                .doesNotContain("static");
    }

    @Test
    void aJsonArrayWhereAProductIsExpectedIsNamedAsSuchNotAsInvalidJson() throws Exception {
        RawHttp.Answer answer = send("PUT", "/api/products/T-WORDS-1", "staff",
                "Content-Type: application/json\r\n", "[]");

        assertThat(problem(answer, 400).get("detail").asText()).isEqualTo("the request body must be a JSON object");
    }

    @Test
    void brokenJsonIsStillNamedAsNotValidJson() throws Exception {
        RawHttp.Answer answer = send("PUT", "/api/products/T-WORDS-1", "staff",
                "Content-Type: application/json\r\n", "{\"name\": ");

        assertThat(problem(answer, 400).get("detail").asText()).isEqualTo("the request body is not valid JSON");
    }

    @Test
    void anUnknownCharsetIs415NamingIt() throws Exception {
        RawHttp.Answer answer = send("PUT", "/api/products/T-WORDS-1", "staff",
                "Content-Type: application/json;charset=x-bogus\r\n", "{}");

        String detail = problem(answer, 415).get("detail").asText();
        assertThat(detail).contains("charset").contains("'x-bogus'").contains("UTF-8")
                .doesNotContain("Could not parse");
    }
}
