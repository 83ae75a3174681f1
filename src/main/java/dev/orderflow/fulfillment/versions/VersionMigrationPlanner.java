package dev.orderflow.fulfillment.versions;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.orderflow.fulfillment.versions.WaitState.Kind;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.migration.MigrationInstruction;
import org.camunda.bpm.engine.migration.MigrationInstructionValidationReport;
import org.camunda.bpm.engine.migration.MigrationPlan;
import org.camunda.bpm.engine.migration.MigrationPlanBuilder;
import org.camunda.bpm.engine.migration.MigrationPlanValidationException;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;

/**
 * Plans how the orders of one version of a process move to another with Camunda's migration. An element keeps its
 * counterpart when the new version has an element with the same id that Camunda can map to
 * ({@code mapEqualActivities}), or one named in {@link MigrationMappings}. Event triggers are not updated: a timer
 * an order waits for keeps its due date, a message subscription its name. Each wait state of the source whose
 * orders would have nowhere to go is reported with a reason an analyst acts on; such orders stay on their version
 * and finish there.
 * <p>
 * Call it outside a transaction of your own: it lets Camunda validate candidate instructions and drops those it
 * refuses, and each refusal marks the surrounding transaction, if any, for rollback.
 */
public final class VersionMigrationPlanner {

    private final RuntimeService runtimeService;
    private final RepositoryService repositoryService;
    private final MigrationMappings mappings;

    /**
     * @param runtimeService    the engine's, to validate plans
     * @param repositoryService the engine's, to read both versions' models
     * @param mappings          the analysts' mappings ({@link MigrationMappings#fromClasspath()})
     */
    public VersionMigrationPlanner(RuntimeService runtimeService, RepositoryService repositoryService,
            MigrationMappings mappings) {
        this.runtimeService = runtimeService;
        this.repositoryService = repositoryService;
        this.mappings = mappings;
    }

    /**
     * @param sourceDefinitionId the process definition id the orders run on
     * @param targetDefinitionId the process definition id they should move to
     * @return the plan and the wait states that cannot move, with reasons
     * @throws org.camunda.bpm.engine.exception.NotFoundException when either definition does not exist
     */
    public PlannedMigration plan(String sourceDefinitionId, String targetDefinitionId) {
        ProcessDefinition source = repositoryService.getProcessDefinition(sourceDefinitionId);
        ProcessDefinition target = repositoryService.getProcessDefinition(targetDefinitionId);
        BpmnModelInstance sourceModel = repositoryService.getBpmnModelInstance(sourceDefinitionId);
        BpmnModelInstance targetModel = repositoryService.getBpmnModelInstance(targetDefinitionId);
        Map<String, FlowNode> targetNodes = flowNodes(targetModel);

        Map<String, String> instructions = new LinkedHashMap<>();
        for (MigrationInstruction generated : runtimeService.createMigrationPlan(sourceDefinitionId, targetDefinitionId)
                .mapEqualActivities().build().getInstructions()) {
            instructions.put(generated.getSourceActivityId(), generated.getTargetActivityId());
        }
        Set<String> fromMappingFiles = new LinkedHashSet<>();
        for (FlowNode node : flowNodes(sourceModel).values()) {
            String sourceId = node.getId();
            if (instructions.containsKey(sourceId)) {
                continue;
            }
            if (!targetNodes.containsKey(sourceId)) {
                mappings.counterpart(sourceId, targetNodes.keySet()).ifPresent(targetId -> {
                    instructions.put(sourceId, targetId);
                    fromMappingFiles.add(sourceId);
                });
            } else if (typeName(node).equals(typeName(targetNodes.get(sourceId)))) {
                // Camunda generates equal-id instructions scope by scope: inside a scope mapped by a mapping file
                // (the events behind a renamed gateway, the boundary events of a renamed task) it generates none
                instructions.put(sourceId, sourceId);
            }
        }

        Map<String, String> refused = new LinkedHashMap<>();
        MigrationPlan plan = validPlan(sourceDefinitionId, targetDefinitionId, instructions, refused);

        List<WaitState> waitStates = WaitStates.of(sourceModel);
        Map<String, String> blocked = new LinkedHashMap<>();
        for (WaitState waitState : waitStates) {
            String reason = reasonBlocked(waitState, instructions, refused, fromMappingFiles, sourceModel, targetNodes,
                    target.getVersion());
            if (reason != null) {
                blocked.merge(waitState.activityId(), reason, (first, second) -> first + " " + second);
            }
        }
        boolean anyMoves = waitStates.stream().anyMatch(waitState -> !blocked.containsKey(waitState.activityId()));
        return new PlannedMigration(source, target, anyMoves ? plan : null, waitStates, blocked);
    }

