package dev.orderflow.fulfillment;

import java.util.UUID;

import dev.orderflow.fulfillment.OrderFulfillmentProcess.Errors;
import dev.orderflow.fulfillment.OrderFulfillmentProcess.Variables;
import dev.orderflow.inventory.InventoryService;
import dev.orderflow.order.OrderLifecycle;
import dev.orderflow.order.OrderView;
import dev.orderflow.warehouse.Shortage;
import dev.orderflow.warehouse.WarehouseService;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Gives the warehouse its pick list, sorted by bin location, and picks. Goods missing on the shelf are a
 * business outcome ({@code PICK_SHORTAGE}), not a crash: the books are corrected and staff decide.
 */
@Component(OrderFulfillmentProcess.Beans.PICK_ITEMS)
class PickItemsDelegate implements JavaDelegate {

    private final OrderLifecycle lifecycle;
    private final WarehouseService warehouse;
    private final InventoryService inventory;

    PickItemsDelegate(OrderLifecycle lifecycle, WarehouseService warehouse, InventoryService inventory) {
        this.lifecycle = lifecycle;
        this.warehouse = warehouse;
        this.inventory = inventory;
    }

    @Override
    public void execute(DelegateExecution execution) {
        UUID orderId = ProcessOrders.orderId(execution);
        // the order's row first, then stock (docs/decisions/lock-order.md)
        OrderView order = lifecycle.lockForFulfillment(orderId);
        warehouse.createPickList(orderId, ProcessOrders.stockLines(order),
                inventory.products(ProcessOrders.skus(order)));
        lifecycle.picking(orderId, order.lines());
        var shortage = warehouse.pick(orderId);
        if (shortage.isPresent()) {
            Shortage found = shortage.get();
            inventory.writeOffShortage(orderId, found.sku(), found.missing());
            String details = found.sku() + ": " + found.expected() + " expected on the shelf, " + found.found()
                    + " found; stock corrected by " + found.missing();
            lifecycle.pickShortage(orderId, order.lines().stream().filter(line -> line.sku().equals(found.sku()))
                    .map(OrderView.Line::name).findFirst().orElse(found.sku()), details);
            execution.setVariable(Variables.SHORTAGE_DETAILS, details);
            throw new BpmnError(Errors.PICK_SHORTAGE, details);
        }
    }
}
