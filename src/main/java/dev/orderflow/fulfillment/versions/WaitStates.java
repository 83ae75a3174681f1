package dev.orderflow.fulfillment.versions;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import dev.orderflow.fulfillment.versions.WaitState.Kind;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.impl.BpmnModelConstants;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.EventBasedGateway;
import org.camunda.bpm.model.bpmn.instance.EventDefinition;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.IntermediateCatchEvent;
import org.camunda.bpm.model.bpmn.instance.MessageEventDefinition;
import org.camunda.bpm.model.bpmn.instance.ReceiveTask;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;

/**
 * Finds the wait states of a BPMN model: where a running order can rest. Boundary events and the start events of
 * event subprocesses are subscriptions that travel with the activity or scope they belong to, not wait states; the
 * catch events behind an event-based gateway are waited for at the gateway. Activities inside subprocesses (event
 * subprocesses included) are wait states like any other.
 */
public final class WaitStates {

    private WaitStates() {
    }

    /**
     * @param model a parsed BPMN model (Camunda's model API)
     * @return the model's wait states in document order; an activity that is both a wait state and asynchronous
     *         appears once per kind (a user task marked "Asynchronous before" twice)
     */
    public static List<WaitState> of(BpmnModelInstance model) {
        List<WaitState> waitStates = new ArrayList<>();
        for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
            String name = node.getName() == null || node.getName().isBlank() ? node.getId() : node.getName().strip();
            if (asyncBefore(node)) {
                waitStates.add(new WaitState(node.getId(), name, Kind.ASYNC_BEFORE));
            }
            Kind kind = restingKind(node);
            if (kind != null) {
                waitStates.add(new WaitState(node.getId(), name, kind));
            }
            if (asyncAfter(node)) {
                waitStates.add(new WaitState(node.getId(), name, Kind.ASYNC_AFTER));
            }
        }
        return List.copyOf(waitStates);
    }

    /**
     * @return whether the element is marked "Asynchronous before" ({@code camunda:asyncBefore}, or the old
     *         {@code camunda:async}); read as attributes because the model API refuses the question for some types
     */
    static boolean asyncBefore(FlowNode node) {
        return flag(node, "asyncBefore") || flag(node, "async");
    }

    /** @return whether the element is marked "Asynchronous after" ({@code camunda:asyncAfter}) */
    static boolean asyncAfter(FlowNode node) {
        return flag(node, "asyncAfter");
    }

    private static boolean flag(FlowNode node, String attribute) {
        return "true".equals(node.getAttributeValueNs(BpmnModelConstants.CAMUNDA_NS, attribute));
    }

    private static Kind restingKind(FlowNode node) {
        if (node instanceof UserTask) {
            return Kind.USER_TASK;
        }
        if (node instanceof ReceiveTask) {
            return Kind.RECEIVE_TASK;
        }
        if (node instanceof EventBasedGateway) {
            return Kind.EVENT_BASED_GATEWAY;
        }
        if (node instanceof CallActivity) {
            return Kind.CALL_ACTIVITY;
        }
        if (node instanceof ServiceTask task && "external".equals(task.getCamundaType())) {
            return Kind.EXTERNAL_TASK;
        }
        if (node instanceof IntermediateCatchEvent event && !behindEventBasedGateway(event)) {
            Collection<EventDefinition> definitions = event.getEventDefinitions();
            if (definitions.stream().anyMatch(MessageEventDefinition.class::isInstance)) {
                return Kind.MESSAGE_CATCH;
            }
            if (definitions.stream().anyMatch(TimerEventDefinition.class::isInstance)) {
                return Kind.TIMER_CATCH;
            }
            return Kind.OTHER_CATCH;
        }
        return null;
    }

    private static boolean behindEventBasedGateway(IntermediateCatchEvent event) {
        return event.getIncoming().stream().map(SequenceFlow::getSource).anyMatch(EventBasedGateway.class::isInstance);
    }
}