    /** Builds the plan, dropping each instruction Camunda refuses (with its reasons) until the rest validates. */
    private MigrationPlan validPlan(String sourceId, String targetId, Map<String, String> instructions,
            Map<String, String> refused) {
        while (true) {
            MigrationPlanBuilder builder = runtimeService.createMigrationPlan(sourceId, targetId);
            instructions.forEach(builder::mapActivities);
            try {
                return builder.build();
            } catch (MigrationPlanValidationException e) {
                List<MigrationInstructionValidationReport> reports = e.getValidationReport().getInstructionReports();
                if (reports.isEmpty()) {
                    throw e;
                }
                for (MigrationInstructionValidationReport report : reports) {
                    MigrationInstruction instruction = report.getMigrationInstruction();
                    instructions.remove(instruction.getSourceActivityId());
                    refused.put(instruction.getSourceActivityId(), "cannot move to " + instruction.getTargetActivityId()
                            + ": " + String.join("; ", report.getFailures()));
                }
            }
        }
    }

    private String reasonBlocked(WaitState waitState, Map<String, String> instructions, Map<String, String> refused,
            Set<String> fromMappingFiles, BpmnModelInstance sourceModel, Map<String, FlowNode> targetNodes,
            int targetVersion) {
        String id = waitState.activityId();
        String at = "Orders waiting at " + waitState.label();
        String inVersion = " in version " + targetVersion;
        String targetId = instructions.get(id);
        if (targetId == null) {
            if (refused.containsKey(id)) {
                return at + " " + refused.get(id) + inVersion + ". Map " + id + " in bpmn/migrations/ to an element"
                        + " of the same kind.";
            }
            if (targetNodes.containsKey(id)) {
                String notAsync = asyncMismatch(waitState, targetNodes.get(id), sourceModel, inVersion, "");
                if (notAsync != null) {
                    return notAsync;
                }
                String kind = typeName(element(sourceModel, id));
                String kindThere = typeName(targetNodes.get(id));
                return at + " cannot move" + inVersion + ": " + (kind.equals(kindThere)
                        ? id + " there is a " + kindThere + " Camunda cannot move orders to from this one."
                        : id + " is a " + kindThere + " there, not a " + kind + ".")
                        + " Keep its kind, or give the new element another id and map " + id + " in bpmn/migrations/"
                        + " to an element of the same kind.";
            }
            return at + " have nowhere to go" + inVersion + ": keep the id or map it in bpmn/migrations/.";
        }
        String how = fromMappingFiles.contains(id) ? " (mapped in bpmn/migrations/ to " + targetId + ")" : "";
        String notAsync = asyncMismatch(waitState, targetNodes.get(targetId), sourceModel, inVersion, how);
        if (notAsync != null) {
            return notAsync;
        }
        String renamedEvent = renamedBoundaryEvent(waitState, targetNodes.get(targetId), instructions, sourceModel,
                inVersion);
        if (renamedEvent != null || waitState.kind() != Kind.EVENT_BASED_GATEWAY) {
            return renamedEvent;
        }
        // Camunda would move the order and drop the subscription of an event it no longer finds behind the gateway:
        // the order would never hear that event again
        List<String> lost = element(sourceModel, id).getOutgoing().stream().map(SequenceFlow::getTarget)
                .filter(event -> !instructions.containsKey(event.getId()))
                .map(event -> new WaitState(event.getId(), nameOf(event), waitState.kind()).label()).toList();
        return lost.isEmpty() ? null : at + " would no longer get " + String.join(" or ", lost) + inVersion
                + ": keep the event's id behind the gateway or map it in bpmn/migrations/.";
    }

