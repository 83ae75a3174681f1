package dev.orderflow.fulfillment;

import java.util.UUID;

import dev.orderflow.fulfillment.OrderFulfillmentProcess.Variables;
import dev.orderflow.order.OrderService;
import dev.orderflow.order.OrderStatus;
import dev.orderflow.warehouse.Parcel;
import dev.orderflow.warehouse.WarehouseService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Packs in the smallest fitting recyclable box; the parcel's weight feeds the courier selection. */
@Component(OrderFulfillmentProcess.Beans.PACK_PARCEL)
class PackParcelDelegate implements JavaDelegate {

    private final OrderService orders;
    private final WarehouseService warehouse;

    PackParcelDelegate(OrderService orders, WarehouseService warehouse) {
        this.orders = orders;
        this.warehouse = warehouse;
    }

    @Override
    public void execute(DelegateExecution execution) {
        UUID orderId = ProcessOrders.orderId(execution);
        Parcel parcel = warehouse.pack(orderId, ProcessOrders.stockLines(orders.forFulfillment(orderId)));
        execution.setVariable(Variables.PARCEL_WEIGHT_GRAMS, parcel.weightGrams());
        orders.advance(orderId, OrderStatus.PACKED, "Packed in " + parcel.packageCode() + ", " + parcel.weightGrams()
                + " g");
    }
}
