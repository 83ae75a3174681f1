package dev.orderflow.fulfillment.engine;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orderflow.fulfillment.OrderFulfillmentProcess;
import dev.orderflow.fulfillment.OrderFulfillmentProcess.Elements;
import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.Problem;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.BusinessRuleTask;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaExecutionListener;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

/**
 * Refuses a NEW deployment whose BPMN names something the service does not have: a Spring bean in a delegate
 * expression or an expression (service tasks, message events, execution and task listeners), a Camunda Form
 * ({@code camunda:formRef}) or a decision ({@code camunda:decisionRef}) that is neither in the deployment nor
 * deployed before, or a binding Camunda does not know. Without it such a diagram deploys fine and every order
 * reaching the element becomes an incident.
 *
 * <p>Runs before Camunda's own deployers, inside the deployment's transaction: a refusal leaves nothing behind.
 * It throws Camunda's {@link ParseException} (one problem per element, naming its id and name), which
 * {@code /engine-rest/deployment/create} answers with 400 and which Camunda Modeler shows as it is. A deployment
 * parsed again (cache miss, another node, after an upgrade) is not checked: it was accepted once and its orders
 * must keep running.
 */
class DeploymentGuard implements Deployer {

    static final String REFUSAL = "Deployment refused: the diagram names what Orderflow does not have";

    private static final String CAMUNDA_NS = "http://camunda.org/schema/1.0/bpmn";
    /** the first name of an expression: {@code ${bean}}, {@code ${bean.method(execution)}}, {@code #{bean}} */
    private static final Pattern ROOT_NAME = Pattern.compile("[$#]\\{\\s*([A-Za-z_]\\w*)");
    /** names Camunda itself gives an expression, not beans */
    private static final Set<String> ENGINE_NAMES = Set.of("execution", "task", "externalTask", "caseExecution",
            "variableScope", "authenticatedUserId", "dateTime");
    private static final Set<String> FORM_BINDINGS = Set.of("latest", "deployment", "version");
    private static final Set<String> DECISION_BINDINGS = Set.of("latest", "deployment", "version", "versionTag");

    private final Predicate<String> beanExists;
    private final ObjectMapper json = new ObjectMapper();

    /** @param beanExists whether the application has a bean of that name */
    DeploymentGuard(Predicate<String> beanExists) {
        this.beanExists = beanExists;
    }

    @Override
    public void deploy(DeploymentEntity deployment) {
        if (!deployment.isNew() || deployment.getResources() == null) {
            return;
        }
        Map<String, ResourceEntity> resources = deployment.getResources();
        Set<String> forms = new HashSet<>();
        Set<String> decisions = new HashSet<>();
        resources.values().forEach(resource -> {
            if (resource.getName().endsWith(".form")) {
                formId(resource).ifPresent(forms::add);
            } else if (resource.getName().endsWith(".dmn") || resource.getName().endsWith(".dmn11.xml")) {
                decisions.addAll(decisionIds(resource));
            }
        });
        for (ResourceEntity resource : resources.values()) {
            if (!resource.getName().endsWith(".bpmn") && !resource.getName().endsWith(".bpmn20.xml")) {
                continue;
            }
            BpmnModelInstance model;
            try {
                model = Bpmn.readModelFromStream(new ByteArrayInputStream(resource.getBytes()));
            } catch (RuntimeException unreadable) {
                continue; // Camunda's parser reports what is wrong with it
            }
            List<Problem> problems = new Check(model, forms, decisions).problems();
            if (!problems.isEmpty()) {
                String details = problems.stream().map(Problem::getMessage).collect(Collectors.joining("; "));
                throw new ParseException(REFUSAL + " (" + resource.getName() + "): " + details, resource.getName(),
                        problems, List.of());
            }
        }
    }

    private Optional<String> formId(ResourceEntity resource) {
        try {
            JsonNode id = json.readTree(resource.getBytes()).get("id");
            return id == null || !id.isTextual() ? Optional.empty() : Optional.of(id.asText());
        } catch (IOException unreadable) {
            return Optional.empty(); // Camunda's form deployer reports it
        }
    }

