package dev.orderflow.fulfillment;

import java.util.UUID;

import dev.orderflow.order.OrderLifecycle;
import dev.orderflow.shipping.ShippingService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * The parcel reached the customer: the order is DELIVERED, with one timeline entry that carries the courier's
 * report of it (its time) or the staff decision that found it delivered.
 */
@Component(OrderFulfillmentProcess.Beans.RECORD_DELIVERY)
class RecordDeliveryDelegate implements JavaDelegate {

    private final OrderLifecycle lifecycle;
    private final ShippingService shipping;

    RecordDeliveryDelegate(OrderLifecycle lifecycle, ShippingService shipping) {
        this.lifecycle = lifecycle;
        this.shipping = shipping;
    }

    @Override
    public void execute(DelegateExecution execution) {
        UUID orderId = ProcessOrders.orderId(execution);
        lifecycle.delivered(orderId, shipping.courierReportedDelivery(orderId).orElse(null),
                ProcessVariables.takeStaffDecision(execution));
    }
}
