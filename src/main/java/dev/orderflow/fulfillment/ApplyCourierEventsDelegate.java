package dev.orderflow.fulfillment;

import dev.orderflow.shipping.DeliveryStage;
import dev.orderflow.shipping.ShippingService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Right before the order waits for delivery news: takes the courier events that arrived earlier (while the
 * handoff or a redelivery was still being retried) and tells the diagram what they mean in {@code courierNews}
 * ({@code CourierNews}: DELIVERED, DELIVERY_FAILED or NONE; transient, the next gateway reads it). It holds the
 * parcel's row lock until the wait is stored, so an event posted meanwhile finds the process waiting.
 */
@Component(OrderFulfillmentProcess.Beans.APPLY_COURIER_EVENTS)
class ApplyCourierEventsDelegate implements JavaDelegate {

    private final ShippingService shipping;

    ApplyCourierEventsDelegate(ShippingService shipping) {
        this.shipping = shipping;
    }

    @Override
    public void execute(DelegateExecution execution) {
        var news = shipping.takeCourierNews(ProcessOrders.orderId(execution), DeliveryStage.AWAITING_DELIVERY);
        ProcessVariables.setCourierNews(execution, news);
    }
}
