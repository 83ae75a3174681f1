package dev.orderflow.fulfillment;

import dev.orderflow.fulfillment.OrderFulfillmentProcess.Messages;
import dev.orderflow.order.OrderService;
import dev.orderflow.order.OrderStatus;
import dev.orderflow.shipping.CourierEventReceived;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Hands courier news to the waiting order, in the webhook's transaction. A delivery the process is not
 * waiting for (already delivered, say) changes nothing but the timeline.
 */
@Component
class CourierEventCorrelator {

    private static final Logger log = LoggerFactory.getLogger(CourierEventCorrelator.class);

    private final RuntimeService runtime;
    private final OrderService orders;

    CourierEventCorrelator(RuntimeService runtime, OrderService orders) {
        this.runtime = runtime;
        this.orders = orders;
    }

    @EventListener
    void on(CourierEventReceived event) {
        switch (event.type()) {
            case DELIVERED -> {
                var correlated = runtime.createMessageCorrelation(Messages.ORDER_DELIVERED)
                        .processInstanceBusinessKey(event.orderId().toString())
                        .correlateAllWithResult();
                if (correlated.isEmpty()) {
                    log.info("Courier reported delivery of order {}, which is not waiting for it", event.orderId());
                    orders.note(event.orderId(), "Courier reported delivery again");
                } else {
                    orders.advance(event.orderId(), OrderStatus.DELIVERED, "Delivered");
                }
            }
            case PICKED_UP -> orders.note(event.orderId(), "Picked up by the courier");
            case IN_TRANSIT -> orders.note(event.orderId(), "In transit");
            case DELIVERY_FAILED -> orders.note(event.orderId(), "Delivery attempt failed");
        }
    }
}
