package dev.orderflow.fulfillment;

import java.util.UUID;

import dev.orderflow.fulfillment.OrderFulfillmentProcess.Variables;
import dev.orderflow.inventory.InventoryService;
import dev.orderflow.inventory.ReservationResult;
import dev.orderflow.order.OrderService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Reserves every line of the order, or none; {@code stockReserved} tells the process which. */
@Component(OrderFulfillmentProcess.Delegates.CHECK_INVENTORY)
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
        ReservationResult result = inventory.reserve(orderId, ProcessOrders.stockLines(orders.view(orderId)));
        execution.setVariable(Variables.STOCK_RESERVED, result.reserved());
        orders.note(orderId, result.reserved() ? "Stock reserved"
                : "Out of stock: " + String.join(", ", result.unavailableSkus()));
    }
}
