package dev.orderflow.fulfillment;

import dev.orderflow.fulfillment.OrderFulfillmentProcess.Messages;
import dev.orderflow.order.CancellationRequested;
import dev.orderflow.order.OrderStateConflictException;
import dev.orderflow.shipping.CourierEventReceived;
import dev.orderflow.shipping.CourierNews;
import dev.orderflow.shipping.DeliveryStage;
import dev.orderflow.shipping.ShippingService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Component;

/**
 * Hands a courier event the webhook accepted to the order's process, in the webhook's transaction, when the
 * process waits for courier news: at the delivery wait (every event counts) or in the delivery investigation
 * (a delivery ends it). Anywhere else (the handoff or a redelivery still being retried) the event stays in the
 * inbox, and {@link ApplyCourierEventsDelegate} takes it when the order reaches the delivery wait. The webhook
 * holds the parcel's row lock (see {@link ShippingService}) before it looks where the process is, and so does
 * that step, so an event arriving as the process gets there is taken by one of the two.
 */
@Component
class CourierEvents {

    private static final Logger log = LoggerFactory.getLogger(CourierEvents.class);

    private final RuntimeService runtime;
    private final ShippingService shipping;

    CourierEvents(RuntimeService runtime, ShippingService shipping) {
        this.runtime = runtime;
        this.shipping = shipping;
    }

    @EventListener
    void on(CourierEventReceived event) {
        String orderId = event.orderId().toString();
        DeliveryStage stage = stageOf(orderId);
        if (stage == null) {
            log.info("Courier event {} ({}) for order {} is kept until the order waits for delivery news",
                    event.type(), event.at(), orderId);
            return;
        }
        CourierNews news = shipping.takeCourierNews(event.orderId(), stage);
        try {
            switch (news) {
                case DELIVERED -> correlate(Messages.ORDER_DELIVERED, orderId);
                case DELIVERY_FAILED -> correlate(Messages.DELIVERY_FAILED, orderId);
                case NONE -> {
                    // on the timeline, or older than what the order knows: the process's course stays
                }
            }
        } catch (OptimisticLockingException e) {
            // a step of the same order (the overdue timer, a task completed) ran meanwhile: try again from the start
            throw new OptimisticLockingFailureException("the order's process moved on meanwhile", e);
        }
    }

    /**
     * A cancellation asked for after the courier reported on the parcel is refused like one after the handoff:
     * the parcel is with the courier, even if the handoff step is still being retried. Runs before the
     * cancellation reaches the process.
     */
    @EventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void on(CancellationRequested request) {
        if (shipping.courierHasReported(request.orderId())) {
            throw new OrderStateConflictException("order " + request.orderId() + " is with the courier already: the courier has"
                    + " reported on its parcel");
        }
    }

    private DeliveryStage stageOf(String orderId) {
        if (waitsFor(orderId, Messages.DELIVERY_FAILED)) {
            return DeliveryStage.AWAITING_DELIVERY;
        }
        if (waitsFor(orderId, Messages.ORDER_DELIVERED)) {
            return DeliveryStage.INVESTIGATING;
        }
        return null;
    }

    private boolean waitsFor(String orderId, String message) {
        return runtime.createExecutionQuery().processInstanceBusinessKey(orderId)
                .messageEventSubscriptionName(message).count() > 0;
    }

    private void correlate(String message, String orderId) {
        runtime.createMessageCorrelation(message).processInstanceBusinessKey(orderId).correlateWithResult();
    }
}
