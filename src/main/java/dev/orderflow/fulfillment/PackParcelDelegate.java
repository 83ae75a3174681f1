package dev.orderflow.fulfillment;

import java.util.UUID;

import dev.orderflow.order.OrderService;
import dev.orderflow.order.OrderStatus;
import dev.orderflow.order.OrderView;
import dev.orderflow.shipping.ShippingService;
import dev.orderflow.warehouse.Parcel;
import dev.orderflow.warehouse.WarehouseService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Packs in the smallest fitting box and gets the courier's label and tracking number. */
@Component(OrderFulfillmentProcess.Delegates.PACK_PARCEL)
class PackParcelDelegate implements JavaDelegate {

    private final OrderService orders;
    private final WarehouseService warehouse;
    private final ShippingService shipping;

    PackParcelDelegate(OrderService orders, WarehouseService warehouse, ShippingService shipping) {
        this.orders = orders;
        this.warehouse = warehouse;
        this.shipping = shipping;
    }

    @Override
    public void execute(DelegateExecution execution) {
        UUID orderId = ProcessOrders.orderId(execution);
        OrderView order = orders.view(orderId);
        Parcel parcel = warehouse.pack(orderId, ProcessOrders.stockLines(order));
        var shipment = shipping.createShipment(order, parcel);
        orders.advance(orderId, OrderStatus.PACKED, "Packed in " + parcel.packageCode() + ", "
                + parcel.weightGrams() + " g, label " + shipment.trackingNumber());
    }
}