    private static Set<String> decisionIds(ResourceEntity resource) {
        try {
            return Dmn.readModelFromStream(new ByteArrayInputStream(resource.getBytes()))
                    .getModelElementsByType(Decision.class).stream().map(Decision::getId).collect(Collectors.toSet());
        } catch (RuntimeException unreadable) {
            return Set.of(); // Camunda's DMN deployer reports it
        }
    }

    /** The checks of one diagram, against the deployment's own forms and decisions and what was deployed before. */
    private final class Check {

        private final BpmnModelInstance model;
        private final Set<String> forms;
        private final Set<String> decisions;
        /** element id -> its problems, in the diagram's order */
        private final Map<String, List<String>> found = new LinkedHashMap<>();
        private final Map<String, String> names = new LinkedHashMap<>();

        Check(BpmnModelInstance model, Set<String> forms, Set<String> decisions) {
            this.model = model;
            this.forms = forms;
            this.decisions = decisions;
        }

        List<Problem> problems() {
            for (BaseElement element : model.getModelElementsByType(BaseElement.class)) {
                bean(element, element.getAttributeValueNs(CAMUNDA_NS, "delegateExpression"), "delegate expression");
                bean(element, element.getAttributeValueNs(CAMUNDA_NS, "expression"), "expression");
                String formRef = element.getAttributeValueNs(CAMUNDA_NS, "formRef");
                if (formRef != null) {
                    form(element, formRef, element.getAttributeValueNs(CAMUNDA_NS, "formRefBinding"));
                }
            }
            for (CamundaExecutionListener listener : model.getModelElementsByType(CamundaExecutionListener.class)) {
                listener(listener, listener.getCamundaDelegateExpression(), listener.getCamundaExpression(),
                        "execution listener (" + listener.getCamundaEvent() + ")");
            }
            for (CamundaTaskListener listener : model.getModelElementsByType(CamundaTaskListener.class)) {
                listener(listener, listener.getCamundaDelegateExpression(), listener.getCamundaExpression(),
                        "task listener (" + listener.getCamundaEvent() + ")");
            }
            for (BusinessRuleTask task : model.getModelElementsByType(BusinessRuleTask.class)) {
                if (task.getCamundaDecisionRef() != null) {
                    decision(task, task.getCamundaDecisionRef(),
                            task.getAttributeValueNs(CAMUNDA_NS, "decisionRefBinding"));
                }
            }
            for (Process process : model.getModelElementsByType(Process.class)) {
                if (OrderFulfillmentProcess.PROCESS_KEY.equals(process.getId())) {
                    elementsTheServiceActsOn(process);
                }
            }
            List<Problem> problems = new ArrayList<>();
            found.forEach((id, messages) -> messages.forEach(message ->
                    problems.add(new Refusal(describe(id) + ": " + message, id))));
            return problems;
        }

        /** The order process keeps the ids the running service acts on, and has no staff task it does not know. */
        private void elementsTheServiceActsOn(Process process) {
            for (UserTask task : model.getModelElementsByType(UserTask.class)) {
                if (processOf(task) == process && !Elements.STAFF_TASKS.contains(task.getId())) {
                    add(task, "a staff task the service does not know: it records a staff task's decision by the"
                            + " task's id (" + String.join(", ", new TreeSet<>(Elements.STAFF_TASKS))
                            + "), so nobody could complete this one; keep one of those ids, or have a developer"
                            + " add the new task first (docs/extending.md)");
                }
            }
            Elements.ACTED_ON_AT_RUN_TIME.forEach((id, type) -> {
                ModelElementInstance element = model.getModelElementById(id);
                String actual = element == null ? null : element.getElementType().getTypeName();
                if (!type.equals(actual)) {
                    add(process, "it has no " + type + " with the id " + id + (actual == null ? "" : " (" + id
                            + " is a " + actual + " here)") + ", which the service acts on by that id; keep the"
                            + " element and its id (renaming one is a change a developer makes, docs/extending.md)");
                }
            });
        }

        private void listener(ModelElementInstance listener, String delegateExpression, String expression,
                String kind) {
            FlowElement owner = owner(listener);
            if (owner != null) {
                bean(owner, delegateExpression, kind);
                bean(owner, expression, kind);
            }
        }

