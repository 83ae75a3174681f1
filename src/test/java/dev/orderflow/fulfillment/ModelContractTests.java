package dev.orderflow.fulfillment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orderflow.fulfillment.OrderFulfillmentProcess.Beans;
import dev.orderflow.fulfillment.OrderFulfillmentProcess.Decisions;
import dev.orderflow.fulfillment.OrderFulfillmentProcess.Elements;
import dev.orderflow.fulfillment.OrderFulfillmentProcess.Errors;
import dev.orderflow.fulfillment.OrderFulfillmentProcess.Forms;
import dev.orderflow.fulfillment.OrderFulfillmentProcess.Groups;
import dev.orderflow.fulfillment.OrderFulfillmentProcess.Messages;
import dev.orderflow.fulfillment.OrderFulfillmentProcess.Variables;
import dev.orderflow.notification.NotificationType;
import dev.orderflow.order.CancellationReason;
import dev.orderflow.order.StockDecision;
import dev.orderflow.shipping.CourierNews;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Activity;
import org.camunda.bpm.model.bpmn.instance.BusinessRuleTask;
import org.camunda.bpm.model.bpmn.instance.Error;
import org.camunda.bpm.model.bpmn.instance.ExclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Message;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputParameter;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Input;
import org.camunda.bpm.model.dmn.instance.InputEntry;
import org.camunda.bpm.model.dmn.instance.Output;
import org.camunda.bpm.model.dmn.instance.OutputEntry;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.stereotype.Component;

/**
 * What the Java code and the models in {@code bpmn/} promise each other. When an analyst renames a task,
 * drops a message or misspells a bean in Camunda Modeler, this test says exactly what broke.
 */
class ModelContractTests {

    private static final Path MODELS = Path.of("bpmn");
    private static final Pattern EXPRESSION_BEAN = Pattern.compile("\\$\\{\\s*!?\\s*(?:not\\s+)?([a-zA-Z]\\w*)");
    /** Camunda's naming guide, and no ids the modeler generated ({@code Activity_0x1y2z}). */
    private static final Pattern ID_CONVENTION = Pattern.compile(
            "^(StartEvent|EndEvent|Task|UserTask|Gateway|CatchEvent|TimerEvent|BoundaryEvent|SubProcess|Flow)_[A-Z][A-Za-z]+$");

    /** Each decision the models compare or offer, and the enum that holds its values. */
    private static final Map<String, Class<? extends Enum<?>>> DECISIONS = Map.of(
            Variables.REVIEW_DECISION, ReviewDecision.class,
            Variables.SHORTAGE_DECISION, ShortageDecision.class,
            Variables.INVESTIGATION_OUTCOME, InvestigationOutcome.class,
            Variables.STOCK_DECISION, StockDecision.class,
            Beans.SETTINGS + ".outOfStock.defaultDecision", StockDecision.class,
            Variables.COURIER_NEWS, CourierNews.class);
    private static final String OPERATOR = "\\s*(?:==|!=|\\beq\\b|\\bne\\b)\\s*";
    private static final Pattern COMPARISON = Pattern.compile("([A-Za-z_][\\w.]*)" + OPERATOR + "'([^']*)'|'([^']*)'"
            + OPERATOR + "([A-Za-z_][\\w.]*)");
    private static final String CAMUNDA_NS = "http://camunda.org/schema/1.0/bpmn";
    private static final String DIAGRAM = "bpmn/" + OrderFulfillmentProcess.RESOURCE;

    private static BpmnModelInstance model;
    private static Set<String> springBeans;
    /** bean name of each delegate marked {@link CallsOutside}, and whom it calls */
    private static Map<String, String> outwardDelegates;
    /** bean name of each delegate marked {@link CallsOutside}, and its class */
    private static Map<String, String> outwardClasses;

