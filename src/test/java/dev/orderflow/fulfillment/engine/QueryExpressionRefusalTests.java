package dev.orderflow.fulfillment.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import dev.orderflow.fulfillment.OrderFulfillmentProcess.Groups;
import dev.orderflow.support.LocalRunTest;
import dev.orderflow.support.OrderflowApi;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.filter.Filter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * No expression in a task query reaches the engine's evaluation, whichever door the query comes through: the
 * REST API with any content type, encoding or nesting, the webapps' own API, filters (stored and extending
 * queries) and Java code. The expressions used have no side effects; one of them, had it been evaluated, would
 * have selected the review task of a known order, so an answer that lists it would show the evaluation.
 */
class QueryExpressionRefusalTests extends LocalRunTest {

    @Autowired
    TaskService tasks;

    @Autowired
    FilterService filters;

    @Autowired
    JdbcClient jdbc;

    private EngineDoors doors;
    private String orderId;

    @BeforeEach
    void orderUnderReview() {
        doors = new EngineDoors(http);
        orderId = api.placed(OrderflowApi.order("MUG-ECO-01", 1, "9.99"));
        api.awaitStatus(orderId, "UNDER_REVIEW");
    }

    /** Selects the review task of {@code orderId} when evaluated; harmless otherwise. */
    private String businessKeyExpression() {
        return "${'" + orderId + "'}";
    }

    private String orQuery(String contentKey) {
        return "{\"orQueries\": [{\"" + contentKey + "\": \"" + businessKeyExpression() + "\"}]}";
    }

    @Test
    void anExpressionInAQueryParameterIsRefused() {
        ResponseEntity<String> answer = doors.rest("cs", HttpMethod.GET, "/task?processInstanceBusinessKeyExpression="
                + URLEncoder.encode(businessKeyExpression(), StandardCharsets.UTF_8), null, null);

        assertRefused(answer);
    }

