package dev.orderflow.fulfillment.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import dev.orderflow.fulfillment.OrderFulfillmentProcess;
import dev.orderflow.fulfillment.OrderFulfillmentProcess.Elements;
import dev.orderflow.fulfillment.OrderFulfillmentProcess.Messages;
import dev.orderflow.fulfillment.OrderFulfillmentProcess.Variables;
import dev.orderflow.support.LocalRunTest;
import dev.orderflow.support.OrderflowApi;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.variable.type.ValueType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

/**
 * An order's process moves only by its own steps and the forms of its tasks: no Camunda user, admins included,
 * starts, modifies, messages, signals or fires it by hand; operations read and retry failed jobs, nothing more;
 * a task is claimed only for oneself; a completion carries plain values and leaves read-only fields as they are.
 */
class StaffProcessControlTests extends LocalRunTest {

    @Autowired
    TaskService tasks;

    @Autowired
    RuntimeService runtime;

    @Autowired
    ManagementService management;

    @Autowired
    RepositoryService repository;

    private EngineDoors doors;
    private Review review;

    private record Review(String orderId, String instanceId, String taskId) {
    }

    @BeforeEach
    void anOrderUnderReview() {
        doors = new EngineDoors(http);
        String orderId = api.placed(OrderflowApi.order("MUG-ECO-01", 1, "9.99"));
        api.awaitStatus(orderId, "UNDER_REVIEW");
        var task = tasks.createTaskQuery().processInstanceBusinessKey(orderId)
                .taskDefinitionKey(Elements.USER_TASK_REVIEW_DISCREPANCY).singleResult();
        review = new Review(orderId, task.getProcessInstanceId(), task.getId());
    }