    /**
     * A boundary event of the wait state that has no counterpart while the new version attaches an unmapped one of
     * the same kind to its counterpart: most likely the same event with a new id. Camunda would drop the one and
     * start the other at the move, so a timer would start over (an escalation postponed). An event only removed, or
     * only added, is what the analyst meant and lets orders move.
     */
    private static String renamedBoundaryEvent(WaitState waitState, FlowNode to, Map<String, String> instructions,
            BpmnModelInstance sourceModel, String inVersion) {
        Collection<String> mappedTargets = instructions.values();
        for (BoundaryEvent event : boundaryEvents(sourceModel, waitState.activityId())) {
            if (instructions.containsKey(event.getId())) {
                continue;
            }
            for (BoundaryEvent candidate : boundaryEvents(to.getModelInstance(), to.getId())) {
                if (!mappedTargets.contains(candidate.getId()) && sameKind(event, candidate)) {
                    return "Orders waiting at " + waitState.label() + " would lose "
                            + new WaitState(event.getId(), nameOf(event), waitState.kind()).label() + " and get "
                            + new WaitState(candidate.getId(), nameOf(candidate), waitState.kind()).label()
                            + " from the move on" + inVersion + (isTimer(event) ? ", a timer started over" : "")
                            + ": keep the event's id or map " + event.getId() + " = " + candidate.getId()
                            + " in bpmn/migrations/.";
                }
            }
        }
        return null;
    }

    private static List<BoundaryEvent> boundaryEvents(org.camunda.bpm.model.xml.ModelInstance model, String activityId) {
        return model.getModelElementsByType(BoundaryEvent.class).stream()
                .filter(event -> event.getAttachedTo() != null && activityId.equals(event.getAttachedTo().getId()))
                .toList();
    }

    private static boolean sameKind(BoundaryEvent one, BoundaryEvent other) {
        return definitionTypes(one).equals(definitionTypes(other));
    }

    private static Set<String> definitionTypes(BoundaryEvent event) {
        return event.getEventDefinitions().stream().map(definition -> definition.getElementType().getTypeName())
                .collect(Collectors.toSet());
    }

    private static boolean isTimer(BoundaryEvent event) {
        return event.getEventDefinitions().stream().anyMatch(TimerEventDefinition.class::isInstance);
    }

    private static String nameOf(FlowNode node) {
        return node.getName() == null || node.getName().isBlank() ? node.getId() : node.getName().strip();
    }

    /** @return why orders waiting for a job of this wait state cannot move to {@code to}, or null when they can */
    private static String asyncMismatch(WaitState waitState, FlowNode to, BpmnModelInstance sourceModel,
            String inVersion, String how) {
        String id = waitState.activityId();
        String targetId = to.getId();
        if (waitState.kind() == Kind.ASYNC_BEFORE && !WaitStates.asyncBefore(to)) {
            return "Orders waiting to run " + waitState.label() + " cannot move" + inVersion + how + ": " + targetId
                    + " is not marked 'Asynchronous before' there. Keep it asynchronous, or map " + id
                    + " in bpmn/migrations/ to a step that is.";
        }
        if (waitState.kind() == Kind.ASYNC_AFTER) {
            if (!WaitStates.asyncAfter(to)) {
                return "Orders waiting to leave " + waitState.label() + " cannot move" + inVersion + how + ": "
                        + targetId + " is not marked 'Asynchronous after' there. Keep it asynchronous, or map " + id
                        + " in bpmn/migrations/ to a step that is.";
            }
            Set<String> leaving = outgoing(element(sourceModel, id));
            Set<String> leavingThere = outgoing(to);
            if (leavingThere.size() > 1 && !leavingThere.containsAll(leaving)) {
                return "Orders waiting to leave " + waitState.label() + " cannot move" + inVersion + how + ": "
                        + targetId + " has several outgoing flows there and none of them is the one these orders"
                        + " are about to take (" + String.join(", ", leaving) + "). Keep that sequence flow's id.";
            }
        }
        return null;
    }

    private static Map<String, FlowNode> flowNodes(BpmnModelInstance model) {
        Collection<FlowNode> nodes = model.getModelElementsByType(FlowNode.class);
        Map<String, FlowNode> byId = new LinkedHashMap<>();
        nodes.forEach(node -> byId.put(node.getId(), node));
        return byId;
    }

    private static FlowNode element(BpmnModelInstance model, String id) {
        return model.getModelElementById(id);
    }

    private static Set<String> outgoing(FlowNode node) {
        return node.getOutgoing().stream().map(SequenceFlow::getId).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static String typeName(FlowNode node) {
        // "userTask" -> "user task"
        return node.getElementType().getTypeName().replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT);
    }
}
