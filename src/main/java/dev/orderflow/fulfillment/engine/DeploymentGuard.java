package dev.orderflow.fulfillment.engine;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orderflow.fulfillment.OrderFulfillmentProcess;
import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.Problem;
import org.camunda.bpm.engine.impl.bpmn.deployer.BpmnDeployer;
import org.camunda.bpm.engine.impl.cmmn.deployer.CmmnDeployer;
import org.camunda.bpm.engine.impl.dmn.deployer.DecisionDefinitionDeployer;
import org.camunda.bpm.engine.impl.form.deployer.CamundaFormDefinitionDeployer;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.w3c.dom.Document;

/**
 * Refuses a NEW deployment that holds anything but what Orderflow runs, or names what the service does not have.
 * Orderflow's engine exists for one process, {@code OrderFulfillmentProcess}, its decision tables (FEEL) and its
 * Camunda Forms. Refused:
 * <ul>
 * <li>a deployment with a tenant id: Orderflow runs without tenants (a tenant's version of the order process made
 * every new order fail, and the hardening refuses deleting deployments);</li>
 * <li>a CMMN file: a case can start processes, and CMMN has no authorizations;</li>
 * <li>a BPMN, DMN or form file that cannot be read (a 400 with the line and column, not the engine's 500);</li>
 * <li>two order processes in one deployment;</li>
 * <li>in a BPMN file, what {@link DiagramCheck} refuses (other processes, call activities, Java classes, form
 * keys, unknown beans, variables, properties, methods, forms and decisions, bindings other than latest and
 * deployment);</li>
 * <li>in a DMN file (also alone), an expression language other than FEEL ({@link DecisionTableCheck}), and a
 * courier-selection table naming a courier or service level that is not configured (the start-up check's words);</li>
 * <li>a staff task's form (also alone) with an editable field other than the decisions staff set, or offering a
 * decision value the service does not handle.</li>
 * </ul>
 * Without it such a deployment goes through and every order reaching the element becomes an incident, or worse.
 *
 * <p>Runs before Camunda's own deployers, inside the deployment's transaction: a refusal leaves nothing behind.
 * It throws Camunda's {@link ParseException} (one problem per element, naming its id and name), which
 * {@code /engine-rest/deployment/create} answers with 400 and which Camunda Modeler shows as it is. A deployment
 * parsed again (cache miss, another node, after an upgrade) is not checked: it was accepted once and its orders
 * must keep running.
 */
class DeploymentGuard implements Deployer {

    static final String REFUSAL = "Deployment refused: the diagram names what Orderflow does not have";

    private final Function<String, Class<?>> beanType;
    private final BiFunction<String, byte[], List<String>> unbookableCouriers;
    private final ObjectMapper json = new ObjectMapper();

    /** @param beanType the type of the application's bean of that name; null when there is no such bean */
    DeploymentGuard(Function<String, Class<?>> beanType) {
        this(beanType, (name, dmn) -> List.of());
    }

    /**
     * @param beanType           the type of the application's bean of that name; null when there is no such bean
     * @param unbookableCouriers a decision file's (name, bytes) courier-selection rules naming a courier or service
     *                           level the service cannot book; empty when all can be booked
     */
    DeploymentGuard(Function<String, Class<?>> beanType,
            BiFunction<String, byte[], List<String>> unbookableCouriers) {
        this.beanType = beanType;
        this.unbookableCouriers = unbookableCouriers;
    }

    @Override
    public void deploy(DeploymentEntity deployment) {
        if (!deployment.isNew() || deployment.getResources() == null) {
            return;
        }
        String deploymentName = String.valueOf(deployment.getName());
        if (deployment.getTenantId() != null) {
            throw refused(deploymentName, List.of(new Refusal("the deployment has the tenant id '"
                    + deployment.getTenantId() + "': Orderflow runs without tenants; deploy without a tenant id",
                    null)));
        }
        Map<String, ResourceEntity> resources = deployment.getResources();
        Set<String> forms = new HashSet<>();
        Set<String> decisions = new HashSet<>();
        Map<String, Document> diagrams = new LinkedHashMap<>();
        for (ResourceEntity resource : resources.values()) {
            String name = resource.getName();
            if (deployedAs(name, CmmnDeployer.CMMN_RESOURCE_SUFFIXES)) {
                throw refused(name, List.of(new Refusal("a CMMN case: Orderflow runs only the order process, its"
                        + " decision tables and forms; remove " + name + " from the deployment", null)));
            } else if (deployedAs(name, CamundaFormDefinitionDeployer.FORM_RESOURCE_SUFFIXES)) {
                String formId = formId(resource);
                forms.add(formId);
                check(name, staffFormProblems(formId, resource.getBytes()));
            } else if (deployedAs(name, DecisionDefinitionDeployer.DMN_RESOURCE_SUFFIXES)) {
                Document dmn = XmlFiles.read(name, resource.getBytes(), "DMN");
                check(name, DecisionTableCheck.problems(dmn));
                check(name, unbookableCouriers.apply(name, resource.getBytes()).stream()
                        .map(problem -> (Problem) new Refusal(problem + " (a table naming a courier the service"
                                + " cannot book stops every order matching that rule at label creation; configure"
                                + " the courier first, docs/configuration.md)",
                                OrderFulfillmentProcess.Decisions.COURIER_SELECTION)).toList());
                decisions.addAll(decisionIds(dmn));
            } else if (deployedAs(name, BpmnDeployer.BPMN_RESOURCE_SUFFIXES)) {
                diagrams.put(name, readable(name, resource.getBytes()));
            }
        }
        List<String> orderProcesses = new ArrayList<>();
        diagrams.forEach((name, dom) -> {
            DiagramCheck diagram = new DiagramCheck(dom, forms, decisions, beanType);
            check(name, diagram.problems());
            diagram.processIds().stream().filter(OrderFulfillmentProcess.PROCESS_KEY::equals)
                    .forEach(id -> orderProcesses.add(name));
        });
        if (orderProcesses.size() > 1) {
            throw refused(orderProcesses.get(1), List.of(new Refusal("the deployment holds the process "
                    + OrderFulfillmentProcess.PROCESS_KEY + " " + orderProcesses.size() + " times (" + orderProcesses
                    + "): deploy one diagram of it", OrderFulfillmentProcess.PROCESS_KEY)));
        }
    }

