package dev.orderflow.fulfillment.engine;

import java.beans.PropertyDescriptor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.orderflow.fulfillment.OrderFulfillmentProcess;
import dev.orderflow.fulfillment.OrderFulfillmentProcess.Elements;
import org.camunda.bpm.engine.Problem;
import org.camunda.bpm.engine.impl.calendar.CycleBusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.DueDateBusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.DurationBusinessCalendar;
import org.camunda.bpm.engine.impl.context.Context;
import org.springframework.beans.BeanUtils;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The checks of one new BPMN diagram: it may hold only what Orderflow runs, the order process, and may name only
 * what the service has. Refused, each with the element's name and id and what to do:
 * <ul>
 * <li>an executable process other than {@code OrderFulfillmentProcess} (the engine runs that one process);</li>
 * <li>a call activity (Orderflow calls no other process), a script ({@link NoScriptsPlugin});</li>
 * <li>{@code camunda:class} / {@code activiti:class} (also a listener's {@code class}) and
 * {@code formHandlerClass}: steps are Spring beans ({@code ${...Delegate}}), not classes the engine instantiates;</li>
 * <li>{@code camunda:formKey}: staff tasks use Camunda Forms ({@code formRef}), which the write checks rely on;</li>
 * <li>a form or decision reference that is an expression, bound other than {@code latest} / {@code deployment},
 * bound to a tenant, or naming a form or decision that is neither in the deployment nor deployed before;</li>
 * <li>every expression ({@code ${...}} or {@code #{...}} in any attribute of any namespace and any element's text:
 * conditions, timers, input/output parameters, assignees, listeners, ...) whose root name is not a bean of
 * {@link OrderFulfillmentProcess.Beans} (any other Spring bean is refused), a name the engine provides, a process
 * variable of {@link OrderFulfillmentProcess.Variables} or a name the diagram defines (input/output parameters,
 * result and element variables); for a bean, a method it does not have or a property path it cannot read (looked
 * up on the bean's type, nothing is called); after a name the engine provides, anything but reading
 * ({@link #ENGINE_MEMBERS}); a member of something that is not a checked name ({@code ''.getClass()}); a name
 * that reaches into Java itself ({@link ExpressionScanner#REFLECTIVE}), also in brackets;</li>
 * <li>an order process without the elements the service acts on by id, or with a staff task it does not know;</li>
 * <li>in the order process, a message event for a message the service does not send (or a message it sends that
 * no event waits for), an error code its steps do not throw, a literal timer value Camunda cannot parse.</li>
 * </ul>
 */
final class DiagramCheck {

    /** names Camunda itself gives an expression */
    static final Set<String> ENGINE_NAMES = Set.of("execution", "task", "externalTask", "caseExecution",
            "variableScope", "authenticatedUserId", "decisionResult", "loopCounter", "nrOfInstances",
            "nrOfActiveInstances", "nrOfCompletedInstances");
    /**
     * what an expression may use after a name the engine provides: read a variable, ids and names, a decision's
     * result; never set or remove a variable or reach the engine's services
     */
    static final Set<String> ENGINE_MEMBERS = Set.of("getVariable", "getVariableLocal", "hasVariable",
            "hasVariableLocal", "variables", "getVariables", "id", "getId", "businessKey", "getBusinessKey",
            "processBusinessKey", "getProcessBusinessKey", "currentActivityId", "getCurrentActivityId", "eventName",
            "getEventName", "name", "getName", "processInstanceId", "getProcessInstanceId",
            // decisionResult
            "getSingleResult", "singleResult", "getResultList", "resultList", "getFirstResult", "firstResult",
            "getSingleEntry", "singleEntry", "collectEntries", "getEntry", "isEmpty", "empty", "size");
    /** the only beans a diagram may name: the service's delegates, listener and settings */
    static final Set<String> BEANS = Arrays.stream(OrderFulfillmentProcess.Beans.class.getFields())
            .filter(field -> Modifier.isStatic(field.getModifiers()) && field.getType() == String.class)
            .map(DiagramCheck::value).collect(Collectors.toUnmodifiableSet());
    /** functions Camunda's expression language has */
    static final Set<String> ENGINE_FUNCTIONS = Set.of("now", "dateTime", "currentUser", "currentUserGroups");
    static final Set<String> BINDINGS = Set.of("latest", "deployment");
    /** the process variables the service and the diagram share */
    static final Set<String> VARIABLES = Arrays.stream(OrderFulfillmentProcess.Variables.class.getFields())
            .filter(field -> Modifier.isStatic(field.getModifiers()) && field.getType() == String.class)
            .map(DiagramCheck::value).collect(Collectors.toUnmodifiableSet());
    /** text that is read by people, never evaluated */
    private static final Set<String> PROSE = Set.of("documentation", "text");

    private final Document dom;
    private final Set<String> forms;
    private final Set<String> decisions;
    private final Function<String, Class<?>> beanType;
    private final Set<String> defined = new HashSet<>();
    /** element id -> its problems, in the diagram's order */
    private final Map<String, List<String>> found = new LinkedHashMap<>();
    private final Map<String, String> names = new LinkedHashMap<>();

    /**
     * @param forms     form ids in this deployment
     * @param decisions decision ids in this deployment
     * @param beanType  the type of the application's bean of that name, null when there is none
     */
    DiagramCheck(Document dom, Set<String> forms, Set<String> decisions, Function<String, Class<?>> beanType) {
        this.dom = dom;
        this.forms = forms;
        this.decisions = decisions;
        this.beanType = beanType;
    }

    /** @return the executable processes' ids, in the diagram's order */
    List<String> processIds() {
        return XmlFiles.elements(dom).stream().filter(e -> bpmn(e, "process"))
                .filter(e -> !"false".equals(e.getAttribute("isExecutable"))).map(e -> e.getAttribute("id")).toList();
    }

    /** @return one problem per refused element; empty when the diagram may be deployed */
    List<Problem> problems() {
        List<Element> all = XmlFiles.elements(dom);
        all.forEach(this::collectDefinedNames);
        for (Element element : all) {
            if (bpmn(element, "process") && !"false".equals(element.getAttribute("isExecutable"))
                    && !OrderFulfillmentProcess.PROCESS_KEY.equals(element.getAttribute("id"))) {
                add(element, "Orderflow runs only the process " + OrderFulfillmentProcess.PROCESS_KEY + " (this one"
                        + " has the id " + element.getAttribute("id") + "); keep the order process's id, or mark"
                        + " this pool not executable");
            }
            if (bpmn(element, "scriptTask") || XmlFiles.camunda(element.getNamespaceURI())
                    && "script".equals(element.getLocalName())
                    || bpmn(element, "conditionExpression") && element.hasAttribute("language")) {
                add(element, NoScriptsPlugin.REFUSAL); // the engine refuses to run them; refused here with a 400
            }
            if (bpmn(element, "callActivity")) {
                add(element, "a call activity: Orderflow calls no other process; model the steps in the order"
                        + " process, or have a developer add a step (docs/extending.md)");
            }
            for (Attr attribute : XmlFiles.attributes(element)) {
                attribute(element, attribute);
            }
            if (!PROSE.contains(element.getLocalName())) {
                XmlFiles.ownText(element).filter(ExpressionScanner::hasExpression)
                        .ifPresent(text -> expression(element, "<" + element.getLocalName() + ">", text.strip()));
            }
        }
        all.stream().filter(e -> bpmn(e, "timerEventDefinition")).forEach(this::timer);
        if (processIds().contains(OrderFulfillmentProcess.PROCESS_KEY)) {
            elementsTheServiceActsOn();
            messagesAndErrors(all);
        }
        List<Problem> problems = new ArrayList<>();
        found.forEach((id, messages) -> messages.forEach(message ->
                problems.add(new Refusal(describe(id) + ": " + message, id))));
        return problems;
    }

    private void attribute(Element element, Attr attribute) {
        String local = attribute.getLocalName() == null ? attribute.getName() : attribute.getLocalName();
        boolean extension = XmlFiles.camunda(attribute.getNamespaceURI())
                || attribute.getNamespaceURI() == null && XmlFiles.camunda(element.getNamespaceURI());
        String value = attribute.getValue();
        if (extension && ("class".equals(local) || "formHandlerClass".equals(local))) {
            add(element, "its " + where(element, attribute) + " names the Java class " + value + ": Orderflow's"
                    + " steps are Spring beans (${...Delegate}); use the bean's delegate expression");
        } else if (extension && "formKey".equals(local)) {
            add(element, "it has a form key (" + value + "): staff tasks use Camunda Forms (camunda:formRef with a"
                    + " form from bpmn/forms/, binding latest), which the service's checks of what staff submit"
                    + " rely on");
        } else if (extension && ("formRefTenantId".equals(local) || "decisionRefTenantId".equals(local))) {
            add(element, "its " + local + " '" + value + "' names a tenant: Orderflow runs without tenants;"
                    + " remove it");
        } else if (extension && "formRef".equals(local)) {
            reference(element, "form", value, element.getAttributeNS(attribute.getNamespaceURI(), "formRefBinding"),
                    true);
        } else if (extension && "decisionRef".equals(local)) {
            reference(element, "decision", value,
                    element.getAttributeNS(attribute.getNamespaceURI(), "decisionRefBinding"), false);
        } else if (ExpressionScanner.hasExpression(value)) {
            expression(element, where(element, attribute), value);
        }
    }

    /** how a refusal names where an expression is: a listener by its event, else the attribute */
    private static String where(Element element, Attr attribute) {
        String local = element.getLocalName();
        if (XmlFiles.camunda(element.getNamespaceURI())
                && ("taskListener".equals(local) || "executionListener".equals(local))) {
            return ("taskListener".equals(local) ? "task" : "execution") + " listener (" + element.getAttribute("event")
                    + ")";
        }
        return attribute.getName();
    }

    /** names the diagram defines for its expressions: parameters, result and element variables */
    private void collectDefinedNames(Element element) {
        if (XmlFiles.camunda(element.getNamespaceURI())
                && ("inputParameter".equals(element.getLocalName()) || "outputParameter".equals(element.getLocalName()))
                && !element.getAttribute("name").isBlank()) {
            defined.add(element.getAttribute("name"));
        }
        for (Attr attribute : XmlFiles.attributes(element)) {
            if (XmlFiles.camunda(attribute.getNamespaceURI()) && ("resultVariable".equals(attribute.getLocalName())
                    || "elementVariable".equals(attribute.getLocalName()))) {
                defined.add(attribute.getValue());
            }
        }
    }

    private void reference(Element element, String kind, String ref, String binding, boolean bindingRequired) {
        String attached = "form".equals(kind) ? "the .form file from bpmn/forms/" : "the .dmn file from bpmn/";
        if (ExpressionScanner.hasExpression(ref)) {
            add(element, "its " + kind + " reference " + ref + " is an expression: name the " + kind + " by its id"
                    + " (the service checks it exists before the diagram is deployed)");
        } else if (binding.isEmpty() ? bindingRequired : !BINDINGS.contains(binding)) {
            add(element, "its " + kind + " binding '" + binding + "' is not one of " + new TreeSet<>(BINDINGS)
                    + " (use latest)");
        } else if (!("form".equals(kind) ? forms : decisions).contains(ref)
                && ("deployment".equals(binding) || !deployedBefore(kind, ref))) {
            add(element, kind + " '" + ref + "' " + ("deployment".equals(binding)
                    ? "is bound to this deployment but is not in it (attach " + attached + ", or bind latest)"
                    : "is neither in this deployment nor deployed before (attach " + attached + ", or correct the "
                            + kind + " id)"));
        }
    }

    private static boolean deployedBefore(String kind, String key) {
        var command = Context.getCommandContext();
        return "form".equals(kind)
                ? command.getCamundaFormDefinitionManager().findLatestDefinitionByKey(key) != null
                : command.getDecisionDefinitionManager().findLatestDecisionDefinitionByKey(key) != null;
    }

    private void expression(Element element, String where, String text) {
        for (ExpressionScanner.Reference reference : ExpressionScanner.references(text)) {
            String root = reference.root();
            if (reference.called()) {
                if (!ENGINE_FUNCTIONS.contains(root)) {
                    add(element, "its " + where + " " + text + " calls the function '" + root + "', which the engine"
                            + " does not have (functions: " + new TreeSet<>(ENGINE_FUNCTIONS) + ")");
                }
                continue;
            }
            // a Spring bean outside the list, even under a variable's name: where the variable is unset, the bean
            // answers (the engine, the environment and its secrets, ...)
            Class<?> type = beanType.apply(root);
            if (type != null && !BEANS.contains(root)) {
                add(element, "its " + where + " " + text + " names the bean '" + root + "', which a diagram may not"
                        + " use: name a delegate of Orderflow: " + new TreeSet<>(BEANS));
                continue;
            }
            if (ENGINE_NAMES.contains(root)) {
                engineMembers(element, where, reference);
                continue;
            }
            if (VARIABLES.contains(root) || defined.contains(root)) {
                continue;
            }
            if (type == null) {
                add(element, "its " + where + " " + text + " uses '" + root + "', which is no bean of Orderflow, no"
                        + " variable of the order process and no name the engine or the diagram defines (a"
                        + " misspelling, or a delegate that needs a new release of the service first; beans a diagram"
                        + " may name: " + new TreeSet<>(BEANS) + ")");
            } else if (reference.indexed()) {
                add(element, "its " + where + " " + text + " reads '" + root + "' in brackets: name the bean's"
                        + " method or property with a '.' (checked before the diagram is deployed)");
            } else {
                path(element, where, reference, type);
            }
        }
        List<String> misuses = ExpressionScanner.misuses(text);
        if (!misuses.isEmpty()) {
            add(element, "its " + where + " " + text + " " + String.join("; it ", misuses));
        }
    }

    /** after a name the engine provides, only reading: the members of {@link #ENGINE_MEMBERS} */
    private void engineMembers(Element element, String where, ExpressionScanner.Reference reference) {
        String allowed = "expressions may only read from '" + reference.root() + "': " + new TreeSet<>(ENGINE_MEMBERS);
        for (String name : reference.path()) {
            if (!ENGINE_MEMBERS.contains(name)) {
                add(element, "its " + where + " " + reference.expression() + " uses '" + name + "' of '"
                        + reference.root() + "': " + allowed + " (changing variables or reaching the engine is the"
                        + " service's work)");
                return;
            }
        }
        if (reference.indexed()) {
            add(element, "its " + where + " " + reference.expression() + " reads '" + reference.root() + "' in"
                    + " brackets: " + allowed);
        }
    }

    /** the rest of a bean's path: methods it has, properties it can read (on its type; nothing is called) */
    private void path(Element element, String where, ExpressionScanner.Reference reference, Class<?> beanType) {
        Class<?> type = beanType;
        String walked = reference.root();
        for (int i = 0; i < reference.path().size(); i++) {
            String name = reference.path().get(i);
            if (reference.calls().get(i)) {
                boolean exists = Arrays.stream(type.getMethods()).map(Method::getName).anyMatch(name::equals);
                if (!exists) {
                    add(element, "its " + where + " " + reference.expression() + " calls '" + name + "' on '"
                            + walked + "', which has no public method of that name (a misspelling?)");
                }
                return;
            }
            PropertyDescriptor property = BeanUtils.getPropertyDescriptor(type, name);
            if (property == null || property.getReadMethod() == null) {
                add(element, "its " + where + " " + reference.expression() + " reads '" + name + "' of '" + walked
                        + "', which has no readable property of that name (a misspelling?)");
                return;
            }
            type = property.getPropertyType();
            walked = walked + "." + name;
            if (type == null || Map.class.isAssignableFrom(type) || type == Object.class) {
                return; // read by key or of a type known only at run time
            }
        }
    }

    /** The order process keeps the ids the running service acts on, and has no staff task it does not know. */
    private void elementsTheServiceActsOn() {
        Element process = XmlFiles.elements(dom).stream().filter(e -> bpmn(e, "process"))
                .filter(e -> OrderFulfillmentProcess.PROCESS_KEY.equals(e.getAttribute("id"))).findFirst()
                .orElseThrow();
        Map<String, Element> byId = new LinkedHashMap<>();
        XmlFiles.elements(process).stream().filter(e -> inBpmn(e) && e.hasAttribute("id"))
                .forEach(e -> byId.putIfAbsent(e.getAttribute("id"), e));
        byId.values().stream().filter(e -> bpmn(e, "userTask"))
                .filter(task -> !Elements.STAFF_TASKS.contains(task.getAttribute("id")))
                .forEach(task -> add(task, "a staff task the service does not know: it records a staff task's"
                        + " decision by the task's id (" + String.join(", ", new TreeSet<>(Elements.STAFF_TASKS))
                        + "), so nobody could complete this one; keep one of those ids, or have a developer add the"
                        + " new task first (docs/extending.md)"));
        Elements.ACTED_ON_AT_RUN_TIME.forEach((id, type) -> {
            Element element = byId.get(id);
            String actual = element == null ? null : element.getLocalName();
            if (!type.equals(actual)) {
                add(process, "it has no " + type + " with the id " + id + (actual == null ? "" : " (" + id + " is a "
                        + actual + " here)") + ", which the service acts on by that id; keep the element and its id"
                        + " (renaming one is a change a developer makes, docs/extending.md)");
            }
        });
    }

    /**
     * A literal timer value must parse as Camunda will parse it when an order gets there (with Camunda's own
     * business calendars); otherwise every order reaching the timer becomes an incident.
     */
    private void timer(Element definition) {
        for (Element child : XmlFiles.elements(definition)) {
            if (child == definition || !inBpmn(child)) {
                continue;
            }
            String kind = child.getLocalName();
            String value = child.getTextContent() == null ? "" : child.getTextContent().strip();
            if (ExpressionScanner.hasExpression(value)) {
                continue; // checked as an expression
            }
            String expected = switch (kind) {
                case "timeDuration" -> "an ISO-8601 duration such as PT36H or P2D";
                case "timeDate" -> "an ISO-8601 date-time such as 2026-12-24T18:00:00Z";
                case "timeCycle" -> "an ISO-8601 repeating interval such as R3/PT10M, or a cron expression such as"
                        + " 0 0 9 * * ?";
                default -> null;
            };
            if (expected == null) {
                continue;
            }
            try {
                switch (kind) {
                    case "timeDuration" -> new DurationBusinessCalendar().resolveDuedate(value);
                    case "timeDate" -> new DueDateBusinessCalendar().resolveDuedate(value);
                    default -> new CycleBusinessCalendar().resolveDuedate(value);
                }
            } catch (RuntimeException unparsable) {
                add(definition, "its timer " + kind + " '" + value + "' is not " + expected + ": every order"
                        + " reaching it would stop with an incident");
            }
        }
    }

    /**
     * The order process's message events name the messages the service correlates, each one used, and its error
     * events the error codes its steps throw (what ModelContractTests checks at build time).
     */
    private void messagesAndErrors(List<Element> all) {
        Map<String, Element> byId = new LinkedHashMap<>();
        all.stream().filter(e -> inBpmn(e) && e.hasAttribute("id")).forEach(e -> byId.putIfAbsent(e.getAttribute("id"), e));
        Set<String> messages = constants(OrderFulfillmentProcess.Messages.class);
        Set<String> errors = constants(OrderFulfillmentProcess.Errors.class);
        Set<String> used = new HashSet<>();
        for (Element definition : all) {
            boolean message = bpmn(definition, "messageEventDefinition");
            if (!message && !bpmn(definition, "errorEventDefinition")) {
                continue;
            }
            Element event = (Element) definition.getParentNode();
            boolean receives = bpmn(event, "startEvent") || bpmn(event, "intermediateCatchEvent")
                    || bpmn(event, "boundaryEvent");
            String ref = definition.getAttribute(message ? "messageRef" : "errorRef");
            Element target = ref.isEmpty() ? null : byId.get(ref);
            String name = target == null ? null : target.getAttribute(message ? "name" : "errorCode");
            if (message && receives) {
                if (name != null && messages.contains(name)) {
                    used.add(name);
                } else {
                    add(event, (name == null ? "it waits for no message" : "it waits for the message '" + name + "'")
                            + ", which the service never sends: orders would wait there for ever; use one of "
                            + new TreeSet<>(messages));
                }
            } else if (!message && (name == null || !errors.contains(name))) {
                add(event, (name == null ? "its error has no error code" : "its error code '" + name + "'")
                        + " is not one the service's steps throw or catch; use one of " + new TreeSet<>(errors));
            }
        }
        Element process = all.stream().filter(e -> bpmn(e, "process"))
                .filter(e -> OrderFulfillmentProcess.PROCESS_KEY.equals(e.getAttribute("id"))).findFirst().orElseThrow();
        Set<String> unused = new TreeSet<>(messages);
        unused.removeAll(used);
        if (!unused.isEmpty()) {
            add(process, "no event waits for the message(s) " + unused + ", which the service sends: orders would"
                    + " never get them; keep a message event with each of these names");
        }
    }

    private static Set<String> constants(Class<?> holder) {
        return Arrays.stream(holder.getFields())
                .filter(field -> Modifier.isStatic(field.getModifiers()) && field.getType() == String.class)
                .map(DiagramCheck::value).collect(Collectors.toUnmodifiableSet());
    }

    private static boolean inBpmn(Element element) {
        return XmlFiles.BPMN.equals(element.getNamespaceURI());
    }

    private static boolean bpmn(Element element, String local) {
        return inBpmn(element) && local.equals(element.getLocalName());
    }

    private void add(Element element, String problem) {
        Element owner = XmlFiles.identified(element);
        String id = owner.getAttribute("id");
        names.putIfAbsent(id, owner.getAttribute("name"));
        found.computeIfAbsent(id, any -> new ArrayList<>()).add(problem);
    }

    private String describe(String id) {
        String name = names.get(id);
        return name == null || name.isBlank() ? "'" + id + "'" : "'" + name.strip() + "' (" + id + ")";
    }

    private static String value(Field field) {
        try {
            return (String) field.get(null);
        } catch (IllegalAccessException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
