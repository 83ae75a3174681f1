package dev.orderflow.fulfillment;

import java.util.UUID;

import dev.orderflow.order.OrderService;
import dev.orderflow.order.OrderStatus;
import dev.orderflow.warehouse.WarehouseService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Gives the warehouse its pick list, sorted by bin location. */
@Component(OrderFulfillmentProcess.Delegates.PICK_ITEMS)
class PickItemsDelegate implements JavaDelegate {

    private final OrderService orders;
    private final WarehouseService warehouse;

    PickItemsDelegate(OrderService orders, WarehouseService warehouse) {
        this.orders = orders;
        this.warehouse = warehouse;
    }

    @Override
    public void execute(DelegateExecution execution) {
        UUID orderId = ProcessOrders.orderId(execution);
        var pickList = warehouse.createPickList(orderId, ProcessOrders.stockLines(orders.view(orderId)));
        orders.advance(orderId, OrderStatus.PICKING, "Picking " + pickList.size() + " item(s)");
    }
}