    /**
     * Whether Camunda's deployer for these suffixes takes the resource: they match the end of the name without a
     * dot ({@code order-fulfillment-bpmn} is deployed as BPMN), so the guard classifies names the same way.
     */
    private static boolean deployedAs(String name, String[] suffixes) {
        return java.util.Arrays.stream(suffixes).anyMatch(name::endsWith);
    }

    /** a diagram that is well-formed XML and valid BPMN, as the model API reads it; else refused as unreadable */
    private static Document readable(String name, byte[] bytes) {
        Document dom = XmlFiles.read(name, bytes, "BPMN");
        try {
            Bpmn.readModelFromStream(new ByteArrayInputStream(bytes));
        } catch (RuntimeException invalid) {
            String why = invalid.getCause() != null && invalid.getCause().getMessage() != null
                    ? invalid.getMessage() + ": " + invalid.getCause().getMessage() : invalid.getMessage();
            throw XmlFiles.unreadable(name, "BPMN", why, 0, 0);
        }
        return dom;
    }

    private static void check(String resource, List<Problem> problems) {
        if (!problems.isEmpty()) {
            throw refused(resource, problems);
        }
    }

    private static ParseException refused(String resource, List<Problem> problems) {
        String details = problems.stream().map(Problem::getMessage).collect(Collectors.joining("; "));
        return new ParseException(REFUSAL + " (" + resource + "): " + details, resource, problems, List.of());
    }

    private String formId(ResourceEntity resource) {
        try {
            JsonNode id = json.readTree(resource.getBytes()).get("id");
            if (id != null && id.isTextual()) {
                return id.asText();
            }
            throw refused(resource.getName(), List.of(new Refusal("the form has no id: save it again from Camunda"
                    + " Modeler", null)));
        } catch (IOException unreadable) {
            throw XmlFiles.unreadable(resource.getName(), "Camunda Form (JSON)", unreadable.getMessage(), 0,
                    0);
        }
    }

    /**
     * A staff task's form may let staff edit only the decisions the service reads ({@code Variables.STAFF_DECISIONS}),
     * offering only values it handles: the service accepts exactly the editable fields of the deployed form.
     */
    private static List<Problem> staffFormProblems(String formId, byte[] json) {
        Set<String> staffForms = Set.of(OrderFulfillmentProcess.Forms.REVIEW_DISCREPANCY,
                OrderFulfillmentProcess.Forms.RESOLVE_PICK_SHORTAGE, OrderFulfillmentProcess.Forms.INVESTIGATE_DELIVERY);
        if (!staffForms.contains(formId)) {
            return List.of();
        }
        Map<String, Set<String>> decisions = OrderFulfillmentProcess.Variables.STAFF_DECISIONS;
        List<Problem> problems = new ArrayList<>();
        TaskForm form;
        try {
            form = TaskForm.read(new ByteArrayInputStream(json));
        } catch (IOException unreadable) {
            return List.of(); // reported as unreadable when its id is read
        }
        for (TaskForm.Field field : form.fields()) {
            if (!field.editable()) {
                continue;
            }
            Set<String> handled = decisions.get(field.key());
            if (handled == null) {
                problems.add(new Refusal("form " + formId + ": the field '" + field.key() + "' is editable, so staff"
                        + " could set that process variable; staff set only " + new TreeSet<>(decisions.keySet())
                        + ": make it read-only", formId));
            } else if (!handled.isEmpty() && (field.dynamicOptions() || field.options() == null
                    || !handled.containsAll(field.options()))) {
                problems.add(new Refusal("form " + formId + ": the field '" + field.key() + "' offers "
                        + (field.options() == null ? "any value" : field.options()) + ", but the service handles only "
                        + new TreeSet<>(handled) + ": offer only those", formId));
            }
        }
        return problems;
    }

    private static Set<String> decisionIds(Document dmn) {
        return XmlFiles.elements(dmn).stream().filter(e -> "decision".equals(e.getLocalName()))
                .map(e -> e.getAttribute("id")).collect(Collectors.toSet());
    }
}