    @BeforeAll
    static void readModel() throws IOException {
        try (InputStream in = Files.newInputStream(MODELS.resolve(OrderFulfillmentProcess.RESOURCE))) {
            model = Bpmn.readModelFromStream(in);
        }
        var scanner = new ClassPathScanningCandidateComponentProvider(true);
        springBeans = scanner.findCandidateComponents("dev.orderflow.fulfillment").stream()
                .map(bean -> ((AnnotatedBeanDefinition) bean).getMetadata()
                        .getAnnotationAttributes(Component.class.getName()))
                .filter(attributes -> attributes != null && !"".equals(attributes.get("value")))
                .map(attributes -> (String) attributes.get("value"))
                .collect(Collectors.toSet());
        var marked = new ClassPathScanningCandidateComponentProvider(false);
        marked.addIncludeFilter(new AnnotationTypeFilter(CallsOutside.class));
        outwardDelegates = new HashMap<>();
        outwardClasses = new HashMap<>();
        for (var bean : marked.findCandidateComponents("dev.orderflow.fulfillment")) {
            var metadata = ((AnnotatedBeanDefinition) bean).getMetadata();
            String name = (String) metadata.getAnnotationAttributes(Component.class.getName()).get("value");
            outwardDelegates.put(name, (String) metadata.getAnnotationAttributes(CallsOutside.class.getName())
                    .get("value"));
            outwardClasses.put(name, metadata.getClassName());
        }
    }

    @Test
    void processHasItsKeyAndAHistoryTimeToLive() {
        Process process = model.getModelElementById(OrderFulfillmentProcess.PROCESS_KEY);
        assertThat(process).isNotNull();
        assertThat(process.isExecutable()).isTrue();
        assertThat(process.getCamundaHistoryTimeToLiveString()).isNotBlank();
    }

    @Test
    void everyElementIdTheCodeNamesIsInTheDiagram() {
        Set<String> missing = constants(Elements.class).stream()
                .filter(id -> model.<ModelElementInstance>getModelElementById(id) == null)
                .collect(Collectors.toCollection(TreeSet::new));

        assertNothingMissing(missing, "the service's code names these element ids, which "
                + DIAGRAM + " no longer has: %s; keep the ids, or rename them with a developer in OrderFulfillmentProcess.Elements and map"
                + " the old ids in bpmn/migrations/ (docs/analysts.md, 'Write a mapping')");
    }

    @Test
    void everyFlowElementFollowsTheNamingGuide() {
        Set<String> offGuide = model.getModelElementsByType(FlowElement.class).stream().map(FlowElement::getId)
                .filter(id -> !ID_CONVENTION.matcher(id).matches()).collect(Collectors.toCollection(TreeSet::new));
        Set<String> unnamed = model.getModelElementsByType(FlowNode.class).stream()
                .filter(node -> !node.getId().startsWith("Gateway_") && !node.getId().startsWith("SubProcess_"))
                .filter(node -> node.getName() == null || node.getName().isBlank()).map(FlowNode::getId)
                .collect(Collectors.toCollection(TreeSet::new));

        assertNothingMissing(offGuide, "these element ids of " + DIAGRAM + " do not follow the naming guide"
                + " (Kind_WhatItDoes, e.g. UserTask_ReviewDiscrepancy; see docs/analysts.md): %s");
        assertNothingMissing(unnamed, "these steps of " + DIAGRAM + " have no name (Modeler: General > Name): %s");
    }

