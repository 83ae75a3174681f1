package dev.orderflow.fulfillment;

import java.util.UUID;

import dev.orderflow.fulfillment.OrderFulfillmentProcess.Variables;
import dev.orderflow.inventory.InventoryService;
import dev.orderflow.order.OrderLifecycle;
import dev.orderflow.order.OrderQueries;
import dev.orderflow.order.OrderView;
import dev.orderflow.warehouse.Parcel;
import dev.orderflow.warehouse.WarehouseService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Packs in the smallest fitting recyclable box; the parcel's weight feeds the courier selection. */
@Component(OrderFulfillmentProcess.Beans.PACK_PARCEL)
class PackParcelDelegate implements JavaDelegate {

    private final OrderQueries orders;
    private final OrderLifecycle lifecycle;
    private final InventoryService inventory;
    private final WarehouseService warehouse;

    PackParcelDelegate(OrderQueries orders, OrderLifecycle lifecycle, WarehouseService warehouse,
            InventoryService inventory) {
        this.orders = orders;
        this.lifecycle = lifecycle;
        this.inventory = inventory;
        this.warehouse = warehouse;
    }

    @Override
    public void execute(DelegateExecution execution) {
        UUID orderId = ProcessOrders.orderId(execution);
        OrderView order = orders.forFulfillment(orderId);
        Parcel parcel = warehouse.pack(orderId, ProcessOrders.stockLines(order),
                inventory.products(ProcessOrders.skus(order)));
        // only the courier selection right after reads it, in this transaction (no wait state between them)
        ProcessVariables.setForTheDiagram(execution, Variables.PARCEL_WEIGHT_GRAMS,
                org.camunda.bpm.engine.variable.Variables.integerValue(parcel.weightGrams(), true));
        lifecycle.packed(orderId, parcel.packageCode(), parcel.weightGrams());
    }
}
