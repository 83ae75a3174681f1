package dev.orderflow.fulfillment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orderflow.fulfillment.OrderFulfillmentProcess.Beans;
import dev.orderflow.fulfillment.OrderFulfillmentProcess.Decisions;
import dev.orderflow.fulfillment.OrderFulfillmentProcess.Elements;
import dev.orderflow.fulfillment.OrderFulfillmentProcess.Errors;
import dev.orderflow.fulfillment.OrderFulfillmentProcess.Forms;
import dev.orderflow.fulfillment.OrderFulfillmentProcess.Groups;
import dev.orderflow.fulfillment.OrderFulfillmentProcess.Messages;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BusinessRuleTask;
import org.camunda.bpm.model.bpmn.instance.Error;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Message;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
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

    private static BpmnModelInstance model;
    private static Set<String> springBeans;

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
        assertThat(constants(Elements.class)).allSatisfy(id ->
                assertThat(model.<ModelElementInstance>getModelElementById(id)).as(id).isNotNull());
    }

    @Test
    void everyFlowElementFollowsTheNamingGuide() {
        assertThat(model.getModelElementsByType(FlowElement.class)).extracting(FlowElement::getId)
                .allSatisfy(id -> assertThat(id).matches(ID_CONVENTION));
        assertThat(model.getModelElementsByType(FlowNode.class))
                .filteredOn(node -> !node.getId().startsWith("Gateway_") && !node.getId().startsWith("SubProcess_"))
                .allSatisfy(node -> assertThat(node.getName()).as(node.getId()).isNotBlank());
    }

    @Test
    void everyMessageAndErrorTheCodeUsesIsDefined() {
        Set<String> messages = model.getModelElementsByType(Message.class).stream().map(Message::getName)
                .collect(Collectors.toSet());
        Set<String> errors = model.getModelElementsByType(Error.class).stream().map(Error::getErrorCode)
                .collect(Collectors.toSet());

        assertThat(messages).containsExactlyInAnyOrderElementsOf(constants(Messages.class));
        assertThat(errors).containsExactlyInAnyOrderElementsOf(constants(Errors.class));
    }

    @Test
    void everyBeanTheDiagramNamesIsASpringBeanTheCodeKnows() {
        Set<String> named = expressions().stream().flatMap(ModelContractTests::beansIn).collect(Collectors.toSet());
        Set<String> variables = constants(OrderFulfillmentProcess.Variables.class);
        named.removeAll(variables);
        named.remove("decisionResult");

        assertThat(named).containsExactlyInAnyOrderElementsOf(constants(Beans.class));
        assertThat(springBeans).containsAll(constants(Beans.class));
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

        assertThat(userTasks).allSatisfy(task -> {
            assertThat(task.getCamundaFormRef()).as(task.getId()).isIn(forms);
            assertThat(task.getCamundaFormRefBinding()).as(task.getId()).isEqualTo("deployment");
            assertThat(task.getCamundaCandidateGroupsList()).as(task.getId()).isNotEmpty()
                    .allSatisfy(group -> assertThat(group).isIn(constants(Groups.class)));
        });
        assertThat(forms).containsExactlyInAnyOrderElementsOf(constants(Forms.class));
    }

    @Test
    void stepsThatCallTheOutsideWorldRunInTheirOwnRetryableJob() {
        List<String> outward = List.of(Beans.CREATE_LABEL, Beans.HAND_OVER_TO_COURIER, Beans.REFUND_PAYMENT,
                Beans.ARRANGE_REDELIVERY);

        assertThat(model.getModelElementsByType(ServiceTask.class))
                .filteredOn(task -> outward.stream().anyMatch(bean -> ("${" + bean + "}")
                        .equals(task.getCamundaDelegateExpression())))
                .hasSizeGreaterThanOrEqualTo(outward.size())
                .allSatisfy(task -> assertThat(task.isCamundaAsyncBefore()).as(task.getId()).isTrue());
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

    private static Stream<Decision> decisions(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return Dmn.readModelFromStream(in).getModelElementsByType(Decision.class).stream().toList().stream();
        } catch (IOException e) {
            throw new IllegalStateException(e);
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