    @Test
    void everyMessageAndErrorTheCodeUsesIsDefined() {
        Set<String> messages = model.getModelElementsByType(Message.class).stream().map(Message::getName)
                .collect(Collectors.toSet());
        Set<String> errors = model.getModelElementsByType(Error.class).stream().map(Error::getErrorCode)
                .collect(Collectors.toSet());

        assertNothingMissing(missingFrom(messages, constants(Messages.class)), "the service's code sends these"
                + " messages, which " + DIAGRAM + " no longer defines: %s; keep the message names (see docs/analysts.md)");
        assertNothingMissing(missingFrom(constants(Messages.class), messages), DIAGRAM + " defines these messages,"
                + " which the service never sends: %s");
        assertNothingMissing(missingFrom(errors, constants(Errors.class)), "the service's code throws these BPMN"
                + " errors, which " + DIAGRAM + " no longer defines: %s; keep the error codes (see docs/analysts.md)");
        assertNothingMissing(missingFrom(constants(Errors.class), errors), DIAGRAM + " defines these BPMN errors,"
                + " which the service never throws: %s");
    }

    @Test
    void everyBeanTheDiagramNamesIsASpringBeanTheCodeKnows() {
        Set<String> named = expressions().stream().flatMap(ModelContractTests::beansIn).collect(Collectors.toSet());
        Set<String> variables = constants(OrderFulfillmentProcess.Variables.class);
        named.removeAll(variables);
        // Camunda's own name for a business rule task's result in its output mapping
        // (DecisionEvaluationUtil.DECISION_RESULT_VARIABLE), not one of ours
        named.remove("decisionResult");

        assertNothingMissing(missingFrom(constants(Beans.class), named), DIAGRAM + " calls these beans, which the"
                + " service does not have: %s; keep the bean names (see docs/analysts.md)");
        assertNothingMissing(missingFrom(named, constants(Beans.class)), "the service's code expects "
                + DIAGRAM + " to call these beans, which it no longer does: %s");
        assertNothingMissing(missingFrom(springBeans, constants(Beans.class)), "OrderFulfillmentProcess.Beans names"
                + " these beans, which are no Spring beans of the fulfillment package: %s");
    }

    @Test
    void everyDecisionTheDiagramCallsExistsWithAHistoryTimeToLive() throws IOException {
        Set<String> decisions;
        try (Stream<Path> files = Files.list(MODELS)) {
            decisions = files.filter(file -> file.toString().endsWith(".dmn")).flatMap(ModelContractTests::decisions)
                    .peek(decision -> assertThat(decision.getCamundaHistoryTimeToLiveString()).as(decision.getId())
                            .isNotBlank())
                    .map(Decision::getId).collect(Collectors.toSet());
        }
        Set<String> called = model.getModelElementsByType(BusinessRuleTask.class).stream()
                .map(BusinessRuleTask::getCamundaDecisionRef).collect(Collectors.toSet());

        assertThat(decisions).containsAll(called);
        assertThat(called).containsExactlyInAnyOrder(Decisions.ORDER_REVIEW, Decisions.COURIER_SELECTION);
        // latest: a diagram deployed alone from the Modeler finds them, a table deployed alone takes effect at once
        assertThat(model.getModelElementsByType(BusinessRuleTask.class)).allSatisfy(task ->
                assertThat(task.getCamundaDecisionRefBinding()).as(task.getId()).isEqualTo("latest"));
    }

    @Test
    void everyUserTaskHasADeployedFormAndACandidateGroup() throws IOException {
        Set<String> forms;
        ObjectMapper json = new ObjectMapper();
        try (Stream<Path> files = Files.list(MODELS.resolve("forms"))) {
            forms = files.map(file -> {
                try {
                    return json.readTree(file.toFile()).get("id").asText();
                } catch (IOException e) {
                    throw new IllegalStateException(file + " is not a Camunda Form", e);
                }
            }).collect(Collectors.toSet());
        }
        Collection<UserTask> userTasks = model.getModelElementsByType(UserTask.class);

        Set<String> problems = new TreeSet<>();
        for (UserTask task : userTasks) {
            String which = task.getId() + " ('" + task.getName() + "')";
            if (!forms.contains(task.getCamundaFormRef())) {
                problems.add(which + " shows form '" + task.getCamundaFormRef() + "', which bpmn/forms/ has not");
            }
            if (!"latest".equals(task.getCamundaFormRefBinding())) {
                problems.add(which + " binds its form '" + task.getCamundaFormRefBinding() + "', not 'latest'");
            }
            if (task.getCamundaCandidateGroupsList().isEmpty()) {
                problems.add(which + " has no candidate group");
            }
            missingFrom(constants(Groups.class), task.getCamundaCandidateGroupsList()).forEach(group ->
                    problems.add(which + " offers its tasks to group '" + group + "', which the service does not have"));
        }

        assertNothingMissing(problems, "staff tasks of " + DIAGRAM + " (see docs/analysts.md): %s", "; ");
        assertNothingMissing(missingFrom(forms, constants(Forms.class)), "the service's code names these forms,"
                + " which bpmn/forms/ no longer has: %s; keep the form ids");
        assertNothingMissing(missingFrom(constants(Forms.class), forms), "bpmn/forms/ has these forms, which the"
                + " service's code does not name: %s");
    }

