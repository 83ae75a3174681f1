package dev.orderflow.fulfillment;

import java.util.UUID;

import dev.orderflow.fulfillment.OrderFulfillmentProcess.Variables;
import dev.orderflow.inventory.InventoryService;
import dev.orderflow.inventory.ReservationResult;
import dev.orderflow.order.OrderService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Reserves every line of the order, or none; {@code stockReserved} tells the process which. An order short
 * of stock waits for its customer's decision.
 */
@Component(OrderFulfillmentProcess.Beans.CHECK_INVENTORY)
class CheckInventoryDelegate implements JavaDelegate {

    private final OrderService orders;
    private final InventoryService inventory;

    CheckInventoryDelegate(OrderService orders, InventoryService inventory) {
        this.orders = orders;
        this.inventory = inventory;
    }

    @Override
    public void execute(DelegateExecution execution) {
        UUID orderId = ProcessOrders.orderId(execution);
        orders.lock(orderId); // the order's row first, then stock (docs/decisions/lock-order.md)
        ReservationResult result = inventory.reserve(orderId, ProcessOrders.stockLines(orders.forFulfillment(orderId)));
        execution.setVariable(Variables.STOCK_RESERVED, result.reserved());
        if (result.reserved()) {
            orders.note(orderId, "Stock reserved");
        } else {
            orders.awaitStockDecision(orderId, result.unavailableSkus());
        }
    }
}
