package dev.orderflow.fulfillment;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

import dev.orderflow.fulfillment.OrderFulfillmentProcess.Variables;
import dev.orderflow.inventory.InventoryService;
import dev.orderflow.notification.NotificationService;
import dev.orderflow.notification.NotificationType;
import dev.orderflow.order.OrderLifecycle;
import dev.orderflow.order.StockDecisionSource;
import dev.orderflow.order.OrderView;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Puts the order in the queue for a restock of its lines and sets {@code restockDeadline}: however often it is
 * woken and finds too little, it waits at most {@code orderflow.timeouts.restock} in all. Stock on hand serves it
 * at once, unless the wait follows a pick shortage (then only a delivery does).
 */
@Component(OrderFulfillmentProcess.Beans.AWAIT_RESTOCK)
class AwaitRestockDelegate implements JavaDelegate {

    private final OrderLifecycle lifecycle;
    private final InventoryService inventory;
    private final ProcessSettings settings;
    private final Clock clock;
    private final NotificationService notifications;

    AwaitRestockDelegate(OrderLifecycle lifecycle, InventoryService inventory, ProcessSettings settings, Clock clock,
            NotificationService notifications) {
        this.notifications = notifications;
        this.lifecycle = lifecycle;
        this.inventory = inventory;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        UUID orderId = ProcessOrders.orderId(execution);
        // the order's row first, then stock (docs/decisions/lock-order.md)
        OrderView order = lifecycle.lockForFulfillment(orderId);
        inventory.release(orderId);
        // after a pick shortage the shelf, not the books, is the truth: the order waits for a delivery; otherwise
        // goods on hand serve it at once (a restock came while the customer chose)
        boolean afterPickShortage = execution.getVariable(Variables.SHORTAGE_DETAILS) != null;
        inventory.awaitRestock(orderId, ProcessOrders.stockLines(order), !afterPickShortage);
        Instant deadline = clock.instant().plus(settings.restockTimeout());
        execution.setVariable(Variables.RESTOCK_DEADLINE, Date.from(deadline));
        StockDecisionSource source = ProcessVariables.takeStockDecisionSource(execution);
        lifecycle.awaitRestock(orderId, deadline, source);
        // staff's decision after a pick shortage, or the default after no answer, is news to the customer; a
        // customer who chose WAIT just now on the tracking page was told there at once and gets no mail for it.
        // Queued in this step's transaction, like every notification (read after the entry above, which it quotes)
        if (source.kind() != StockDecisionSource.Kind.CUSTOMER) {
            notifications.enqueue(orderId, NotificationType.WAITING_FOR_STOCK);
        }
    }
}
