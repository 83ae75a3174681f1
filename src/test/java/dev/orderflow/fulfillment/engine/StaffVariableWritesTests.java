package dev.orderflow.fulfillment.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orderflow.fulfillment.OrderFulfillmentProcess;
import dev.orderflow.fulfillment.OrderFulfillmentProcess.Elements;
import dev.orderflow.fulfillment.OrderFulfillmentProcess.Messages;
import dev.orderflow.fulfillment.OrderFulfillmentProcess.Variables;
import dev.orderflow.support.LocalRunTest;
import dev.orderflow.support.OrderflowApi;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

/**
 * A step never works on another order than its own: steps take the order from the business key, and staff set
 * no process variables except those the form of the task they complete declares, in the values it allows.
 * Every door a Camunda user could write variables through is tried, and the order's next steps still act on
 * the order of its business key.
 */
class StaffVariableWritesTests extends LocalRunTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    TaskService tasks;

    @Autowired
    RuntimeService runtime;

    private EngineDoors doors;
    private Review a;
    private Review b;

    /** An order under discrepancy review: its id, process instance and review task. */
    private record Review(String orderId, String instanceId, String taskId) {
    }

    @BeforeEach
    void twoOrdersUnderReview() {
        doors = new EngineDoors(http);
        a = underReview();
        b = underReview();
    }

    private Review underReview() {
        String orderId = api.placed(OrderflowApi.order("MUG-ECO-01", 1, "9.99"));
        api.awaitStatus(orderId, "UNDER_REVIEW");
        var task = tasks.createTaskQuery().processInstanceBusinessKey(orderId)
                .taskDefinitionKey(Elements.USER_TASK_REVIEW_DISCREPANCY).singleResult();
        return new Review(orderId, task.getProcessInstanceId(), task.getId());
    }

    private static String variables(Map<String, Object> values) {
        ObjectNode variables = JSON.createObjectNode();
        values.forEach((name, value) -> variables.putObject(name).putPOJO("value", value));
        return JSON.createObjectNode().set("variables", variables).toString();
    }

    private ResponseEntity<String> csCompletes(Review review, Map<String, Object> values) {
        doors.rest("cs", HttpMethod.POST, "/task/" + review.taskId() + "/claim", "{\"userId\": \"cs\"}");
        return doors.rest("cs", HttpMethod.POST, "/task/" + review.taskId() + "/complete", variables(values));
    }

    private void assertUntouched(Review review) {
        assertThat(api.get(review.orderId())).containsEntry("status", "UNDER_REVIEW").containsEntry("refund", null);
        assertThat(runtime.getVariable(review.instanceId(), Variables.ORDER_ID)).isEqualTo(review.orderId());
        assertThat(tasks.createTaskQuery().taskId(review.taskId()).count()).isOne();
    }

    @Test
    void completingAReviewWithAnotherOrdersIdIsRefused() {
        ResponseEntity<String> answer = csCompletes(a, Map.of(Variables.REVIEW_DECISION, "CANCEL",
                Variables.ORDER_ID, b.orderId()));

        assertThat(answer.getStatusCode().value()).isEqualTo(400);
        assertThat(answer.getBody()).contains(Variables.ORDER_ID, "read-only");
        assertUntouched(a);
        assertUntouched(b);
    }

    @Test
    void aDecisionOrCommentTheFormDoesNotAllowIsRefused() {
        List<Map<String, Object>> refused = List.of(
                Map.of(Variables.REVIEW_DECISION, "MAYBE"),
                Map.of(Variables.REVIEW_DECISION, "approve"),
                Map.of(Variables.REVIEW_DECISION, true),
                Map.of(Variables.REVIEW_DECISION, "APPROVE", Variables.REVIEW_COMMENT, "x".repeat(501)),
                Map.of(Variables.REVIEW_COMMENT, "no decision"),
                Map.of());

        for (Map<String, Object> values : refused) {
            ResponseEntity<String> answer = csCompletes(a, values);
            assertThat(answer.getStatusCode().value()).as(values.toString()).isEqualTo(400);
        }
        assertUntouched(a);
    }

    @Test
    void aReviewCommentWithADirectionOverrideIsRefusedAndTheReviewStaysOpen() {
        // given: a comment whose U+202E would make the next clerk read it backwards
        String comment = "refund ok \u202Eevird ot seog";

        // when
        ResponseEntity<String> answer = csCompletes(a, Map.of(Variables.REVIEW_DECISION, "APPROVE",
                Variables.REVIEW_COMMENT, comment));

        // then
        assertThat(answer.getStatusCode().is2xxSuccessful()).as(answer.getBody()).isFalse();
        assertThat(answer.getBody()).contains(Variables.REVIEW_COMMENT, "bidirectional", "Review discrepancy");
        assertUntouched(a);
    }

    @Test
    void aReviewCommentOverFiveHundredCharactersIsRefusedEvenWithoutTheFormsCheck() {
        // when: the task is completed by code (no Camunda user, so no form check) with a 501-character comment
        Map<String, Object> values = Map.of(Variables.REVIEW_DECISION, "APPROVE",
                Variables.REVIEW_COMMENT, "x".repeat(501));

        // then
        assertThatThrownBy(() -> tasks.complete(a.taskId(), values)).hasMessageContaining(Variables.REVIEW_COMMENT)
                .hasMessageContaining("at most 500 characters");
        assertUntouched(a);
        tasks.complete(a.taskId(), Map.of(Variables.REVIEW_DECISION, "APPROVE", Variables.REVIEW_COMMENT,
                "x".repeat(500)));
        assertThat(tasks.createTaskQuery().taskId(a.taskId()).count()).as("500 characters are fine").isZero();
    }

    @Test
    void variablesTheFormDoesNotDeclareAreRefused() {
        for (Map<String, Object> values : List.<Map<String, Object>>of(
                Map.of(Variables.REVIEW_DECISION, "APPROVE", Variables.COURIER, "parcelco"),
                Map.of(Variables.REVIEW_DECISION, "APPROVE", Variables.CUSTOMER_EMAIL, "mallory@example.com"),
                Map.of(Variables.REVIEW_DECISION, "APPROVE", Variables.REVIEW_REQUIRED, false))) {
            ResponseEntity<String> answer = csCompletes(a, values);
            assertThat(answer.getStatusCode().value()).as(values.toString()).isEqualTo(400);
        }
        assertUntouched(a);
        assertThat(runtime.getVariable(a.instanceId(), Variables.CUSTOMER_EMAIL)).isEqualTo("ada@example.com");
    }

    @Test
    void submittingTheFormAsTasklistDoesCompletesTheReviewButNotWithAnotherOrdersId() throws Exception {
        // given: what Tasklist sends: every field of the form with the values it showed, and the decision
        doors.rest("cs", HttpMethod.POST, "/task/" + a.taskId() + "/claim", "{\"userId\": \"cs\"}");
        JsonNode shown = JSON.readTree(doors.rest("cs", HttpMethod.GET, "/task/" + a.taskId() + "/form-variables",
                null).getBody());
        Map<String, Object> submitted = new LinkedHashMap<>();
        for (String field : List.of(Variables.ORDER_ID, Variables.CUSTOMER_NAME, Variables.CUSTOMER_EMAIL,
                Variables.REVIEW_REASONS, Variables.REVIEW_LINES, Variables.ORDER_TOTAL)) {
            JsonNode value = shown.path(field).path("value");
            // form-js shows numbers in text fields as text ("9.99", "25" for 25.0)
            submitted.put(field, value.isNumber() ? value.decimalValue().stripTrailingZeros().toPlainString()
                    : value.asText());
        }
        submitted.put(Variables.REVIEW_DECISION, "APPROVE");
        submitted.put(Variables.REVIEW_COMMENT, "price agreed by phone");
        assertThat(submitted).containsKeys(Variables.ORDER_ID, Variables.ORDER_TOTAL, Variables.REVIEW_LINES);

        // when: the same with another order's id, then as shown
        Map<String, Object> forged = new LinkedHashMap<>(submitted);
        forged.put(Variables.ORDER_ID, b.orderId());
        ResponseEntity<String> refused = doors.rest("cs", HttpMethod.POST, "/task/" + a.taskId() + "/submit-form",
                variables(forged));
        ResponseEntity<String> extra = doors.rest("cs", HttpMethod.POST, "/task/" + a.taskId() + "/submit-form",
                variables(Map.of(Variables.REVIEW_DECISION, "APPROVE", Variables.STOCK_RESERVED, true)));
        ResponseEntity<String> accepted = doors.rest("cs", HttpMethod.POST, "/task/" + a.taskId() + "/submit-form",
                variables(submitted));

        // then
        assertThat(refused.getStatusCode().value()).isEqualTo(400);
        assertThat(extra.getStatusCode().value()).isEqualTo(400);
        assertThat(accepted.getStatusCode().value()).isEqualTo(204);
        var shipped = api.awaitStatus(a.orderId(), "SHIPPED");
        assertThat(OrderflowApi.internalNotes(api.getAsStaff(a.orderId()), "message"))
                .contains("'Review discrepancy' completed by cs: APPROVE (price agreed by phone)");
        assertThat(OrderflowApi.timeline(shipped, "message")).noneMatch(m -> m.contains("price agreed by phone"));
        assertUntouched(b);
    }

    @Test
    void staffCannotWriteTaskVariables() {
        String task = "/task/" + a.taskId();
        String value = "{\"value\": \"" + b.orderId() + "\"}";
        String modification = "{\"modifications\": {\"" + Variables.ORDER_ID + "\": " + value + "}}";

        var answers = Map.of(
                "put", doors.rest("cs", HttpMethod.PUT, task + "/variables/" + Variables.ORDER_ID, value),
                "put local", doors.rest("cs", HttpMethod.PUT, task + "/localVariables/" + Variables.ORDER_ID, value),
                "modify", doors.rest("cs", HttpMethod.POST, task + "/variables", modification),
                "modify local", doors.rest("cs", HttpMethod.POST, task + "/localVariables", modification),
                "delete", doors.rest("cs", HttpMethod.DELETE, task + "/variables/" + Variables.ORDER_ID, null),
                "admin put", doors.rest("admin", HttpMethod.PUT, task + "/variables/" + Variables.ORDER_ID, value));

        answers.forEach((what, answer) -> assertThat(answer.getStatusCode().value()).as(what).isEqualTo(403));
        assertUntouched(a);
        assertThat(tasks.getVariablesLocal(a.taskId())).doesNotContainKey(Variables.ORDER_ID);
    }

    @Test
    void operationsAndAdminsCannotWriteProcessVariables() {
        String instance = "/process-instance/" + a.instanceId();
        String value = "{\"value\": \"" + b.orderId() + "\"}";
        String modification = "{\"modifications\": {\"" + Variables.ORDER_ID + "\": " + value + "}}";
        String async = "{\"processInstanceIds\": [\"" + a.instanceId() + "\"], \"variables\": {\""
                + Variables.ORDER_ID + "\": " + value + "}}";

        for (String user : List.of("ops", "admin")) {
            var answers = Map.of(
                    "put", doors.rest(user, HttpMethod.PUT, instance + "/variables/" + Variables.ORDER_ID, value),
                    "modify", doors.rest(user, HttpMethod.POST, instance + "/variables", modification),
                    "delete", doors.rest(user, HttpMethod.DELETE, instance + "/variables/" + Variables.ORDER_ID, null),
                    "execution local", doors.rest(user, HttpMethod.PUT, "/execution/" + a.instanceId()
                            + "/localVariables/" + Variables.ORDER_ID, value),
                    "async", doors.rest(user, HttpMethod.POST, "/process-instance/variables-async", async));
            answers.forEach((what, answer) -> assertThat(answer.getStatusCode().value()).as(user + " " + what)
                    .isEqualTo(403));
        }
        assertUntouched(a);
        // reading stays open to operations (Cockpit)
        ResponseEntity<String> read = doors.rest("ops", HttpMethod.GET, instance + "/variables", null);
        assertThat(read.getStatusCode().value()).isEqualTo(200);
        assertThat(read.getBody()).contains(a.orderId());
    }

    @Test
    void modificationsMessagesSignalsErrorsAndStartsCarryNoVariablesFromStaff() {
        String forged = "{\"" + Variables.ORDER_ID + "\": {\"value\": \"" + b.orderId() + "\"}}";

        var answers = Map.of(
                "modification", doors.rest("admin", HttpMethod.POST, "/process-instance/" + a.instanceId()
                        + "/modification", "{\"instructions\": [{\"type\": \"startBeforeActivity\", \"activityId\": \""
                        + Elements.TASK_CANCEL_REVIEW_REJECTED + "\", \"variables\": " + forged + "}]}"),
                "message", doors.rest("admin", HttpMethod.POST, "/message", "{\"messageName\": \""
                        + Messages.CANCELLATION_REQUESTED + "\", \"businessKey\": \"" + a.orderId()
                        + "\", \"processVariables\": " + forged + "}"),
                "signal", doors.rest("admin", HttpMethod.POST, "/signal", "{\"name\": \"anything\", \"variables\": "
                        + forged + "}"),
                "bpmn error", doors.rest("admin", HttpMethod.POST, "/task/" + a.taskId() + "/bpmnError",
                        "{\"errorCode\": \"anything\", \"variables\": " + forged + "}"),
                "start", doors.rest("admin", HttpMethod.POST, "/process-definition/key/"
                        + OrderFulfillmentProcess.PROCESS_KEY + "/start", "{\"businessKey\": \"" + a.orderId()
                        + "\", \"variables\": " + forged + "}"));

        answers.forEach((what, answer) -> assertThat(answer.getStatusCode().value()).as(what).isEqualTo(403));
        assertUntouched(a);
        assertUntouched(b);
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(a.orderId()).count()).isOne();
    }

    @Test
    void theWebappsOwnApiIsHeldToTheSameRules() {
        EngineDoors.WebappSession tasklist = doors.logIn("cs", "cs");
        tasklist.engine(HttpMethod.POST, "/task/" + a.taskId() + "/claim", "application/json", "{\"userId\": \"cs\"}");

        ResponseEntity<String> forged = tasklist.engine(HttpMethod.POST, "/task/" + a.taskId() + "/submit-form",
                "application/JSON", variables(Map.of(Variables.REVIEW_DECISION, "CANCEL", Variables.ORDER_ID,
                        b.orderId())));
        ResponseEntity<String> write = tasklist.engine(HttpMethod.PUT, "/task/" + a.taskId() + "/variables/"
                + Variables.ORDER_ID, "application/json", "{\"value\": \"" + b.orderId() + "\"}");

        assertThat(forged.getStatusCode().value()).isEqualTo(400);
        assertThat(write.getStatusCode().value()).isEqualTo(403);
        assertUntouched(a);
        assertUntouched(b);
    }

    @Test
    void theCancellationOfAnOrderNeverTouchesTheOrderItsVariablesName() {
        // given: order A's process somehow holds B's id in its orderId variable (our own code may write it)
        runtime.setVariable(a.instanceId(), Variables.ORDER_ID, b.orderId());

        // when: customer service cancels A in review
        ResponseEntity<String> answer = csCompletes(a, Map.of(Variables.REVIEW_DECISION, "CANCEL"));

        // then: A is cancelled and refunded, B is not touched
        assertThat(answer.getStatusCode().value()).isEqualTo(204);
        var cancelled = api.awaitStatus(a.orderId(), "CANCELLED");
        assertThat(cancelled).containsEntry("cancellationReason", "REVIEW_REJECTED");
        org.awaitility.Awaitility.await().untilAsserted(() -> assertThat(api.get(a.orderId()).get("refund")).isNotNull());
        assertThat(api.get(b.orderId())).containsEntry("status", "UNDER_REVIEW").containsEntry("refund", null);
        assertThat(OrderflowApi.timeline(api.get(b.orderId()), "message")).noneMatch(text -> text.contains("Cancel"));
    }
}
