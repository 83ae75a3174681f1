package dev.orderflow.fulfillment;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.orderflow.fulfillment.OrderFulfillmentProcess.Elements;
import dev.orderflow.fulfillment.OrderFulfillmentProcess.Variables;
import dev.orderflow.order.OrderLifecycle;
import dev.orderflow.system.Text;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * Staff tasks in the order's history: when a task opens, and on completion who decided what (an internal note; the
 * customer's timeline says only what it means for them): an approval is its own entry; any other decision goes into
 * the internal note of the step it leads to ({@code staffDecision}). A completion
 * without a valid decision is refused with a message that says which values are allowed.
 */
@Component(OrderFulfillmentProcess.Beans.USER_TASK_LISTENER)
class UserTaskListener implements TaskListener {

    /** The decision variable of each staff task and the enum of its allowed values (docs/api.md, staff tasks). */
    private static final Map<String, Decision<?>> DECISIONS = Map.of(
            Elements.USER_TASK_REVIEW_DISCREPANCY, new Decision<>(Variables.REVIEW_DECISION, ReviewDecision.class),
            Elements.USER_TASK_RESOLVE_PICK_SHORTAGE,
            new Decision<>(Variables.SHORTAGE_DECISION, ShortageDecision.class),
            Elements.USER_TASK_INVESTIGATE_DELIVERY,
            new Decision<>(Variables.INVESTIGATION_OUTCOME, InvestigationOutcome.class));

    private record Decision<E extends Enum<E>>(String variable, Class<E> values) {

        /** The chosen constant, or a refusal that names the variable, the allowed values and what was sent. */
        E chosenIn(DelegateTask task) {
            return ProcessVariables.decision(task, variable, values).orElseThrow(() -> new IllegalArgumentException(
                    variable + " must be one of " + ProcessVariables.allowed(values) + " to complete '"
                            + task.getName() + "', not " + task.getVariable(variable)));
        }
    }

    /** The decision a staff task asks for; a task this listener does not know is a modelling error. */
    private static Decision<?> decisionOf(DelegateTask task) {
        Decision<?> decision = DECISIONS.get(task.getTaskDefinitionKey());
        if (decision == null) {
            throw new IllegalStateException("user task '" + task.getName() + "' (" + task.getTaskDefinitionKey()
                    + ") has no decision to check; add it to UserTaskListener's DECISIONS");
        }
        return decision;
    }

    /** The most a staff comment may hold, in characters (the forms say so too). */
    static final int MAX_COMMENT = 500;

    private final OrderLifecycle lifecycle;
    private final IdentityService identity;
    private final TaskCard card;

    UserTaskListener(OrderLifecycle lifecycle, IdentityService identity, TaskCard card) {
        this.lifecycle = lifecycle;
        this.identity = identity;
        this.card = card;
    }

    @Override
    public void notify(DelegateTask task) {
        UUID orderId = ProcessOrders.orderId(task.getExecution());
        if (EVENTNAME_CREATE.equals(task.getEventName())) {
            opened(task, orderId);
            card.write(task, orderId);
        } else if (EVENTNAME_COMPLETE.equals(task.getEventName())) {
            completed(task, orderId);
        }
    }

    private void opened(DelegateTask task, UUID orderId) {
        switch (task.getTaskDefinitionKey()) {
            case Elements.USER_TASK_REVIEW_DISCREPANCY -> lifecycle.underReview(orderId,
                    ProcessVariables.reviewReasons(task.getExecution()).orElse(""),
                    ProcessVariables.reviewFindings(task.getExecution()));
            // the pick step's shortage entry says it already: the shortage and this task are one event
            case Elements.USER_TASK_RESOLVE_PICK_SHORTAGE -> { }
            case Elements.USER_TASK_INVESTIGATE_DELIVERY -> lifecycle.deliveryOverdue(orderId, task.getName());
            default -> lifecycle.internalNote(orderId, "Task '" + task.getName() + "' opened for staff");
        }
    }

    private void completed(DelegateTask task, UUID orderId) {
        Enum<?> chosen = decisionOf(task).chosenIn(task);
        // the comment goes to the next clerk: the API's rules of free text (no control or direction-override
        // characters, at most 500 characters) hold for it as for every text that comes from outside
        ProcessVariables.reviewComment(task).flatMap(comment -> Text.problemOfParagraph(comment, false,
                MAX_COMMENT)).ifPresent(problem -> {
                    throw new IllegalArgumentException(Variables.REVIEW_COMMENT + " " + problem + " to complete '"
                            + task.getName() + "'");
                });
        String who = Optional.ofNullable(identity.getCurrentAuthentication()).map(Authentication::getUserId)
                .or(() -> Optional.ofNullable(task.getAssignee())).orElse("an unknown user");
        String message = "'" + task.getName() + "' completed by " + who + ": " + chosen.name()
                + ProcessVariables.reviewComment(task).map(comment -> " (" + comment + ")").orElse("");
        // who decided what, with the comment, is for staff only: the customer's entry says what it means for them
        if (chosen == ReviewDecision.APPROVE) {
            lifecycle.approved(orderId, message);
        } else {
            // every other decision leads to a step that writes the entry (cancel, wait, reship, delivered): it
            // carries the decision, so the decision and its effect are one entry
            task.getExecution().setVariable(Variables.STAFF_DECISION, message);
        }
    }
}