        private void bean(BaseElement element, String expression, String where) {
            if (expression == null) {
                return;
            }
            Matcher name = ROOT_NAME.matcher(expression);
            while (name.find()) {
                String bean = name.group(1);
                if (!ENGINE_NAMES.contains(bean) && !beanExists.test(bean)) {
                    add(element, "its " + where + " " + expression + " calls '" + bean
                            + "', which is no bean of Orderflow (a misspelling, or a delegate that needs a new release"
                            + " of the service first)");
                }
            }
        }

        private void form(BaseElement element, String formRef, String binding) {
            if (formRef.contains("{")) {
                return; // chosen at run time
            }
            if (binding == null || !FORM_BINDINGS.contains(binding)) {
                add(element, "its form binding '" + binding + "' is not one of " + FORM_BINDINGS
                        + " (use latest)");
            } else if (!forms.contains(formRef) && ("deployment".equals(binding) || !formDeployedBefore(formRef))) {
                add(element, "form '" + formRef + "' " + ("deployment".equals(binding)
                        ? "is bound to this deployment but is not in it (attach the .form file, or bind latest)"
                        : "is neither in this deployment nor deployed before (attach the .form file from"
                                + " bpmn/forms/, or correct the form id)"));
            }
        }

        private void decision(BaseElement element, String decisionRef, String binding) {
            if (decisionRef.contains("{")) {
                return; // chosen at run time
            }
            // Camunda reads an unknown binding as latest without a word; a misspelling is refused here instead
            if (binding != null && !DECISION_BINDINGS.contains(binding)) {
                add(element, "its decision binding '" + binding + "' is not one of " + DECISION_BINDINGS
                        + " (use latest)");
            } else if (!decisions.contains(decisionRef)
                    && ("deployment".equals(binding) || !decisionDeployedBefore(decisionRef))) {
                add(element, "decision '" + decisionRef + "' " + ("deployment".equals(binding)
                        ? "is bound to this deployment but is not in it (attach the .dmn file, or bind latest)"
                        : "is neither in this deployment nor deployed before (attach the .dmn file from bpmn/,"
                                + " or correct the decision id)"));
            }
        }

        private void add(BaseElement element, String problem) {
            FlowElement owner = element instanceof FlowElement flow ? flow : owner(element);
            String id = owner != null ? owner.getId() : element.getId();
            names.put(id, owner != null ? owner.getName() : null);
            found.computeIfAbsent(id, any -> new ArrayList<>()).add(problem);
        }

        private String describe(String id) {
            String name = names.get(id);
            return name == null || name.isBlank() ? "'" + id + "'" : "'" + name.strip() + "' (" + id + ")";
        }
    }

    private static boolean formDeployedBefore(String key) {
        CommandContext command = Context.getCommandContext();
        return command.getCamundaFormDefinitionManager().findLatestDefinitionByKey(key) != null;
    }

    private static boolean decisionDeployedBefore(String key) {
        CommandContext command = Context.getCommandContext();
        return command.getDecisionDefinitionManager().findLatestDecisionDefinitionByKey(key) != null;
    }

    /** the process an element is part of (also inside subprocesses) */
    private static Process processOf(ModelElementInstance element) {
        for (ModelElementInstance parent = element.getParentElement(); parent != null;
                parent = parent.getParentElement()) {
            if (parent instanceof Process process) {
                return process;
            }
        }
        return null;
    }

    /** the flow element (task, event, gateway) an extension element or event definition belongs to */
    private static FlowElement owner(ModelElementInstance element) {
        for (ModelElementInstance parent = element.getParentElement(); parent != null;
                parent = parent.getParentElement()) {
            if (parent instanceof FlowElement flow) {
                return flow;
            }
        }
        return null;
    }

    /** One refused element, as Camunda's REST layer and Camunda Modeler show a parse problem. */
    private record Refusal(String message, String elementId) implements Problem {

        @Override
        public String getMessage() {
            return message;
        }

        @Override
        public int getLine() {
            return 0;
        }

        @Override
        public int getColumn() {
            return 0;
        }

        @Override
        public String getMainElementId() {
            return elementId;
        }

        @Override
        public List<String> getElementIds() {
            return List.of(elementId);
        }
    }
}
