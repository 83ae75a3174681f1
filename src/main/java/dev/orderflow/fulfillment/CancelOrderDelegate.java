package dev.orderflow.fulfillment;

import java.util.UUID;

import dev.orderflow.inventory.InventoryService;
import dev.orderflow.order.CancellationReason;
import dev.orderflow.order.OrderLifecycle;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Ends the order CANCELLED for the reason the task's {@code cancellationReason} input names, and gives its
 * stock back. The refund is the next, separate step.
 */
@Component(OrderFulfillmentProcess.Beans.CANCEL_ORDER)
class CancelOrderDelegate implements JavaDelegate {

    private final OrderLifecycle lifecycle;
    private final InventoryService inventory;

    CancelOrderDelegate(OrderLifecycle lifecycle, InventoryService inventory) {
        this.lifecycle = lifecycle;
        this.inventory = inventory;
    }

    @Override
    public void execute(DelegateExecution execution) {
        UUID orderId = ProcessOrders.orderId(execution);
        lifecycle.lock(orderId); // the order's row first, then stock (docs/decisions/lock-order.md)
        CancellationReason reason = ProcessVariables.cancellationReason(execution);
        inventory.release(orderId);
        lifecycle.cancel(orderId, reason, message(reason, execution));
    }

    private static String message(CancellationReason reason, DelegateExecution execution) {
        return switch (reason) {
            case CUSTOMER_REQUEST -> "Cancelled at the customer's request"
                    + ProcessVariables.cancellationNote(execution).map(note -> ": " + note).orElse("");
            case REVIEW_REJECTED -> "Cancelled in discrepancy review";
            case OUT_OF_STOCK_REFUND -> "Cancelled: out of stock, refund chosen";
            case RESTOCK_TIMEOUT -> "Cancelled: no restock in time";
            case PARCEL_LOST -> "Cancelled: parcel lost by the courier";
            case STOPPED_BY_STAFF -> "Cancelled by our staff";
        };
    }
}