    @Test
    void everyDecisionFieldOfAFormOffersExactlyItsEnumsConstants() throws IOException {
        Map<String, JsonNode> forms = forms();
        List<String> problems = forms.entrySet().stream()
                .flatMap(form -> formProblems(form.getKey(), form.getValue()).stream()).toList();
        Set<String> decisionFields = forms.values().stream().flatMap(ModelContractTests::fieldsWithOptions)
                .map(field -> field.path("key").asText()).collect(Collectors.toSet());

        assertThat(problems).isEmpty();
        assertThat(decisionFields).as("the staff decisions the forms ask for").containsExactlyInAnyOrder(
                Variables.REVIEW_DECISION, Variables.SHORTAGE_DECISION, Variables.INVESTIGATION_OUTCOME);
    }

    @Test
    void aFormOptionOutsideTheEnumIsReported() throws IOException {
        JsonNode form = new ObjectMapper().readTree("""
                {"id": "ReviewDiscrepancyForm", "components": [{"type": "group", "components": [
                  {"type": "radio", "key": "reviewDecision", "values": [{"value": "APPROVE"}, {"value": "REJECT"}]},
                  {"type": "select", "key": "priority", "values": [{"value": "HIGH"}]}]}]}""");

        assertThat(formProblems("review.form", form)).containsExactly(
                "review.form: field 'reviewDecision' offers [APPROVE, REJECT], but ReviewDecision has"
                        + " [APPROVE, CANCEL]",
                "review.form: field 'priority' offers fixed options, but no enum holds its values (add one to"
                        + " ModelContractTests.DECISIONS and use it in the code)");
    }

    @Test
    void conditionsOnADecisionUseOnlyItsEnumsConstantsAndEveryGatewayHandlesEachOfThem() {
        Set<String> compared = comparisons(model).stream().map(Comparison::variable).collect(Collectors.toSet());

        assertThat(conditionProblems(model)).isEmpty();
        assertThat(compared).as("decision variables the diagram's conditions compare")
                .containsExactlyInAnyOrderElementsOf(DECISIONS.keySet());
    }

    @Test
    void aConditionOutsideTheEnumAndAnUnhandledConstantAreReported() {
        BpmnModelInstance careless = Bpmn.createExecutableProcess("Careless").startEvent()
                .exclusiveGateway("Gateway_Review")
                .sequenceFlowId("Flow_Approved").condition("approved", "${reviewDecision == 'APPROVED'}").endEvent()
                .moveToLastGateway()
                .sequenceFlowId("Flow_Priority").condition("urgent", "${priority eq \"HIGH\"}").endEvent()
                .done();

        assertThat(conditionProblems(careless)).containsExactly(
                "Flow_Approved compares reviewDecision with 'APPROVED', which is not one of ReviewDecision"
                        + " [APPROVE, CANCEL]",
                "Flow_Priority compares priority with 'HIGH', but no enum holds the values of priority",
                "Gateway_Review decides on reviewDecision but has no path for [APPROVE, CANCEL] and no default flow");
    }

