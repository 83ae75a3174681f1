package dev.orderflow.fulfillment.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orderflow.fulfillment.OrderFulfillmentProcess;
import dev.orderflow.fulfillment.OrderFulfillmentProcess.Elements;
import dev.orderflow.support.ExpectedLogs;
import dev.orderflow.support.OrderflowApi;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BusinessRuleTask;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.Message;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.ScriptTask;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.TimeCycle;
import org.camunda.bpm.model.bpmn.instance.TimeDuration;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaExecutionListener;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputParameter;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaOutputParameter;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.info.GitProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;

/**
 * Deployments as Camunda Modeler makes them ({@code /engine-rest/deployment/create}, multipart, as admin): a diagram
 * that names a bean, form or decision Orderflow does not have is refused with a message naming the element, and
 * nothing of it is deployed; a good diagram deployed alone finds its forms and decisions; every new process
 * version carries a version tag. Its own context: the versions it deploys would reach other tests' orders.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:safe-deployments-tests;DB_CLOSE_DELAY=-1;DB_CLOSE_ON_EXIT=FALSE",
        "camunda.bpm.generate-unique-process-engine-name=true",
        // Camunda's webapps keep static state per JVM: only the local-run test context may start them
        "spring.autoconfigure.exclude=org.camunda.bpm.spring.boot.starter.webapp.CamundaBpmWebappAutoConfiguration"
})
class SafeDeploymentsTests {

    /** the refusals are provoked on purpose: the REST layer's reports of them are expected */
    @RegisterExtension
    static final ExpectedLogs EXPECTED = ExpectedLogs.of("org.camunda.bpm.engine.rest.exception",
            "org.camunda.bpm.engine.context");

    private static final Path MODELS = Path.of("bpmn");

    @Autowired
    TestRestTemplate http;
    @Autowired
    ProcessEngine engine;
    @Autowired
    RepositoryService repository;
    @Autowired
    RuntimeService runtime;
    @Autowired
    TaskService tasks;
    @Autowired
    FormService forms;
    @Autowired
    ProcessEngineConfiguration configuration;
    @Autowired
    BuildProperties build;
    @Autowired
    GitProperties git;

    OrderflowApi api;

    @BeforeEach
    void connectApi() {
        api = new OrderflowApi(http, "storefront", "staff", "courier-secret");
    }

    @Test
    void theServicesOwnDiagramIsTaggedWithTheProjectVersionAndCommit() {
        ProcessDefinition first = repository.createProcessDefinitionQuery()
                .processDefinitionKey(OrderFulfillmentProcess.PROCESS_KEY).processDefinitionVersion(1).singleResult();

        assertThat(first.getVersionTag()).isEqualTo(build.getVersion() + "+" + git.getShortCommitId()
                        + ("true".equals(git.get("dirty")) ? ".dirty" : ""))
                .matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\+[0-9a-f]{7,}(\\.dirty)?");
    }

    @Test
    void aBuildWithoutGitSaysUnknownCommit() {
        // a build without .git (the Docker build) writes an empty git.properties: no commit id
        assertThat(SafeDeploymentsPlugin.releaseTag("0.4.0", null, false)).isEqualTo("0.4.0+unknown");
        assertThat(SafeDeploymentsPlugin.releaseTag(null, "", false)).isEqualTo("unknown+unknown");
        assertThat(SafeDeploymentsPlugin.releaseTag("0.4.0", "1a2b3c4", true)).as("uncommitted changes")
                .isEqualTo("0.4.0+1a2b3c4.dirty");
    }

    @Test
    void aDiagramDeployedAloneFromTheModelerFindsItsFormsAndDecisionsAndIsTaggedUnreleased() throws IOException {
        // given: the diagram with a task renamed, deployed without its forms and decision tables
        String changed = diagram(model -> model.<UserTask>getModelElementById(Elements.USER_TASK_REVIEW_DISCREPANCY)
                .setName("Review the discrepancy"));

        // when
        ResponseEntity<String> answer = deployFromModeler("order-fulfillment-tried", changed);

        // then: accepted, a new version that says it is not a release
        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(200);
        ProcessDefinition newest = newest();
        assertThat(newest.getVersion()).isGreaterThan(1);
        assertThat(newest.getVersionTag()).isEqualTo("unreleased, from Camunda Modeler");
        // and an order on it evaluates the review decision and its review task shows the form deployed before
        String orderId = api.placed(OrderflowApi.order("MUG-ECO-01", 1, "9.99"));
        api.awaitStatus(orderId, "UNDER_REVIEW");
        Task review = tasks.createTaskQuery().processInstanceBusinessKey(orderId).singleResult();
        assertThat(review.getProcessDefinitionId()).isEqualTo(newest.getId());
        assertThat(review.getName()).isEqualTo("Review the discrepancy");
        try (InputStream form = forms.getDeployedTaskForm(review.getId())) {
            assertThat(new ObjectMapper().readTree(form).get("id").asText())
                    .isEqualTo(OrderFulfillmentProcess.Forms.REVIEW_DISCREPANCY);
        }
    }

    @Test
    void theAnalystsOwnVersionTagIsKept() throws IOException {
        String tagged = diagram(model -> model.<Process>getModelElementById(OrderFulfillmentProcess.PROCESS_KEY)
                .setCamundaVersionTag("review-wording-2"));

        ResponseEntity<String> answer = deployFromModeler("order-fulfillment-tagged", tagged);

        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(200);
        assertThat(newest().getVersionTag()).isEqualTo("review-wording-2");
    }

    @Test
    void parsingAVersionAgainOnACacheMissKeepsItsTagAndDeploysNothing() {
        ProcessDefinition before = newest();
        long versions = repository.createProcessDefinitionQuery().count();

        // the cache of parsed diagrams is empty after a restart, on another node, or when full
        ((ProcessEngineConfigurationImpl) configuration).getDeploymentCache().discardProcessDefinitionCache();

        assertThat(repository.getProcessDefinition(before.getId()).getVersionTag()).isEqualTo(before.getVersionTag());
        assertThat(repository.getProcessModel(before.getId())).isNotNull();
        assertThat(repository.createProcessDefinitionQuery().count()).isEqualTo(versions);
    }

    @Test
    void aDeploymentParsedAgainIsNotCheckedAgain() {
        // given: a stored deployment, read again (cache miss, another node, after an upgrade), whose bean is gone
        DeploymentEntity stored = new DeploymentEntity();
        stored.setNew(false);
        ResourceEntity resource = new ResourceEntity();
        resource.setName(OrderFulfillmentProcess.RESOURCE);
        resource.setBytes(diagram(model -> model.<ServiceTask>getModelElementById(Elements.TASK_PICK_ITEMS)
                .setCamundaDelegateExpression("${retiredDelegate}")).getBytes(StandardCharsets.UTF_8));
        stored.addResource(resource);

        // when / then: its orders keep running; it was accepted once
        assertThatCode(() -> new DeploymentGuard(name -> null).deploy(stored)).doesNotThrowAnyException();
    }

    static Stream<Arguments> mistakes() {
        return Stream.of(
                Arguments.of("a misspelled bean in a service task", (Consumer<BpmnModelInstance>) model ->
                        model.<ServiceTask>getModelElementById(Elements.TASK_PICK_ITEMS)
                                .setCamundaDelegateExpression("${pickItemDelegate}"),
                        List.of("'Pick items' (Task_PickItems)", "${pickItemDelegate}", "'pickItemDelegate'",
                                "no bean of Orderflow")),
                Arguments.of("a misspelled bean in a task listener", (Consumer<BpmnModelInstance>) model ->
                        model.<UserTask>getModelElementById(Elements.USER_TASK_REVIEW_DISCREPANCY)
                                .getExtensionElements().getElementsQuery().filterByType(CamundaTaskListener.class)
                                .list().get(0).setCamundaDelegateExpression("${userTaskListner}"),
                        List.of("'Review discrepancy' (UserTask_ReviewDiscrepancy)", "task listener (create)",
                                "'userTaskListner'")),
                Arguments.of("a form nobody deployed", (Consumer<BpmnModelInstance>) model ->
                        model.<UserTask>getModelElementById(Elements.USER_TASK_REVIEW_DISCREPANCY)
                                .setCamundaFormRef("ReviewDiscrepancyFrom"),
                        List.of("'Review discrepancy' (UserTask_ReviewDiscrepancy)",
                                "form 'ReviewDiscrepancyFrom' is neither in this deployment nor deployed before")),
                Arguments.of("a form bound to a deployment it is not in", (Consumer<BpmnModelInstance>) model ->
                        model.<UserTask>getModelElementById(Elements.USER_TASK_REVIEW_DISCREPANCY)
                                .setCamundaFormRefBinding("deployment"),
                        List.of("form 'ReviewDiscrepancyForm' is bound to this deployment but is not in it")),
                Arguments.of("a decision nobody deployed", (Consumer<BpmnModelInstance>) model ->
                        model.<BusinessRuleTask>getModelElementById(Elements.TASK_DECIDE_REVIEW)
                                .setCamundaDecisionRef("OrderReviw"),
                        List.of("'Decide on review' (Task_DecideReview)",
                                "decision 'OrderReviw' is neither in this deployment nor deployed before")),
                Arguments.of("a misspelled decision binding", (Consumer<BpmnModelInstance>) model ->
                        model.<BusinessRuleTask>getModelElementById(Elements.TASK_SELECT_COURIER)
                                .setCamundaDecisionRefBinding("lastest"),
                        List.of("'Select courier' (Task_SelectCourier)", "decision binding 'lastest'")),
                Arguments.of("a staff task whose id the service does not know", (Consumer<BpmnModelInstance>) model ->
                        model.<UserTask>getModelElementById(Elements.USER_TASK_REVIEW_DISCREPANCY)
                                .setId("UserTask_CheckDiscrepancy"),
                        List.of("'Review discrepancy' (UserTask_CheckDiscrepancy): a staff task the service does not"
                                + " know", "nobody could complete this one")),
                Arguments.of("the refund step renamed", (Consumer<BpmnModelInstance>) model ->
                        model.<ServiceTask>getModelElementById(Elements.TASK_REFUND_PAYMENT)
                                .setId("Task_PayBack"),
                        List.of("it has no serviceTask with the id Task_RefundPayment")),
                // only what Orderflow runs
                Arguments.of("a process with another key", (Consumer<BpmnModelInstance>) model ->
                        model.<Process>getModelElementById(OrderFulfillmentProcess.PROCESS_KEY).setId("ProbeProcess"),
                        List.of("'Order fulfillment' (ProbeProcess)", "Orderflow runs only the process "
                                + OrderFulfillmentProcess.PROCESS_KEY)),
                Arguments.of("a call activity", (Consumer<BpmnModelInstance>) model -> {
                    CallActivity call = model.newInstance(CallActivity.class);
                    call.setId("Task_CallProbe");
                    call.setName("Call probe");
                    call.setCalledElement("ProbeProcess");
                    model.<Process>getModelElementById(OrderFulfillmentProcess.PROCESS_KEY).addChildElement(call);
                }, List.of("'Call probe' (Task_CallProbe): a call activity")),
                Arguments.of("a Java class in a service task", (Consumer<BpmnModelInstance>) model ->
                        model.<ServiceTask>getModelElementById(Elements.TASK_PICK_ITEMS)
                                .setCamundaClass("com.example.Probe"),
                        List.of("'Pick items' (Task_PickItems)", "camunda:class", "com.example.Probe",
                                "Spring beans")),
                Arguments.of("a Java class in the old activiti namespace", (Consumer<BpmnModelInstance>) model ->
                        model.<ServiceTask>getModelElementById(Elements.TASK_PACK_PARCEL)
                                .setAttributeValueNs("http://activiti.org/bpmn", "class", "com.example.Probe"),
                        List.of("(Task_PackParcel)", "com.example.Probe", "Spring beans")),
                Arguments.of("a Java class in an execution listener", (Consumer<BpmnModelInstance>) model -> {
                    CamundaExecutionListener listener = model.newInstance(CamundaExecutionListener.class);
                    listener.setCamundaEvent("start");
                    listener.setCamundaClass("com.example.Probe");
                    model.<ServiceTask>getModelElementById(Elements.TASK_PICK_ITEMS).builder()
                            .addExtensionElement(listener);
                }, List.of("'Pick items' (Task_PickItems)", "execution listener (start)", "com.example.Probe")),
                Arguments.of("a form key on a staff task", (Consumer<BpmnModelInstance>) model ->
                        model.<UserTask>getModelElementById(Elements.USER_TASK_INVESTIGATE_DELIVERY)
                                .setCamundaFormKey("embedded:app:forms/probe.html"),
                        List.of("'Investigate delivery' (UserTask_InvestigateDelivery)", "form key",
                                "Camunda Forms")),
                Arguments.of("a decision reference that is an expression", (Consumer<BpmnModelInstance>) model ->
                        model.<BusinessRuleTask>getModelElementById(Elements.TASK_DECIDE_REVIEW)
                                .setCamundaDecisionRef("${'OrderReview'}"),
                        List.of("'Decide on review' (Task_DecideReview)", "is an expression")),
                Arguments.of("a form reference that is an expression", (Consumer<BpmnModelInstance>) model ->
                        model.<UserTask>getModelElementById(Elements.USER_TASK_RESOLVE_PICK_SHORTAGE)
                                .setCamundaFormRef("#{formOf(task)}"),
                        List.of("(UserTask_ResolvePickShortage)", "is an expression")),
                Arguments.of("a form bound to a version that does not exist", (Consumer<BpmnModelInstance>) model -> {
                    UserTask task = model.getModelElementById(Elements.USER_TASK_REVIEW_DISCREPANCY);
                    task.setCamundaFormRefBinding("version");
                    task.setCamundaFormRefVersion("99");
                }, List.of("(UserTask_ReviewDiscrepancy)", "form binding 'version'", "use latest")),
                Arguments.of("a decision bound to a version tag", (Consumer<BpmnModelInstance>) model -> {
                    BusinessRuleTask task = model.getModelElementById(Elements.TASK_SELECT_COURIER);
                    task.setCamundaDecisionRefBinding("versionTag");
                    task.setCamundaDecisionRefVersionTag("nope");
                }, List.of("'Select courier' (Task_SelectCourier)", "decision binding 'versionTag'")),
                // every expression
                Arguments.of("an unknown bean negated in a condition", (Consumer<BpmnModelInstance>) model ->
                        model.<SequenceFlow>getModelElementById("Flow_ReviewNeeded").getConditionExpression()
                                .setTextContent("${!noSuchBean.ok}"),
                        List.of("'yes' (Flow_ReviewNeeded)", "${!noSuchBean.ok}", "'noSuchBean'",
                                "no bean of Orderflow")),
                Arguments.of("an unknown bean in parentheses in an input parameter", (Consumer<BpmnModelInstance>)
                        model -> model.getModelElementsByType(CamundaInputParameter.class).stream()
                                .filter(p -> p.getCamundaName().equals(OrderFulfillmentProcess.Variables.NOTIFICATION_TYPE))
                                .findFirst().orElseThrow().setTextContent("${(noSuchBean).go()}"),
                        List.of("(Task_SendConfirmation)", "${(noSuchBean).go()}", "'noSuchBean'")),
                Arguments.of("an unknown bean behind a ternary in candidate groups", (Consumer<BpmnModelInstance>)
                        model -> model.<UserTask>getModelElementById(Elements.USER_TASK_INVESTIGATE_DELIVERY)
                                .setCamundaCandidateGroups("${execution.id == null ? 1 : noSuchBean.go()}"),
                        List.of("'Investigate delivery' (UserTask_InvestigateDelivery)", "camunda:candidateGroups",
                                "'noSuchBean'")),
                Arguments.of("an unknown name in the old activiti namespace", (Consumer<BpmnModelInstance>) model ->
                        model.<UserTask>getModelElementById(Elements.USER_TASK_REVIEW_DISCREPANCY)
                                .setAttributeValueNs("http://activiti.org/bpmn", "assignee", "${probe.who}"),
                        List.of("'Review discrepancy' (UserTask_ReviewDiscrepancy)", "'probe'")),
                Arguments.of("a misspelled setting in a timer", (Consumer<BpmnModelInstance>) model ->
                        model.getModelElementsByType(TimeDuration.class).stream()
                                .filter(d -> d.getTextContent().contains("reviewEscalation")).findFirst().orElseThrow()
                                .setTextContent("${orderflow.timeouts.reviewEscalaton}"),
                        List.of("'Untouched too long' (BoundaryEvent_ReviewEscalation)",
                                "reads 'reviewEscalaton' of 'orderflow.timeouts'")),
                Arguments.of("an unknown bean in a task listener's timeout", (Consumer<BpmnModelInstance>) model -> {
                    CamundaTaskListener listener = model.newInstance(CamundaTaskListener.class);
                    listener.setCamundaEvent("timeout");
                    listener.setAttributeValue("id", "Listener_ProbeTimeout");
                    listener.setCamundaDelegateExpression("${userTaskListener}");
                    TimerEventDefinition timer = model.newInstance(TimerEventDefinition.class);
                    TimeDuration duration = model.newInstance(TimeDuration.class);
                    duration.setTextContent("${noSuchBean.timeout}");
                    timer.setTimeDuration(duration);
                    listener.getTimeouts().add(timer);
                    model.<UserTask>getModelElementById(Elements.USER_TASK_RESOLVE_PICK_SHORTAGE).builder()
                            .addExtensionElement(listener);
                }, List.of("'Resolve pick shortage' (UserTask_ResolvePickShortage)", "${noSuchBean.timeout}",
                        "'noSuchBean'")),
                Arguments.of("a script task", (Consumer<BpmnModelInstance>) model -> {
                    ScriptTask script = model.newInstance(ScriptTask.class);
                    script.setId("Task_Probe");
                    script.setName("Probe");
                    script.setScriptFormat("juel");
                    model.<Process>getModelElementById(OrderFulfillmentProcess.PROCESS_KEY).addChildElement(script);
                }, List.of("'Probe' (Task_Probe)", NoScriptsPlugin.REFUSAL)),
                Arguments.of("a method the bean does not have", (Consumer<BpmnModelInstance>) model ->
                        model.getModelElementsByType(CamundaOutputParameter.class).stream()
                                .filter(p -> p.getTextContent().contains("reviewText")).findFirst().orElseThrow()
                                .setTextContent("${reviewText.reason(decisionResult)}"),
                        List.of("'Decide on review' (Task_DecideReview)", "calls 'reason' on 'reviewText'",
                                "no public method")),
                Arguments.of("a variable the order process does not have", (Consumer<BpmnModelInstance>) model ->
                        model.<SequenceFlow>getModelElementById("Flow_NoReviewNeeded").getConditionExpression()
                                .setTextContent("${not reviewRequried}"),
                        List.of("'no' (Flow_NoReviewNeeded)", "'reviewRequried'")),
                // what an expression may reach: nothing of Java itself, only Orderflow's beans, only reading
                Arguments.of("code run through a string literal", listening(
                        "${''.getClass().forName('java.lang.Runtime').getMethod('getRuntime').invoke(null)"
                                + ".exec('touch /tmp/x')}"),
                        List.of("'Pick items' (Task_PickItems)", "execution listener (start)",
                                "reads '.getClass' of something that is not a name", "names 'forName'",
                                "reaches into Java itself")),
                Arguments.of("a reflective name in brackets", listening("${orderId['getClass']}"),
                        List.of("(Task_PickItems)", "names 'getClass'", "reaches into Java itself")),
                Arguments.of("a method on a parenthesis", listening("${(orderId).getClass()}"),
                        List.of("(Task_PickItems)", "reads '.getClass' of something that is not a name")),
                Arguments.of("the engine's repository service", listening(
                        "${repositoryService.suspendProcessDefinitionByKey('" + OrderFulfillmentProcess.PROCESS_KEY
                                + "')}"),
                        List.of("(Task_PickItems)", "names the bean 'repositoryService'",
                                "name a delegate of Orderflow: ", OrderFulfillmentProcess.Beans.PICK_ITEMS)),
                Arguments.of("a secret read from the environment", (Consumer<BpmnModelInstance>) model ->
                        model.getModelElementsByType(CamundaInputParameter.class).stream()
                                .filter(p -> p.getCamundaName().equals(OrderFulfillmentProcess.Variables.NOTIFICATION_TYPE))
                                .findFirst().orElseThrow()
                                .setTextContent("${environment.getProperty('orderflow.security.webhook-secret')}"),
                        List.of("(Task_SendConfirmation)", "names the bean 'environment'",
                                "name a delegate of Orderflow: ")),
                Arguments.of("a variable written by an expression", listening(
                        "${execution.setVariable('leak', orderflow.timeouts)}"),
                        List.of("(Task_PickItems)", "uses 'setVariable' of 'execution'",
                                "expressions may only read from 'execution'")),
                Arguments.of("the engine reached from the execution", listening(
                        "${execution.processEngineServices.runtimeService}"),
                        List.of("(Task_PickItems)", "uses 'processEngineServices' of 'execution'",
                                "expressions may only read from 'execution'")),
                Arguments.of("the engine reached through a getter in brackets", listening(
                        "${execution['processEngineServices']}"),
                        List.of("(Task_PickItems)", "reads 'execution' in brackets")),
                // messages, errors and timers the service relies on
                Arguments.of("a renamed message", (Consumer<BpmnModelInstance>) model ->
                        model.<Message>getModelElementById("Message_StockDecisionReceived")
                                .setName("StockDecisionReceivedX"),
                        List.of("(" + Elements.CATCH_STOCK_DECISION_RECEIVED + ")",
                                "the message 'StockDecisionReceivedX', which the service never sends",
                                OrderFulfillmentProcess.Messages.STOCK_DECISION_RECEIVED)),
                Arguments.of("a message the service sends that nothing waits for", (Consumer<BpmnModelInstance>)
                        model -> model.<Message>getModelElementById("Message_StockDecisionReceived")
                                .setName(OrderFulfillmentProcess.Messages.STOCK_REPLENISHED),
                        List.of("(" + OrderFulfillmentProcess.PROCESS_KEY + ")",
                                "no event waits for the message(s) [StockDecisionReceived]")),
                Arguments.of("a changed error code", (Consumer<BpmnModelInstance>) model ->
                        model.<org.camunda.bpm.model.bpmn.instance.Error>getModelElementById("Error_PickShortage")
                                .setErrorCode("PICK_SHORT"),
                        List.of("(" + Elements.BOUNDARY_PICK_SHORTAGE + ")", "error code 'PICK_SHORT'",
                                OrderFulfillmentProcess.Errors.PICK_SHORTAGE)),
                Arguments.of("a timer duration in words", (Consumer<BpmnModelInstance>) model ->
                        timerOf(model, Elements.TIMER_STOCK_DECISION_TIMEOUT).getTimeDuration()
                                .setTextContent("PT36 hours"),
                        List.of("(" + Elements.TIMER_STOCK_DECISION_TIMEOUT + ")", "timeDuration 'PT36 hours'",
                                "ISO-8601 duration")),
                Arguments.of("a timer date that is no date", (Consumer<BpmnModelInstance>) model -> {
                    TimerEventDefinition timer = timerOf(model, Elements.TIMER_RESTOCK_DEADLINE);
                    timer.getTimeDate().setTextContent("next Monday");
                }, List.of("(" + Elements.TIMER_RESTOCK_DEADLINE + ")", "timeDate 'next Monday'")),
                Arguments.of("a timer cycle that is no cycle", (Consumer<BpmnModelInstance>) model -> {
                    TimerEventDefinition timer = timerOf(model, Elements.TIMER_STOCK_DECISION_TIMEOUT);
                    TimeCycle cycle = model.newInstance(TimeCycle.class);
                    cycle.setTextContent("every 10 minutes");
                    timer.removeChildElement(timer.getTimeDuration());
                    timer.setTimeCycle(cycle);
                }, List.of("(" + Elements.TIMER_STOCK_DECISION_TIMEOUT + ")", "timeCycle 'every 10 minutes'")));
    }

    /** a start listener on Pick items with the expression */
    private static Consumer<BpmnModelInstance> listening(String expression) {
        return model -> {
            CamundaExecutionListener listener = model.newInstance(CamundaExecutionListener.class);
            listener.setCamundaEvent("start");
            listener.setCamundaExpression(expression);
            model.<ServiceTask>getModelElementById(Elements.TASK_PICK_ITEMS).builder().addExtensionElement(listener);
        };
    }

    static TimerEventDefinition timerOf(BpmnModelInstance model, String eventId) {
        return model.<org.camunda.bpm.model.bpmn.instance.Event>getModelElementById(eventId)
                .getChildElementsByType(TimerEventDefinition.class).iterator().next();
    }

    @Test
    void literalTimerValuesCamundaParsesAreAccepted() throws IOException {
        String literal = diagram(model -> {
            timerOf(model, Elements.TIMER_STOCK_DECISION_TIMEOUT).getTimeDuration().setTextContent("PT36H");
            timerOf(model, Elements.TIMER_RESTOCK_DEADLINE).getTimeDate().setTextContent("2030-01-31T18:00:00Z");
        });

        ResponseEntity<String> answer = deployFromModeler("order-fulfillment-literal-timers", literal);

        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(200);
    }

    @ParameterizedTest(name = "{0} is refused")
    @MethodSource("mistakes")
    void aDiagramNamingWhatTheServiceDoesNotHaveIsRefusedAndNothingIsDeployed(String mistake,
            Consumer<BpmnModelInstance> change, List<String> message) throws IOException {
        // given
        long versions = repository.createProcessDefinitionQuery().count();
        long deployments = repository.createDeploymentQuery().count();
        String name = "refused-" + mistake.replace(' ', '-');

        // when
        ResponseEntity<String> answer = deployFromModeler(name, diagram(change));

        // then: 400 with Camunda's parse report, which the Modeler shows: the element, its name, what is missing
        JsonNode problem = assertRefused(answer, OrderFulfillmentProcess.RESOURCE, message);
        assertThat(problem.path("mainElementId").asText()).isNotBlank();
        // and nothing of it is deployed
        assertNothingDeployed(name, versions, deployments);
    }

    @Test
    void aDeploymentWithATenantIdIsRefused() throws IOException {
        long versions = repository.createProcessDefinitionQuery().count();
        long deployments = repository.createDeploymentQuery().count();

        ResponseEntity<String> answer = deploy("refused-tenant", Map.of(OrderFulfillmentProcess.RESOURCE,
                diagram(model -> { })), Map.of("tenant-id", "probe"));

        assertRefused(answer, "refused-tenant", List.of("tenant id 'probe'", "Orderflow runs without tenants"));
        assertNothingDeployed("refused-tenant", versions, deployments);
        assertThat(repository.createProcessDefinitionQuery().tenantIdIn("probe").count()).isZero();
    }

    static Stream<Arguments> foreignFiles() throws IOException {
        String juelDmn = Files.readString(MODELS.resolve(OrderFulfillmentProcess.Decisions.COURIER_SELECTION_RESOURCE))
                .replaceFirst("<inputExpression ", "<inputExpression expressionLanguage=\"juel\" ");
        String bpmn = Files.readString(MODELS.resolve(OrderFulfillmentProcess.RESOURCE));
        String unknownCourier = Files.readString(MODELS.resolve(
                OrderFulfillmentProcess.Decisions.COURIER_SELECTION_RESOURCE)).replaceFirst("\"simulated\"",
                "\"dhl-nonexistent\"");
        String widenedReview = Files.readString(MODELS.resolve("forms/review-discrepancy.form")).replaceFirst(
                "(\"key\": \"shopReference\",\\s*\"id\": \"Field_ShopReference\"),\\s*\"readonly\": true", "$1");
        String unhandledOption = Files.readString(MODELS.resolve("forms/resolve-pick-shortage.form"))
                .replace("\"value\": \"WAIT\"", "\"value\": \"SHIP_ANYWAY\"");
        return Stream.of(
                Arguments.of("a staff form letting staff edit another variable", Map.of("review-discrepancy.form",
                        widenedReview), "review-discrepancy.form", List.of("form "
                        + OrderFulfillmentProcess.Forms.REVIEW_DISCREPANCY, "the field 'shopReference' is editable",
                        "reviewDecision", "make it read-only")),
                Arguments.of("a staff form offering a decision the service does not handle", Map.of(
                        "resolve-pick-shortage.form", unhandledOption), "resolve-pick-shortage.form",
                        List.of("the field 'shortageDecision' offers", "SHIP_ANYWAY", "handles only [REFUND, WAIT]")),
                Arguments.of("a decision table naming a courier that is not configured deployed alone",
                        Map.of("courier-selection.dmn", unknownCourier), "courier-selection.dmn",
                        List.of("returns courier 'dhl-nonexistent', which is not configured",
                                "Configured couriers: [", "simulated")),
                Arguments.of("a CMMN case", Map.of("probe.cmmn", CMMN_CASE), "probe.cmmn",
                        List.of("a CMMN case", "remove probe.cmmn")),
                Arguments.of("a decision table in JUEL deployed alone", Map.of("courier-selection.dmn", juelDmn),
                        "courier-selection.dmn", List.of("expression language is 'juel'", "FEEL")),
                Arguments.of("a decision table in JUEL attached to the diagram", Map.of(OrderFulfillmentProcess.RESOURCE,
                        bpmn, "courier-selection.dmn", juelDmn), "courier-selection.dmn", List.of("'juel'")),
                Arguments.of("a truncated diagram", Map.of(OrderFulfillmentProcess.RESOURCE,
                        bpmn.substring(0, bpmn.length() / 2)), OrderFulfillmentProcess.RESOURCE,
                        List.of("not a readable BPMN file", "line ")),
                Arguments.of("a broken form deployed alone", Map.of("probe.form", "{\"id\": \"ProbeForm\", "),
                        "probe.form", List.of("not a readable Camunda Form")),
                Arguments.of("the order process twice", Map.of(OrderFulfillmentProcess.RESOURCE, bpmn,
                        "order-fulfillment-copy.bpmn", bpmn.replace("Order fulfillment", "Order fulfilment")),
                        null, List.of("holds the process " + OrderFulfillmentProcess.PROCESS_KEY + " 2 times")),
                Arguments.of("a probe process alone", Map.of("probe.bpmn", Bpmn.convertToString(Bpmn
                        .createExecutableProcess("ProbeProcess").name("Probe").startEvent().endEvent().done())),
                        "probe.bpmn", List.of("'Probe' (ProbeProcess)", "Orderflow runs only the process")),
                // Camunda's deployers match the end of a name without a dot: these are deployed as what they end in
                Arguments.of("a probe process named without a dot", Map.of("probe-bpmn", Bpmn.convertToString(Bpmn
                        .createExecutableProcess("ProbeProcess").name("Probe").startEvent().endEvent().done())),
                        "probe-bpmn", List.of("'Probe' (ProbeProcess)", "Orderflow runs only the process")),
                Arguments.of("a CMMN case named without a dot", Map.of("probe-cmmn", CMMN_CASE), "probe-cmmn",
                        List.of("a CMMN case")),
                Arguments.of("a decision table in JUEL named without a dot", Map.of("courier-selection-dmn", juelDmn),
                        "courier-selection-dmn", List.of("'juel'")));
    }

    @ParameterizedTest(name = "{0} is refused")
    @MethodSource("foreignFiles")
    void whatOrderflowDoesNotRunIsRefusedAndNothingIsDeployed(String what, Map<String, String> files,
            String resource, List<String> message) throws IOException {
        long versions = repository.createProcessDefinitionQuery().count();
        long deployments = repository.createDeploymentQuery().count();
        long decisions = repository.createDecisionDefinitionQuery().count();
        String name = "refused-" + what.replace(' ', '-');

        ResponseEntity<String> answer = deploy(name, files, Map.of());

        assertRefused(answer, resource, message);
        assertNothingDeployed(name, versions, deployments);
        assertThat(repository.createDecisionDefinitionQuery().count()).isEqualTo(decisions);
        assertThat(repository.createCaseDefinitionQuery().count()).isZero();
    }

    @Test
    void theRealFilesOfBpmnAreAccepted() throws IOException {
        // the diagram, both decision tables (FEEL) and the three forms, as the service deploys them
        Map<String, String> files = new HashMap<>();
        try (Stream<Path> all = Files.walk(MODELS)) {
            for (Path file : all.filter(f -> f.toString().matches(".*\\.(bpmn|dmn|form)$")).toList()) {
                files.put(file.getFileName().toString(), Files.readString(file));
            }
        }
        assertThat(files).containsKeys(OrderFulfillmentProcess.RESOURCE,
                OrderFulfillmentProcess.Decisions.ORDER_REVIEW_RESOURCE,
                OrderFulfillmentProcess.Decisions.COURIER_SELECTION_RESOURCE).hasSizeGreaterThanOrEqualTo(6);

        ResponseEntity<String> answer = deploy("order-fulfillment-all-of-bpmn", files,
                Map.of("deploy-changed-only", "false"));

        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(200);
    }

    @Test
    void aChangedTimerAndANewDecisionTableAttachedAreAccepted() throws IOException {
        String dmn = Files.readString(MODELS.resolve(OrderFulfillmentProcess.Decisions.COURIER_SELECTION_RESOURCE))
                .replace("id=\"" + OrderFulfillmentProcess.Decisions.COURIER_SELECTION + "\"",
                        "id=\"CourierSelectionV2\"");
        String changed = diagram(model -> {
            model.<BusinessRuleTask>getModelElementById(Elements.TASK_SELECT_COURIER)
                    .setCamundaDecisionRef("CourierSelectionV2");
            model.getModelElementsByType(TimeDuration.class).stream()
                    .filter(d -> d.getTextContent().contains("reviewEscalation")).findFirst().orElseThrow()
                    .setTextContent("PT2H");
        });

        ResponseEntity<String> answer = deployFromModeler("order-fulfillment-new-dmn", changed,
                Map.of("courier-selection-v2.dmn", dmn));

        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(200);
        assertThat(repository.createDecisionDefinitionQuery().decisionDefinitionKey("CourierSelectionV2").count())
                .isOne();
    }

    /** a case with a process task: let any Camunda user start order processes before it was refused */
    private static final String CMMN_CASE = """
            <?xml version="1.0" encoding="UTF-8"?>
            <definitions xmlns="http://www.omg.org/spec/CMMN/20151109/MODEL" targetNamespace="http://probe">
              <case id="ProbeCase">
                <casePlanModel id="ProbePlan">
                  <planItem id="PlanItem_Start" definitionRef="StartOrder"/>
                  <processTask id="StartOrder" processRef="OrderFulfillmentProcess"/>
                </casePlanModel>
              </case>
            </definitions>""";

    /** @return the first problem of the refusal; asserts a 400 with Camunda's parse report naming the resource */
    private static JsonNode assertRefused(ResponseEntity<String> answer, String resource, List<String> message)
            throws IOException {
        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(400);
        JsonNode body = new ObjectMapper().readTree(answer.getBody());
        assertThat(body.path("type").asText()).isEqualTo("ParseException");
        assertThat(body.path("message").asText()).startsWith(DeploymentGuard.REFUSAL).contains(message);
        JsonNode details = body.path("details");
        JsonNode problem = (resource == null ? details.elements().next() : details.path(resource))
                .path("errors").path(0);
        assertThat(problem.path("message").asText()).contains(message);
        return problem;
    }

    private void assertNothingDeployed(String name, long versions, long deployments) {
        assertThat(repository.createProcessDefinitionQuery().count()).isEqualTo(versions);
        assertThat(repository.createDeploymentQuery().count()).isEqualTo(deployments);
        assertThat(repository.createDeploymentQuery().deploymentName(name).count()).isZero();
    }

    @Test
    void aNewFormAttachedToTheDeploymentIsFound() {
        String form = """
                {"id": "ReviewDiscrepancyFormV2", "type": "default", "schemaVersion": 16,
                 "components": [{"type": "radio", "key": "reviewDecision", "label": "Decision",
                   "values": [{"label": "Approve", "value": "APPROVE"}, {"label": "Cancel", "value": "CANCEL"}]}]}""";
        String diagram = diagram(model -> model.<UserTask>getModelElementById(Elements.USER_TASK_REVIEW_DISCREPANCY)
                .setCamundaFormRef("ReviewDiscrepancyFormV2"));

        ResponseEntity<String> answer = deployFromModeler("order-fulfillment-new-form", diagram,
                Map.of("review-discrepancy-v2.form", form));

        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(200);
    }

    private ProcessDefinition newest() {
        return repository.createProcessDefinitionQuery().processDefinitionKey(OrderFulfillmentProcess.PROCESS_KEY)
                .latestVersion().singleResult();
    }

    /** the diagram of {@code bpmn/}, changed as an analyst would in the Modeler */
    private static String diagram(Consumer<BpmnModelInstance> change) {
        try (InputStream in = Files.newInputStream(MODELS.resolve(OrderFulfillmentProcess.RESOURCE))) {
            BpmnModelInstance model = Bpmn.readModelFromStream(in);
            change.accept(model);
            return Bpmn.convertToString(model);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private ResponseEntity<String> deployFromModeler(String name, String bpmn) {
        return deployFromModeler(name, bpmn, Map.of());
    }

    /** what Camunda Modeler sends on "Deploy": the diagram, the files the analyst attached, and these fields */
    private ResponseEntity<String> deployFromModeler(String name, String bpmn, Map<String, String> attached) {
        Map<String, String> files = new LinkedHashMap<>(attached);
        files.put(OrderFulfillmentProcess.RESOURCE, bpmn);
        return deploy(name, files, Map.of());
    }

    /** a multipart deployment as admin of these files, with the Modeler's fields and any others (they win) */
    private ResponseEntity<String> deploy(String name, Map<String, String> files, Map<String, String> fields) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        headers.setBasicAuth("admin", "admin");
        var form = new LinkedMultiValueMap<String, Object>();
        form.add("deployment-name", name);
        form.add("deploy-changed-only", fields.getOrDefault("deploy-changed-only", "true"));
        form.add("deployment-source", "Camunda Modeler");
        fields.forEach((field, value) -> {
            if (!"deploy-changed-only".equals(field)) {
                form.add(field, value);
            }
        });
        files.forEach((file, content) -> form.add(file, file(file, content)));
        // this context's engine has a name of its own (the default engine is the local-run tests'), hence its path
        return http.postForEntity("/engine-rest/engine/" + engine.getName() + "/deployment/create",
                new HttpEntity<>(form, headers), String.class);
    }

    private static ByteArrayResource file(String name, String content) {
        return new ByteArrayResource(content.getBytes(StandardCharsets.UTF_8)) {
            @Override
            public String getFilename() {
                return name;
            }
        };
    }
}
