package dev.orderflow.fulfillment;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import dev.orderflow.fulfillment.OrderFulfillmentProcess.Elements;
import dev.orderflow.fulfillment.OrderFulfillmentProcess.Variables;
import dev.orderflow.order.OrderLifecycle;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * Staff tasks on the order's timeline: when a task opens, and on completion who decided what. A completion
 * without a valid decision is refused with a message that says which values are allowed.
 */
@Component(OrderFulfillmentProcess.Beans.USER_TASK_LISTENER)
class UserTaskListener implements TaskListener {

    /** The decision variable of each staff task and its allowed values (docs/api.md, staff tasks). */
    private static final Map<String, Map.Entry<String, Set<String>>> DECISIONS = Map.of(
            Elements.USER_TASK_REVIEW_DISCREPANCY, Map.entry(Variables.REVIEW_DECISION, Set.of("APPROVE", "CANCEL")),
            Elements.USER_TASK_RESOLVE_PICK_SHORTAGE, Map.entry(Variables.SHORTAGE_DECISION, Set.of("WAIT", "REFUND")),
            Elements.USER_TASK_INVESTIGATE_DELIVERY,
            Map.entry(Variables.INVESTIGATION_OUTCOME, Set.of("DELIVERED", "RESHIP", "REFUND")));

    private final OrderLifecycle lifecycle;
    private final IdentityService identity;

    UserTaskListener(OrderLifecycle lifecycle, IdentityService identity) {
        this.lifecycle = lifecycle;
        this.identity = identity;
    }

    @Override
    public void notify(DelegateTask task) {
        UUID orderId = ProcessOrders.orderId(task.getExecution());
        if (EVENTNAME_CREATE.equals(task.getEventName())) {
            opened(task, orderId);
        } else if (EVENTNAME_COMPLETE.equals(task.getEventName())) {
            completed(task, orderId);
        }
    }

    private void opened(DelegateTask task, UUID orderId) {
        if (Elements.USER_TASK_REVIEW_DISCREPANCY.equals(task.getTaskDefinitionKey())) {
            lifecycle.underReview(orderId, String.valueOf(task.getExecution().getVariable(Variables.REVIEW_REASONS)));
        } else {
            lifecycle.note(orderId, "Task '" + task.getName() + "' opened for staff");
        }
    }

    private void completed(DelegateTask task, UUID orderId) {
        var decision = DECISIONS.get(task.getTaskDefinitionKey());
        Object value = task.getVariable(decision.getKey());
        if (!(value instanceof String chosen) || !decision.getValue().contains(chosen)) {
            throw new IllegalArgumentException(decision.getKey() + " must be one of " + decision.getValue()
                    + " to complete '" + task.getName() + "', not " + value);
        }
        String who = Optional.ofNullable(identity.getCurrentAuthentication()).map(Authentication::getUserId)
                .or(() -> Optional.ofNullable(task.getAssignee())).orElse("an unknown user");
        Object comment = task.getVariable(Variables.REVIEW_COMMENT);
        String message = "'" + task.getName() + "' completed by " + who + ": " + chosen
                + (comment instanceof String text && !text.isBlank() ? " (" + text + ")" : "");
        if (Elements.USER_TASK_REVIEW_DISCREPANCY.equals(task.getTaskDefinitionKey()) && "APPROVE".equals(chosen)) {
            lifecycle.approved(orderId, message);
        } else {
            lifecycle.note(orderId, message);
        }
    }
}