    @Test
    void decisionTablesUseOnlyTheEnumsConstantsForADecision() throws IOException {
        List<String> problems;
        try (Stream<Path> files = Files.list(MODELS)) {
            problems = files.filter(file -> file.toString().endsWith(".dmn"))
                    .flatMap(file -> dmnProblems(read(file)).stream()).toList();
        }

        assertThat(problems).isEmpty();
    }

    @Test
    void aDecisionTableOutsideTheEnumIsReported() {
        DmnModelInstance table = Dmn.readModelFromStream(new ByteArrayInputStream("""
                <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="D" name="D" namespace="n">
                  <decision id="Decision_Shortage" name="Shortage">
                    <decisionTable id="DecisionTable_Shortage">
                      <input id="Input_Decision"><inputExpression id="E" typeRef="string"><text>stockDecision</text>
                      </inputExpression></input>
                      <output id="Output_Decision" name="shortageDecision" typeRef="string" />
                      <rule id="Rule_One">
                        <inputEntry id="I1"><text>"WAIT","LATER"</text></inputEntry>
                        <outputEntry id="O1"><text>"REFUND_NOW"</text></outputEntry>
                      </rule>
                    </decisionTable>
                  </decision>
                </definitions>""".getBytes(StandardCharsets.UTF_8)));

        assertThat(dmnProblems(table)).containsExactly(
                "Rule_One tests stockDecision for 'LATER', which is not one of StockDecision [WAIT, REFUND]",
                "Rule_One sets shortageDecision to 'REFUND_NOW', which is not one of ShortageDecision [WAIT, REFUND]");
    }

    @Test
    void everyNotificationAndCancellationReasonATaskNamesExists() {
        Map<String, List<String>> named = model.getModelElementsByType(CamundaInputParameter.class).stream()
                .collect(Collectors.groupingBy(CamundaInputParameter::getCamundaName,
                        Collectors.mapping(parameter -> parameter.getTextContent().trim(), Collectors.toList())));

        assertThat(named.get(Variables.NOTIFICATION_TYPE)).isNotEmpty()
                .allSatisfy(type -> assertThat(type).isIn(names(NotificationType.class)));
        assertThat(named.get(Variables.CANCELLATION_REASON)).isNotEmpty()
                .allSatisfy(reason -> assertThat(reason).isIn(names(CancellationReason.class)));
    }

    @Test
    void everyStepThatCallsOutsideRunsInARetryableJobOfItsOwn() {
        assertThat(outwardDelegates).as("delegates marked @CallsOutside").isNotEmpty();
        assertThat(outwardDelegates.keySet()).as("marked delegates the diagram runs")
                .allSatisfy(bean -> assertThat(stepsRunning(model, bean)).as(bean).isNotEmpty());

        assertThat(outwardStepsWithoutAsyncBefore(model)).isEmpty();
    }

    @Test
    void everyDelegateThatReachesAPortToTheOutsideIsMarkedAndNoOtherIs() {
        // given: the compiled service, and each delegate's calls followed through the services it uses
        JavaClasses service = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.orderflow");
        Map<String, Set<String>> portsByDelegate = service.stream()
                .filter(type -> type.isAssignableTo(JavaDelegate.class) && !type.isInterface())
                .collect(Collectors.toMap(JavaClass::getName, ModelContractTests::portsReachedFrom));

        // then: exactly the delegates that reach CourierPort or PaymentPort carry @CallsOutside
        Set<String> reaching = portsByDelegate.entrySet().stream().filter(delegate -> !delegate.getValue().isEmpty())
                .map(Map.Entry::getKey).collect(Collectors.toSet());
        assertThat(reaching).as("delegates reaching a port to the outside: %s; mark each @CallsOutside",
                portsByDelegate).isNotEmpty().containsExactlyInAnyOrderElementsOf(outwardClasses.values());
    }

