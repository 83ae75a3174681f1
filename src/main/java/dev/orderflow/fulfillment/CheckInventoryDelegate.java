package dev.orderflow.fulfillment;

import java.util.UUID;

import dev.orderflow.fulfillment.OrderFulfillmentProcess.Variables;
import dev.orderflow.inventory.InventoryService;
import dev.orderflow.inventory.ReservationResult;
import dev.orderflow.order.OrderLifecycle;
import dev.orderflow.order.OrderView;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Reserves every line of the order, or none; {@code stockReserved} tells the process which. An order short
 * of stock waits for its customer's decision.
 */
@Component(OrderFulfillmentProcess.Beans.CHECK_INVENTORY)
class CheckInventoryDelegate implements JavaDelegate {

    private final OrderLifecycle lifecycle;
    private final InventoryService inventory;

    CheckInventoryDelegate(OrderLifecycle lifecycle, InventoryService inventory) {
        this.lifecycle = lifecycle;
        this.inventory = inventory;
    }

    @Override
    public void execute(DelegateExecution execution) {
        UUID orderId = ProcessOrders.orderId(execution);
        // the order's row first, then stock (docs/decisions/lock-order.md)
        OrderView order = lifecycle.lockForFulfillment(orderId);
        ReservationResult result = inventory.reserve(orderId, ProcessOrders.stockLines(order));
        execution.setVariable(Variables.STOCK_RESERVED, result.reserved());
        if (result.reserved()) {
            lifecycle.note(orderId, "Stock reserved");
        } else {
            lifecycle.awaitStockDecision(orderId, result.unavailableSkus());
        }
    }
}
