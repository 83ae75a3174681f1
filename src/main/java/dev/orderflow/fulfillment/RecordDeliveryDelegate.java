package dev.orderflow.fulfillment;

import dev.orderflow.order.OrderLifecycle;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** The parcel reached the customer: the order is DELIVERED. */
@Component(OrderFulfillmentProcess.Beans.RECORD_DELIVERY)
class RecordDeliveryDelegate implements JavaDelegate {

    private final OrderLifecycle lifecycle;

    RecordDeliveryDelegate(OrderLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Override
    public void execute(DelegateExecution execution) {
        lifecycle.delivered(ProcessOrders.orderId(execution));
    }
}