    /** Simple names of the ports (interfaces named {@code *Port}) that code reachable from {@code start} calls. */
    private static Set<String> portsReachedFrom(JavaClass start) {
        Deque<JavaCodeUnit> todo = new ArrayDeque<>(start.getCodeUnits());
        Set<JavaCodeUnit> seen = new HashSet<>(todo);
        Set<String> ports = new TreeSet<>();
        while (!todo.isEmpty()) {
            JavaCodeUnit unit = todo.pop();
            Stream.concat(unit.getCallsFromSelf().stream(), unit.getCodeUnitReferencesFromSelf().stream())
                    .filter(access -> access.getTargetOwner().getPackageName().startsWith("dev.orderflow"))
                    .forEach(access -> {
                        JavaClass owner = access.getTargetOwner();
                        if (owner.isInterface() && owner.getSimpleName().endsWith("Port")) {
                            ports.add(owner.getSimpleName());
                        } else {
                            access.getTarget().resolveMember().filter(seen::add).ifPresent(todo::add);
                        }
                    });
        }
        return ports;
    }

    @Test
    void aStepThatCallsOutsideWithoutAsyncBeforeIsReported() {
        String courierBean = outwardDelegates.entrySet().stream().filter(bean -> bean.getValue().equals("courier"))
                .map(Map.Entry::getKey).findFirst().orElseThrow();
        BpmnModelInstance careless = Bpmn.createExecutableProcess("Careless").startEvent()
                .serviceTask("Task_BookCourier").camundaDelegateExpression("${" + courierBean + "}")
                .serviceTask("Task_BookCourierSafely").camundaAsyncBefore().camundaDelegateExpression(
                        "${" + courierBean + "}")
                .endEvent().done();

        assertThat(outwardStepsWithoutAsyncBefore(careless)).containsExactly("Task_BookCourier runs " + courierBean
                + ", which calls the courier, but is not asyncBefore: a failure would roll back the step before it"
                + " and never become a retried job or an incident");
    }

    /** Problems of one form: a field with fixed options must be a decision, offering exactly its enum's names. */
    private static List<String> formProblems(String file, JsonNode form) {
        return fieldsWithOptions(form).map(field -> {
            String key = field.path("key").asText();
            List<String> offered = field.path("values").findValuesAsText("value");
            Class<? extends Enum<?>> decision = DECISIONS.get(key);
            if (decision == null) {
                return file + ": field '" + key + "' offers fixed options, but no enum holds its values (add one to"
                        + " ModelContractTests.DECISIONS and use it in the code)";
            }
            return Set.copyOf(offered).equals(Set.copyOf(names(decision))) && offered.size() == names(decision).size()
                    ? null
                    : file + ": field '" + key + "' offers " + offered + ", but " + decision.getSimpleName() + " has "
                            + names(decision);
        }).filter(Objects::nonNull).toList();
    }

