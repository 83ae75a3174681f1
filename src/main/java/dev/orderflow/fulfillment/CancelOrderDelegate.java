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
 * stock back. The refund is the next, separate step. The customer's timeline entry carries what the customer wrote;
 * a staff decision that cancelled it goes to the internal note; an out-of-stock refund says who decided it.
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
        switch (reason) {
            // the customer's own words stay on their timeline; a staff decision (who, what, comment) is staff only
            case CUSTOMER_REQUEST -> lifecycle.cancel(orderId, reason,
                    ProcessVariables.cancellationNote(execution).orElse(null), null);
            case OUT_OF_STOCK_REFUND -> lifecycle.cancelOutOfStock(orderId,
                    ProcessVariables.takeStockDecisionSource(execution));
            default -> lifecycle.cancel(orderId, reason, null, ProcessVariables.takeStaffDecision(execution));
        }
    }
}
