package dev.orderflow.fulfillment;

import java.time.Clock;
import java.util.Date;
import java.util.UUID;

import dev.orderflow.fulfillment.OrderFulfillmentProcess.Variables;
import dev.orderflow.order.OrderLifecycle;
import dev.orderflow.shipping.ShippingService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Customer service chose to reship: the courier delivers again, and the delivery deadline starts anew. */
@CallsOutside("courier")
@Component(OrderFulfillmentProcess.Beans.ARRANGE_REDELIVERY)
class ArrangeRedeliveryDelegate implements JavaDelegate {

    private final OrderLifecycle lifecycle;
    private final ShippingService shipping;
    private final ProcessSettings settings;
    private final Clock clock;

    ArrangeRedeliveryDelegate(OrderLifecycle lifecycle, ShippingService shipping, ProcessSettings settings, Clock clock) {
        this.lifecycle = lifecycle;
        this.shipping = shipping;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        UUID orderId = ProcessOrders.orderId(execution);
        String reference = shipping.arrangeRedelivery(orderId);
        execution.setVariable(Variables.DELIVERY_DEADLINE, Date.from(clock.instant().plus(settings.deliveryTimeout())));
        String decision = ProcessVariables.takeStaffDecision(execution);
        lifecycle.redeliveryArranged(orderId, reference, decision);
    }
}