    private static Stream<JsonNode> fieldsWithOptions(JsonNode container) {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode component : container.path("components")) {
            if (component.has("values")) {
                found.add(component);
            }
            fieldsWithOptions(component).forEach(found::add);
        }
        return found.stream();
    }

    private record Comparison(String flowId, String variable, String value) {
    }

    /** Every {@code variable == 'TEXT'} (or {@code eq}, {@code !=}, {@code ne}, either order) in a flow's condition. */
    private static List<Comparison> comparisons(BpmnModelInstance bpmn) {
        List<Comparison> found = new ArrayList<>();
        for (SequenceFlow flow : bpmn.getModelElementsByType(SequenceFlow.class)) {
            if (flow.getConditionExpression() != null) {
                Matcher matcher = COMPARISON.matcher(flow.getConditionExpression().getTextContent().replace('"', '\''));
                while (matcher.find()) {
                    found.add(matcher.group(1) != null
                            ? new Comparison(flow.getId(), matcher.group(1), matcher.group(2))
                            : new Comparison(flow.getId(), matcher.group(4), matcher.group(3)));
                }
            }
        }
        return found;
    }

    private static List<String> conditionProblems(BpmnModelInstance bpmn) {
        List<String> problems = new ArrayList<>();
        for (Comparison comparison : comparisons(bpmn)) {
            Class<? extends Enum<?>> decision = DECISIONS.get(comparison.variable());
            if (decision == null) {
                problems.add(comparison.flowId() + " compares " + comparison.variable() + " with '" + comparison.value()
                        + "', but no enum holds the values of " + comparison.variable());
            } else if (!names(decision).contains(comparison.value())) {
                problems.add(comparison.flowId() + " compares " + comparison.variable() + " with '" + comparison.value()
                        + "', which is not one of " + decision.getSimpleName() + " " + names(decision));
            }
        }
        for (ExclusiveGateway gateway : bpmn.getModelElementsByType(ExclusiveGateway.class)) {
            Set<String> flows = gateway.getOutgoing().stream().map(SequenceFlow::getId).collect(Collectors.toSet());
            Map<String, Set<String>> handled = comparisons(bpmn).stream()
                    .filter(comparison -> flows.contains(comparison.flowId())
                            && DECISIONS.containsKey(comparison.variable()))
                    .collect(Collectors.groupingBy(Comparison::variable,
                            Collectors.mapping(Comparison::value, Collectors.toSet())));
            handled.forEach((variable, values) -> {
                List<String> missing = names(DECISIONS.get(variable)).stream().filter(name -> !values.contains(name))
                        .toList();
                if (!missing.isEmpty() && gateway.getDefault() == null) {
                    problems.add(gateway.getId() + " decides on " + variable + " but has no path for " + missing
                            + " and no default flow");
                }
            });
        }
        return problems;
    }

    /** A decision table may test or set a decision variable, with its enum's names only. */
    private static List<String> dmnProblems(DmnModelInstance dmn) {
        List<String> problems = new ArrayList<>();
        for (DecisionTable table : dmn.getModelElementsByType(DecisionTable.class)) {
            List<Input> inputs = List.copyOf(table.getInputs());
            List<Output> outputs = List.copyOf(table.getOutputs());
            for (Rule rule : table.getRules()) {
                List<InputEntry> tests = List.copyOf(rule.getInputEntries());
                for (int i = 0; i < inputs.size() && i < tests.size(); i++) {
                    String variable = inputs.get(i).getInputExpression().getText().getTextContent().trim();
                    checkQuoted(problems, rule.getId() + " tests " + variable + " for", variable,
                            tests.get(i).getTextContent());
                }
                List<OutputEntry> results = List.copyOf(rule.getOutputEntries());
                for (int i = 0; i < outputs.size() && i < results.size(); i++) {
                    String variable = outputs.get(i).getName();
                    checkQuoted(problems, rule.getId() + " sets " + variable + " to", variable,
                            results.get(i).getTextContent());
                }
            }
        }
        return problems;
    }

    private static void checkQuoted(List<String> problems, String what, String variable, String entry) {
        Class<? extends Enum<?>> decision = DECISIONS.get(variable);
        if (decision == null || entry == null) {
            return;
        }
        Matcher quoted = Pattern.compile("\"([^\"]*)\"").matcher(entry);
        while (quoted.find()) {
            if (!names(decision).contains(quoted.group(1))) {
                problems.add(what + " '" + quoted.group(1) + "', which is not one of " + decision.getSimpleName() + " "
                        + names(decision));
            }
        }
    }

    /** Tasks that run a delegate marked {@link CallsOutside} without {@code asyncBefore}, each said in a sentence. */
    private static List<String> outwardStepsWithoutAsyncBefore(BpmnModelInstance bpmn) {
        return outwardDelegates.entrySet().stream()
                .flatMap(bean -> stepsRunning(bpmn, bean.getKey()).stream()
                        .filter(step -> !step.isCamundaAsyncBefore())
                        .map(step -> step.getId() + " runs " + bean.getKey() + ", which calls the " + bean.getValue()
                                + ", but is not asyncBefore: a failure would roll back the step before it and never"
                                + " become a retried job or an incident"))
                .sorted().toList();
    }

    /** Activities whose delegate expression, expression or class is the bean. */
    private static List<FlowNode> stepsRunning(BpmnModelInstance bpmn, String bean) {
        Pattern usesBean = Pattern.compile("\\$\\{\\s*" + Pattern.quote(bean) + "\\b.*");
        String className = outwardClasses.get(bean);
        return bpmn.getModelElementsByType(Activity.class).stream().filter(activity -> {
            String delegate = activity.getAttributeValueNs(CAMUNDA_NS, "delegateExpression");
            String expression = activity.getAttributeValueNs(CAMUNDA_NS, "expression");
            String javaClass = activity.getAttributeValueNs(CAMUNDA_NS, "class");
            return (delegate != null && usesBean.matcher(delegate.trim()).matches())
                    || (expression != null && usesBean.matcher(expression.trim()).matches())
                    || (javaClass != null && javaClass.trim().equals(className));
        }).map(FlowNode.class::cast).toList();
    }

    private static List<String> expressions() {
        String xml = Bpmn.convertToString(model);
        Matcher matcher = Pattern.compile("\\$\\{[^}]*}").matcher(xml);
        List<String> found = new java.util.ArrayList<>();
        while (matcher.find()) {
            found.add(matcher.group());
        }
        return found;
    }

    private static Stream<String> beansIn(String expression) {
        Matcher matcher = EXPRESSION_BEAN.matcher(expression);
        return matcher.find() ? Stream.of(matcher.group(1)) : Stream.empty();
    }

    private static Map<String, JsonNode> forms() throws IOException {
        ObjectMapper json = new ObjectMapper();
        try (Stream<Path> files = Files.list(MODELS.resolve("forms"))) {
            return files.filter(file -> file.toString().endsWith(".form"))
                    .collect(Collectors.toMap(file -> file.getFileName().toString(), file -> {
                        try {
                            return json.readTree(file.toFile());
                        } catch (IOException e) {
                            throw new IllegalStateException(file + " is not a Camunda Form", e);
                        }
                    }));
        }
    }

    private static DmnModelInstance read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return Dmn.readModelFromStream(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> names(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
    }

    private static Stream<Decision> decisions(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return Dmn.readModelFromStream(in).getModelElementsByType(Decision.class).stream().toList().stream();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return what {@code wanted} has and {@code present} has not, sorted */
    private static Set<String> missingFrom(Collection<String> present, Collection<String> wanted) {
        Set<String> missing = new TreeSet<>(wanted);
        missing.removeAll(present);
        return missing;
    }

    /**
     * Fails with just the missing items, in a sentence an analyst acts on, instead of every item checked.
     *
     * @param sentence with one {@code %s} for the items
     */
    private static void assertNothingMissing(Set<String> missing, String sentence) {
        assertNothingMissing(missing, sentence, ", ");
    }

    private static void assertNothingMissing(Set<String> missing, String sentence, String separator) {
        if (!missing.isEmpty()) {
            org.assertj.core.api.Assertions.fail(sentence.formatted(String.join(separator, missing)));
        }
    }

    private static Set<String> constants(Class<?> holder) {
        return Arrays.stream(holder.getDeclaredFields())
                .filter(field -> Modifier.isStatic(field.getModifiers()) && field.getType() == String.class)
                .filter(field -> !field.getName().endsWith("_RESOURCE"))
                .map(ModelContractTests::value)
                .collect(Collectors.toSet());
    }

    private static String value(Field field) {
        try {
            return (String) field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
