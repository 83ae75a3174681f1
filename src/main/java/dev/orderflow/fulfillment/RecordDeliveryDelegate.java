package dev.orderflow.fulfillment;

import dev.orderflow.order.OrderService;
import dev.orderflow.order.OrderStatus;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** The parcel reached the customer: the order is DELIVERED. */
@Component(OrderFulfillmentProcess.Beans.RECORD_DELIVERY)
class RecordDeliveryDelegate implements JavaDelegate {

    private final OrderService orders;

    RecordDeliveryDelegate(OrderService orders) {
        this.orders = orders;
    }

    @Override
    public void execute(DelegateExecution execution) {
        orders.advance(ProcessOrders.orderId(execution), OrderStatus.DELIVERED, "Delivered");
    }
}