    @Test
    void anExpressionInOrQueriesIsRefusedWhateverTheContentTypeSays() {
        for (String contentType : new String[] {"application/JSON", "Application/Json", "application/json",
                "application/json;charset=UTF-8", "application/json; charset=ISO-8859-1",
                "application/vnd.whatever+json"}) {
            ResponseEntity<String> answer = doors.rest("cs", HttpMethod.POST, "/task", contentType,
                    orQuery("processInstanceBusinessKeyExpression").getBytes(StandardCharsets.UTF_8));

            assertThat(answer.getStatusCode().is4xxClientError()).as(contentType).isTrue();
            assertThat(answer.getBody()).as(contentType).doesNotContain(orderId);
        }
        assertRefused(doors.rest("cs", HttpMethod.POST, "/task", "application/JSON",
                orQuery("processInstanceBusinessKeyExpression").getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void anEscapedOrUtf16EncodedExpressionIsRefused() {
        String escaped = "{\"orQueries\": [{\"processInstanceBusinessKey\\u0045xpression\": \"\\u0024{'" + orderId
                + "'}\"}]}";
        assertRefused(doors.rest("cs", HttpMethod.POST, "/task", "application/JSON",
                escaped.getBytes(StandardCharsets.UTF_8)));

        ResponseEntity<String> utf16 = doors.rest("cs", HttpMethod.POST, "/task", "application/json;charset=UTF-16",
                orQuery("processInstanceBusinessKeyExpression").getBytes(StandardCharsets.UTF_16));
        assertThat(utf16.getStatusCode().is4xxClientError()).isTrue();
        assertThat(utf16.getBody()).doesNotContain(orderId);
    }

    @Test
    void bodiesThatAreNotPlainJsonNeverGetAnExpressionEvaluated() throws IOException {
        byte[] query = orQuery("processInstanceBusinessKeyExpression").getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(gzipped)) {
            gzip.write(query);
        }
        byte[] truncated = new String(query, StandardCharsets.UTF_8).replaceAll("}$", "").getBytes(StandardCharsets.UTF_8);

        var answers = Map.of(
                "no content type", doors.rest("cs", HttpMethod.POST, "/task", null, query),
                "text/plain", doors.rest("cs", HttpMethod.POST, "/task", "text/plain", query),
                "gzip", doors.rest("cs", "cs", HttpMethod.POST, "/task", "application/JSON", gzipped.toByteArray(),
                        Map.of("Content-Encoding", "gzip")),
                "unparseable", doors.rest("cs", HttpMethod.POST, "/task", "application/JSON", truncated));

        answers.forEach((what, answer) -> {
            assertThat(answer.getStatusCode().is4xxClientError()).as(what).isTrue();
            assertThat(answer.getBody()).as(what).doesNotContain(orderId);
        });
    }

    @Test
    void anExpressionNestedAtAnyDepthIsRefused() {
        String expression = "{\"processInstanceBusinessKeyExpression\": \"" + businessKeyExpression() + "\"}";
        String nested = "{\"orQueries\": [{\"orQueries\": [" + expression + "]}]}";
        String deep = "{\"orQueries\": [" + "{\"orQueries\": [".repeat(200) + expression + "]}".repeat(200) + "]}";

        assertRefused(doors.rest("cs", HttpMethod.POST, "/task", "application/JSON",
                nested.getBytes(StandardCharsets.UTF_8)));
        assertRefused(doors.rest("cs", HttpMethod.POST, "/task", "application/JSON",
                deep.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theWebappsOwnApiRefusesExpressionsToo() {
        EngineDoors.WebappSession tasklist = doors.logIn("cs", "cs");
        assertThat(tasklist.loginStatus).isEqualTo(200);

        ResponseEntity<String> answer = tasklist.engine(HttpMethod.POST, "/task", "application/JSON",
                orQuery("processInstanceBusinessKeyExpression"));
        ResponseEntity<String> count = tasklist.engine(HttpMethod.POST, "/task/count", "application/JSON",
                orQuery("processInstanceBusinessKeyExpression"));
        ResponseEntity<String> plain = tasklist.engine(HttpMethod.POST, "/task", "application/json",
                "{\"processInstanceBusinessKey\": \"" + orderId + "\"}");

        assertRefused(answer);
        assertRefused(count);
        assertThat(plain.getStatusCode().value()).as("the webapp API itself works").isEqualTo(200);
        assertThat(plain.getBody()).contains("Review discrepancy");
    }

    @Test
    void aFilterWhoseQueryCarriesAnExpressionIsNotSaved() {
        ResponseEntity<String> nested = doors.rest("admin", HttpMethod.POST, "/filter/create", "application/JSON",
                ("{\"resourceType\": \"Task\", \"name\": \"Nested expression\", \"query\": "
                        + orQuery("dueDateExpression").replace(businessKeyExpression(), "${now()}") + "}")
                        .getBytes(StandardCharsets.UTF_8));

        assertRefused(nested);
        assertThat(filters.createFilterQuery().filterName("Nested expression").count()).isZero();
    }

    @Test
    void aFilterExtendedByAQueryWithAnExpressionIsRefused() {
        String customerService = filters.createFilterQuery().filterName("Customer service").singleResult().getId();

        ResponseEntity<String> list = doors.rest("cs", HttpMethod.POST, "/filter/" + customerService + "/list",
                "application/JSON", orQuery("processInstanceBusinessKeyExpression").getBytes(StandardCharsets.UTF_8));
        ResponseEntity<String> count = doors.rest("cs", HttpMethod.POST, "/filter/" + customerService + "/count",
                "application/JSON", orQuery("processInstanceBusinessKeyExpression").getBytes(StandardCharsets.UTF_8));
        ResponseEntity<String> plain = doors.rest("cs", HttpMethod.POST, "/filter/" + customerService + "/list",
                "application/json", "{}".getBytes(StandardCharsets.UTF_8));

        assertRefused(list);
        assertRefused(count);
        assertThat(plain.getStatusCode().value()).as("the filter itself works").isEqualTo(200);
        assertThat(plain.getBody()).contains("Review discrepancy");
    }

    @Test
    void aStoredFilterThatCarriesAnExpressionIsNotExecuted() {
        // given: a filter whose stored query got an expression by another way than the engine's API (an old
        // database, a hand-made row); the engine's own switch looks at the top level of a stored query only
        Filter filter = filters.newTaskFilter("Stored expression")
                .setQuery(tasks.createTaskQuery().taskCandidateGroup(Groups.CUSTOMER_SERVICE));
        filters.saveFilter(filter);
        try {
            jdbc.sql("UPDATE ACT_RU_FILTER SET QUERY_ = :query WHERE ID_ = :id")
                    .param("query", "{\"orQueries\": [{\"processInstanceBusinessKeyExpression\": \""
                            + businessKeyExpression() + "\"}]}")
                    .param("id", filter.getId()).update();

            ResponseEntity<String> list = doors.rest("admin", HttpMethod.GET, "/filter/" + filter.getId() + "/list",
                    null, null);
            ResponseEntity<String> count = doors.rest("admin", HttpMethod.GET, "/filter/" + filter.getId()
                    + "/count", null, null);

            assertRefused(list);
            assertRefused(count);
            assertThatThrownBy(() -> filters.list(filter.getId())).isInstanceOf(AuthorizationException.class);
        } finally {
            filters.deleteFilter(filter.getId());
        }
    }

    @Test
    void javaCodeCannotRunAQueryWithAnExpressionEither() {
        assertThatThrownBy(() -> tasks.createTaskQuery().or().dueDateExpression("${now()}").endOr().list())
                .isInstanceOf(AuthorizationException.class).hasMessageContaining("Expressions are forbidden");
        assertThatThrownBy(() -> tasks.createTaskQuery().or().processInstanceBusinessKeyExpression(
                businessKeyExpression()).endOr().count()).isInstanceOf(AuthorizationException.class);
        assertThatThrownBy(() -> tasks.createTaskQuery().dueBeforeExpression("${dateTime().toDate()}").list())
                .isInstanceOf(AuthorizationException.class);

        String customerService = filters.createFilterQuery().filterName("Customer service").singleResult().getId();
        assertThatThrownBy(() -> filters.list(customerService,
                tasks.createTaskQuery().or().dueDateExpression("${now()}").endOr()))
                .isInstanceOf(AuthorizationException.class);
        Filter evil = filters.newTaskFilter("Java expression")
                .setQuery(tasks.createTaskQuery().or().dueDateExpression("${now()}").endOr());
        assertThatThrownBy(() -> filters.saveFilter(evil)).isInstanceOf(AuthorizationException.class);
        assertThat(filters.createFilterQuery().filterName("Java expression").count()).isZero();
    }

    private void assertRefused(ResponseEntity<String> answer) {
        assertThat(answer.getStatusCode().value()).isEqualTo(403);
        assertThat(answer.getBody()).contains("Expressions are forbidden").doesNotContain(orderId);
    }
}
