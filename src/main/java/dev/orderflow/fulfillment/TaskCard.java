package dev.orderflow.fulfillment;

import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Date;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import dev.orderflow.fulfillment.OrderFulfillmentProcess.Elements;
import dev.orderflow.fulfillment.OrderFulfillmentProcess.Variables;
import dev.orderflow.order.OrderQueries;
import dev.orderflow.order.OrderView;
import dev.orderflow.system.CustomerFormat;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/**
 * What a staff task's card and form show, written as task-local variables when the task opens: the shop's
 * reference, the customer, the total with its currency, why the task exists, and the order's history for staff.
 * Task-local, so that the task's candidate groups read them with the READ they have on their own tasks: Camunda
 * lets a user read a variable whose task they may read, while the order's process variables need rights on the
 * whole process instance, which staff do not get.
 */
@Component
class TaskCard {

    /**
     * Camunda keeps a text variable in a column of 4000 characters: the history keeps its newest entries within
     * this, and says how many older ones it left out.
     */
    static final int HISTORY_LIMIT = 3800;

    private final OrderQueries orders;
    private final CustomerFormat format;

    TaskCard(OrderQueries orders, CustomerFormat format) {
        this.orders = orders;
        this.format = format;
    }

    /** Writes the card's variables on the task that is being created. */
    void write(DelegateTask task, UUID orderId) {
        OrderView order = orders.view(orderId);
        task.setVariableLocal(Variables.CARD_SHOP_REFERENCE, order.externalReference());
        task.setVariableLocal(Variables.CARD_CUSTOMER, order.customer().name());
        task.setVariableLocal(Variables.CARD_TOTAL, format.money(order.total(), order.currency()));
        task.setVariableLocal(Variables.CARD_TASK_REASON, reason(task));
        task.setVariableLocal(Variables.CARD_ORDER_HISTORY, history(order));
    }

    private String reason(DelegateTask task) {
        return switch (task.getTaskDefinitionKey()) {
            case Elements.USER_TASK_REVIEW_DISCREPANCY -> ProcessVariables.reviewReasons(task.getExecution())
                    .filter(reasons -> !reasons.isBlank()).orElse("The automatic checks asked for a review");
            case Elements.USER_TASK_RESOLVE_PICK_SHORTAGE -> "Pick shortage: "
                    + text(task.getVariable(Variables.SHORTAGE_DETAILS), "fewer units on the shelf than booked");
            case Elements.USER_TASK_INVESTIGATE_DELIVERY -> "No delivery reported"
                    + (task.getVariable(Variables.DELIVERY_DEADLINE) instanceof Date deadline
                            ? " by " + format.time(deadline.toInstant()) : " in time")
                    + parcel(task);
            default -> task.getName();
        };
    }

    private static String parcel(DelegateTask task) {
        Object courier = task.getVariable(Variables.COURIER);
        Object tracking = task.getVariable(Variables.TRACKING_NUMBER);
        if (courier == null && tracking == null) {
            return "";
        }
        return " (" + String.join(" ", Stream.of(courier, tracking).filter(part -> part != null)
                .map(String::valueOf).toList()) + ")";
    }

    private static String text(Object value, String otherwise) {
        return value == null || String.valueOf(value).isBlank() ? otherwise : String.valueOf(value);
    }

    /**
     * The order's history for staff, oldest first, one entry per line: when, and whether the customer sees the
     * entry or it is a staff note.
     */
    String history(OrderView order) {
        record Entry(OrderView.TimelineEntry entry, boolean staffOnly) {
        }
        List<OrderView.TimelineEntry> notes = order.internalNotes() == null ? List.of() : order.internalNotes();
        List<String> lines = Stream.concat(order.timeline().stream().map(entry -> new Entry(entry, false)),
                        notes.stream().map(entry -> new Entry(entry, true)))
                .sorted(Comparator.comparing((Entry entry) -> entry.entry().at()))
                .map(entry -> format.time(entry.entry().at()) + (entry.staffOnly() ? " · Staff note: "
                        : " · Customer sees: ") + entry.entry().message())
                .toList();
        Deque<String> kept = new ArrayDeque<>();
        int length = 0;
        for (int i = lines.size() - 1; i >= 0; i--) {
            int more = lines.get(i).length() + 1;
            if (length + more > HISTORY_LIMIT - 60) {
                kept.addFirst("(" + (i + 1) + " earlier entries left out: the order's API has them all)");
                break;
            }
            kept.addFirst(lines.get(i));
            length += more;
        }
        return kept.isEmpty() ? "No history yet" : String.join("\n", kept);
    }
}