    private void assertUntouched() {
        assertThat(api.get(review.orderId())).containsEntry("status", "UNDER_REVIEW").containsEntry("refund", null);
        assertThat(tasks.createTaskQuery().taskId(review.taskId()).count()).isOne();
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(review.instanceId()).active().count())
                .isOne();
    }

    private Job escalationTimer() {
        return management.createJobQuery().processInstanceId(review.instanceId()).timers()
                .activityId(Elements.BOUNDARY_REVIEW_ESCALATION).singleResult();
    }

    private static int status(ResponseEntity<String> answer) {
        return answer.getStatusCode().value();
    }

    @Test
    void nobodyRefundsOrSkipsAReviewByModifyingTheProcess() {
        String refund = "{\"instructions\": [{\"type\": \"startBeforeActivity\", \"activityId\": \""
                + Elements.TASK_REFUND_PAYMENT + "\"}]}";
        String skipReview = "{\"instructions\": [{\"type\": \"startBeforeActivity\", \"activityId\": \""
                + Elements.TASK_CHECK_INVENTORY + "\"}, {\"type\": \"cancel\", \"activityId\": \""
                + Elements.USER_TASK_REVIEW_DISCREPANCY + "\"}]}";
        String batch = "{\"processInstanceIds\": [\"" + review.instanceId() + "\"], \"processDefinitionId\": \""
                + runtime.createProcessInstanceQuery().processInstanceId(review.instanceId()).singleResult()
                        .getProcessDefinitionId()
                + "\", \"instructions\": [{\"type\": \"startBeforeActivity\", \"activityId\": \""
                + Elements.TASK_REFUND_PAYMENT + "\"}]}";

        for (String user : List.of("ops", "admin")) {
            String instance = "/process-instance/" + review.instanceId();
            var answers = Map.of(
                    "refund", doors.rest(user, HttpMethod.POST, instance + "/modification", refund),
                    "skip review", doors.rest(user, HttpMethod.POST, instance + "/modification", skipReview),
                    "async", doors.rest(user, HttpMethod.POST, instance + "/modification-async", refund),
                    "batch", doors.rest(user, HttpMethod.POST, "/modification/execute", batch),
                    "batch async", doors.rest(user, HttpMethod.POST, "/modification/executeAsync", batch),
                    "start at refund", doors.rest(user, HttpMethod.POST, "/process-definition/key/"
                            + OrderFulfillmentProcess.PROCESS_KEY + "/start", "{\"businessKey\": \""
                            + review.orderId() + "\", \"startInstructions\": [{\"type\": \"startBeforeActivity\", "
                            + "\"activityId\": \"" + Elements.TASK_REFUND_PAYMENT + "\"}]}"),
                    "start", doors.rest(user, HttpMethod.POST, "/process-definition/key/"
                            + OrderFulfillmentProcess.PROCESS_KEY + "/start", "{\"businessKey\": \""
                            + review.orderId() + "\"}"));
            answers.forEach((what, answer) -> assertThat(status(answer)).as(user + " " + what).isEqualTo(403));
        }
        assertUntouched();
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(review.orderId()).count()).isOne();
    }

    @Test
    void nobodyFiresAnOrdersMessagesOrSignalsByHand() {
        String shipped = api.placed(OrderflowApi.order("SOAP-OLIVE", 1, "4.90"));
        api.awaitStatus(shipped, "SHIPPED");

        for (String user : List.of("ops", "admin")) {
            var answers = Map.of(
                    "cancel shipped", doors.rest(user, HttpMethod.POST, "/message", "{\"messageName\": \""
                            + Messages.CANCELLATION_REQUESTED + "\", \"businessKey\": \"" + shipped + "\"}"),
                    "delivered", doors.rest(user, HttpMethod.POST, "/message", "{\"messageName\": \""
                            + Messages.ORDER_DELIVERED + "\", \"businessKey\": \"" + shipped + "\"}"),
                    "all delivered", doors.rest(user, HttpMethod.POST, "/message", "{\"messageName\": \""
                            + Messages.ORDER_DELIVERED + "\", \"all\": true}"),
                    "stock decision", doors.rest(user, HttpMethod.POST, "/message", "{\"messageName\": \""
                            + Messages.STOCK_DECISION_RECEIVED + "\", \"businessKey\": \"" + review.orderId() + "\"}"),
                    "message batch", doors.rest(user, HttpMethod.POST, "/process-instance/message-async",
                            "{\"messageName\": \"" + Messages.ORDER_DELIVERED + "\", \"processInstanceIds\": [\""
                            + review.instanceId() + "\"]}"),
                    "signal", doors.rest(user, HttpMethod.POST, "/signal", "{\"name\": \"anything\"}"),
                    "bpmn error", doors.rest(user, HttpMethod.POST, "/task/" + review.taskId() + "/bpmnError",
                            "{\"errorCode\": \"anything\"}"));
            answers.forEach((what, answer) -> assertThat(status(answer)).as(user + " " + what).isEqualTo(403));
        }
        var order = api.get(shipped);
        assertThat(order).containsEntry("status", "SHIPPED").containsEntry("refund", null);
        assertThat(OrderflowApi.timeline(order, "message")).noneMatch(text -> text.contains("customer's request"));
        assertUntouched();
    }

    @Test
    void operationsNeitherFireNorBringForwardATimerNorParkAnOrder() {
        Job timer = escalationTimer();
        String job = "/job/" + timer.getId();

        var answers = Map.of(
                "execute", doors.rest("ops", HttpMethod.POST, job + "/execute", null),
                "admin execute", doors.rest("admin", HttpMethod.POST, job + "/execute", null),
                "due date", doors.rest("ops", HttpMethod.PUT, job + "/duedate",
                        "{\"duedate\": \"2020-01-01T00:00:00.000+0000\"}"),
                "admin due date", doors.rest("admin", HttpMethod.PUT, job + "/duedate",
                        "{\"duedate\": \"2020-01-01T00:00:00.000+0000\"}"),
                "recalculate", doors.rest("ops", HttpMethod.POST, job + "/duedate/recalculate", null),
                "retries with due date", doors.rest("ops", HttpMethod.PUT, job + "/retries",
                        "{\"retries\": 3, \"dueDate\": \"2020-01-01T00:00:00.000+0000\"}"),
                "suspend", doors.rest("ops", HttpMethod.PUT, "/process-instance/" + review.instanceId() + "/suspended",
                        "{\"suspended\": true}"),
                "suspend job", doors.rest("ops", HttpMethod.PUT, job + "/suspended", "{\"suspended\": true}"));

        answers.forEach((what, answer) -> assertThat(status(answer)).as(what).isEqualTo(403));
        Job after = escalationTimer();
        assertThat(after.getDuedate()).isEqualTo(timer.getDuedate());
        assertThat(after.isSuspended()).isFalse();
        assertUntouched();
    }

    @Test
    void nobodyStopsATimerBySettingItsRetriesToNone() {
        // given: the review's escalation timer, healthy
        Job timer = escalationTimer();

        // when: operations set its retries to none, one job or its whole definition
        ResponseEntity<String> one = doors.rest("ops", HttpMethod.PUT, "/job/" + timer.getId() + "/retries",
                "{\"retries\": 0}");
        ResponseEntity<String> all = doors.rest("ops", HttpMethod.PUT, "/job-definition/"
                + timer.getJobDefinitionId() + "/retries", "{\"retries\": 0}");

        // then: refused, the timer keeps its attempts and no incident parks the order
        assertThat(status(one)).isEqualTo(403);
        assertThat(status(all)).isEqualTo(403);
        assertThat(escalationTimer().getRetries()).isEqualTo(timer.getRetries());
        assertThat(runtime.createIncidentQuery().processInstanceId(review.instanceId()).count()).isZero();
        assertUntouched();
    }

    @Test
    void nobodyDeletesWhatOrdersRunOn() {
        // given: the deployed diagram and the review's timer
        var definition = repository.createProcessDefinitionQuery()
                .processDefinitionKey(OrderFulfillmentProcess.PROCESS_KEY).latestVersion().singleResult();
        Job timer = escalationTimer();

        // when: an admin deletes the definition, its deployment, or the timer
        var answers = Map.of(
                "definition by key", doors.rest("admin", HttpMethod.DELETE, "/process-definition/key/"
                        + OrderFulfillmentProcess.PROCESS_KEY + "?cascade=true", null),
                "definition by id", doors.rest("admin", HttpMethod.DELETE, "/process-definition/"
                        + definition.getId() + "?cascade=true", null),
                "deployment", doors.rest("admin", HttpMethod.DELETE, "/deployment/" + definition.getDeploymentId()
                        + "?cascade=true", null),
                "job", doors.rest("admin", HttpMethod.DELETE, "/job/" + timer.getId(), null));

        // then: each refused; the order waits as before and new orders are still taken
        answers.forEach((what, answer) -> assertThat(status(answer)).as(what).isEqualTo(403));
        assertThat(escalationTimer()).isNotNull();
        assertUntouched();
        assertThat(api.place(OrderflowApi.order("MUG-ECO-01", 1, "12.50")).getStatusCode().value()).isEqualTo(201);
    }

    @Test
    void aClaimedTaskIsCompletedOnlyByWhoClaimedIt() {
        // given: the lead claimed the review
        String task = "/task/" + review.taskId();
        assertThat(status(doors.rest("lead", HttpMethod.POST, task + "/claim", "{\"userId\": \"lead\"}")))
                .isEqualTo(204);
        String approve = "{\"variables\": {\"reviewDecision\": {\"value\": \"APPROVE\"}}}";

        // when: a colleague of the same group decides meanwhile
        ResponseEntity<String> colleague = doors.rest("cs", HttpMethod.POST, task + "/complete", approve);

        // then: refused; the lead decides
        assertThat(status(colleague)).isEqualTo(403);
        assertUntouched();
        assertThat(status(doors.rest("lead", HttpMethod.POST, task + "/complete", approve))).isEqualTo(204);
        assertThat(tasks.createTaskQuery().taskId(review.taskId()).count()).isZero();
    }

    @Test
    void anAdminMaySuspendAndActivateAnOrdersProcess() {
        String suspended = "/process-instance/" + review.instanceId() + "/suspended";

        assertThat(status(doors.rest("admin", HttpMethod.PUT, suspended, "{\"suspended\": true}"))).isEqualTo(204);
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(review.instanceId()).suspended().count())
                .isOne();
        assertThat(status(doors.rest("admin", HttpMethod.PUT, suspended, "{\"suspended\": false}"))).isEqualTo(204);

        assertUntouched();
    }

    @Test
    void operationsRetryAFailedJobOneByOneOrByItsDefinition() {
        // given: the review's timer failed for good, an incident
        Job timer = escalationTimer();
        management.setJobRetries(timer.getId(), 0);
        assertThat(runtime.createIncidentQuery().processInstanceId(review.instanceId()).count()).isOne();

        // when: operations retry it, as Cockpit does
        ResponseEntity<String> retried = doors.rest("ops", HttpMethod.PUT, "/job/" + timer.getId() + "/retries",
                "{\"retries\": 1}");

        // then
        assertThat(status(retried)).isEqualTo(204);
        assertThat(runtime.createIncidentQuery().processInstanceId(review.instanceId()).count()).isZero();
        assertThat(escalationTimer().getDuedate()).isEqualTo(timer.getDuedate());

        // and by the job definition, as Cockpit's "retry all"
        management.setJobRetries(timer.getId(), 0);
        ResponseEntity<String> all = doors.rest("ops", HttpMethod.PUT, "/job-definition/"
                + timer.getJobDefinitionId() + "/retries", "{\"retries\": 1}");
        assertThat(status(all)).isEqualTo(204);
        assertThat(escalationTimer().getRetries()).isOne();
        assertUntouched();
    }

    @Test
    void aTaskIsClaimedOnlyForOneself() {
        String claim = "/task/" + review.taskId() + "/claim";

        ResponseEntity<String> forWarehouse = doors.rest("cs", HttpMethod.POST, claim, "{\"userId\": \"warehouse\"}");
        ResponseEntity<String> forNobody = doors.rest("cs", HttpMethod.POST, claim, "{\"userId\": \"nobody-here\"}");
        assertThat(status(forWarehouse)).isEqualTo(403);
        assertThat(status(forNobody)).isEqualTo(403);
        assertThat(tasks.createTaskQuery().taskId(review.taskId()).singleResult().getAssignee()).isNull();

        assertThat(status(doors.rest("cs", HttpMethod.POST, claim, "{\"userId\": \"cs\"}"))).isEqualTo(204);
        assertThat(tasks.createTaskQuery().taskId(review.taskId()).singleResult().getAssignee()).isEqualTo("cs");
    }

    @Test
    void aCompletionWithAnObjectOrFileValueIsRefusedNamingTheField() {
        doors.rest("cs", HttpMethod.POST, "/task/" + review.taskId() + "/claim", "{\"userId\": \"cs\"}");
        List<String> values = List.of(
                "{\"value\": \"x\", \"type\": \"Object\", \"valueInfo\": {\"objectTypeName\": \"java.lang.String\", "
                        + "\"serializationDataFormat\": \"application/json\"}}",
                "{\"value\": \"eA==\", \"type\": \"Bytes\"}",
                "{\"value\": \"eA==\", \"type\": \"File\", \"valueInfo\": {\"filename\": \"x.txt\"}}",
                "{\"value\": {\"a\": 1}}");

        for (String value : values) {
            ResponseEntity<String> answer = doors.rest("cs", HttpMethod.POST, "/task/" + review.taskId()
                    + "/complete", "{\"variables\": {\"" + Variables.REVIEW_DECISION + "\": {\"value\": \"APPROVE\"}, \""
                    + Variables.REVIEW_COMMENT + "\": " + value + "}}");
            assertThat(status(answer)).as(value).isEqualTo(400);
            assertThat(answer.getBody()).as(value).contains(Variables.REVIEW_COMMENT);
        }
        assertUntouched();
    }

    @Test
    void aReadOnlyFieldSentBackAsTextKeepsItsValueAndType() {
        doors.rest("cs", HttpMethod.POST, "/task/" + review.taskId() + "/claim", "{\"userId\": \"cs\"}");
        assertThat(runtime.getVariableTyped(review.instanceId(), Variables.ORDER_TOTAL).getType())
                .isEqualTo(ValueType.DOUBLE);
        String complete = "/task/" + review.taskId() + "/complete";

        ResponseEntity<String> otherValue = doors.rest("cs", HttpMethod.POST, complete, "{\"variables\": {\""
                + Variables.REVIEW_DECISION + "\": {\"value\": \"APPROVE\"}, \"" + Variables.ORDER_TOTAL
                + "\": {\"value\": \"0.01\"}}}");
        ResponseEntity<String> asText = doors.rest("cs", HttpMethod.POST, complete, "{\"variables\": {\""
                + Variables.REVIEW_DECISION + "\": {\"value\": \"APPROVE\"}, \"" + Variables.ORDER_TOTAL
                + "\": {\"value\": \"9.99\"}}}");

        assertThat(status(otherValue)).isEqualTo(400);
        assertThat(status(asText)).isEqualTo(204);
        api.awaitStatus(review.orderId(), "SHIPPED");
        var total = runtime.getVariableTyped(review.instanceId(), Variables.ORDER_TOTAL);
        assertThat(total.getType()).isEqualTo(ValueType.DOUBLE);
        assertThat(total.getValue()).isEqualTo(9.99);
    }
}
