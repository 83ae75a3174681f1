package dev.orderflow.fulfillment;

import java.util.UUID;

import dev.orderflow.fulfillment.OrderFulfillmentProcess.Variables;
import dev.orderflow.order.OrderLifecycle;
import dev.orderflow.order.OrderQueries;
import dev.orderflow.order.OrderView;
import dev.orderflow.shipping.Shipment;
import dev.orderflow.shipping.ShippingService;
import dev.orderflow.warehouse.WarehouseService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Gets the label and tracking number from the courier and service level the decision table chose. */
@CallsOutside("courier")
@Component(OrderFulfillmentProcess.Beans.CREATE_LABEL)
class CreateLabelDelegate implements JavaDelegate {

    private final OrderQueries orders;
    private final OrderLifecycle lifecycle;
    private final WarehouseService warehouse;
    private final ShippingService shipping;

    CreateLabelDelegate(OrderQueries orders, OrderLifecycle lifecycle, WarehouseService warehouse, ShippingService shipping) {
        this.orders = orders;
        this.lifecycle = lifecycle;
        this.warehouse = warehouse;
        this.shipping = shipping;
    }

    @Override
    public void execute(DelegateExecution execution) {
        UUID orderId = ProcessOrders.orderId(execution);
        OrderView order = orders.forFulfillment(orderId);
        var parcel = warehouse.parcel(orderId)
                .orElseThrow(() -> new IllegalStateException("order " + orderId + " is not packed"));
        Shipment shipment = shipping.createShipment(order, parcel, ProcessVariables.courier(execution),
                ProcessVariables.serviceLevel(execution));
        execution.setVariable(Variables.TRACKING_NUMBER, shipment.trackingNumber());
        // the label is the courier's business: staff only (the customer learns the tracking number at handover)
        lifecycle.internalNote(orderId, "Label " + shipment.trackingNumber() + " from " + shipment.courier() + " ("
                + shipment.serviceLevel() + ")");
    }
}
