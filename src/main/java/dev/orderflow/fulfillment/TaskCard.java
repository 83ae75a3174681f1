package dev.orderflow.fulfillment;

import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Date;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

import dev.orderflow.fulfillment.OrderFulfillmentProcess.Elements;
import dev.orderflow.fulfillment.OrderFulfillmentProcess.Variables;
import dev.orderflow.order.OrderQueries;
import dev.orderflow.order.OrderView;
import dev.orderflow.system.CustomerFormat;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * What a staff task's card and form show, written as task-local variables when the task opens: the shop's
 * reference, the customer, the total with its currency, why the task exists, and the order's history for staff.
 * Task-local, so that the task's candidate groups read them with the READ they have on their own tasks: Camunda
 * lets a user read a variable whose task they may read, while the order's process variables need rights on the
 * whole process instance, which staff do not get. Open tasks from before cards existed get theirs at start.
 */
@Component
class TaskCard {

    /**
     * Camunda keeps a text variable in a column of 4000 characters: the history keeps its newest entries within
     * this, and says how many older ones it left out.
     */
    static final int HISTORY_LIMIT = 3800;

    private static final Logger log = LoggerFactory.getLogger(TaskCard.class);

    private final OrderQueries orders;
    private final CustomerFormat format;
    private final TaskService tasks;
    private final RuntimeService runtime;

    TaskCard(OrderQueries orders, CustomerFormat format, TaskService tasks, RuntimeService runtime) {
        this.orders = orders;
        this.format = format;
        this.tasks = tasks;
        this.runtime = runtime;
    }

    /** Writes the card's variables on the task that is being created. */
    void write(DelegateTask task, UUID orderId) {
        task.setVariablesLocal(card(orderId, task.getTaskDefinitionKey(), task.getName(), task::getVariable));
    }

    /**
     * Gives the open staff tasks of orders that have no card yet theirs, at every start: tasks an earlier version
     * opened would otherwise show empty cards until they are done.
     */
    @EventListener(ApplicationReadyEvent.class)
    void writeMissingCards() {
        int written = 0;
        for (Task task : tasks.createTaskQuery().processDefinitionKey(OrderFulfillmentProcess.PROCESS_KEY).active()
                .list()) {
            if (tasks.getVariableLocal(task.getId(), Variables.CARD_SHOP_REFERENCE) == null) {
                ProcessInstance instance = runtime.createProcessInstanceQuery()
                        .processInstanceId(task.getProcessInstanceId()).singleResult();
                tasks.setVariablesLocal(task.getId(), card(UUID.fromString(instance.getBusinessKey()),
                        task.getTaskDefinitionKey(), task.getName(), name -> tasks.getVariable(task.getId(), name)));
                written++;
            }
        }
        if (written > 0) {
            log.info("Wrote the Tasklist cards of {} open staff tasks opened by an earlier version", written);
        }
    }

    private Map<String, Object> card(UUID orderId, String taskKey, String taskName, Function<String, Object> variable) {
        OrderView order = orders.view(orderId);
        Map<String, Object> card = new LinkedHashMap<>();
        card.put(Variables.CARD_SHOP_REFERENCE, order.externalReference());
        card.put(Variables.CARD_CUSTOMER, order.customer().name());
        card.put(Variables.CARD_TOTAL, format.money(order.total(), order.currency()));
        card.put(Variables.CARD_TASK_REASON, reason(taskKey, taskName, variable));
        card.put(Variables.CARD_ORDER_HISTORY, history(order));
        return card;
    }

    private String reason(String taskKey, String taskName, Function<String, Object> variable) {
        return switch (taskKey) {
            case Elements.USER_TASK_REVIEW_DISCREPANCY ->
                    text(variable.apply(Variables.REVIEW_REASONS), "The automatic checks asked for a review");
            case Elements.USER_TASK_RESOLVE_PICK_SHORTAGE -> "Pick shortage: "
                    + text(variable.apply(Variables.SHORTAGE_DETAILS), "fewer units on the shelf than booked");
            case Elements.USER_TASK_INVESTIGATE_DELIVERY -> "No delivery reported"
                    + (variable.apply(Variables.DELIVERY_DEADLINE) instanceof Date deadline
                            ? " by " + format.time(deadline.toInstant()) : " in time")
                    + parcel(variable);
            default -> taskName;
        };
    }

    private static String parcel(Function<String, Object> variable) {
        Object courier = variable.apply(Variables.COURIER);
        Object tracking = variable.apply(Variables.TRACKING_NUMBER);
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
                        : " · Customer sees: ") + indented(entry.entry().message()))
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

    // a comment's own line breaks continue its entry, indented: they cannot start a line that looks like an entry
    private static String indented(String message) {
        return message.replaceAll("\\R", "\n    ");
    }
}
