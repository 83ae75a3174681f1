package dev.orderflow.fulfillment;

import java.time.Clock;
import java.util.Date;
import java.util.UUID;

import dev.orderflow.fulfillment.OrderFulfillmentProcess.Variables;
import dev.orderflow.inventory.InventoryService;
import dev.orderflow.order.OrderLifecycle;
import dev.orderflow.shipping.CourierDirectory;
import dev.orderflow.shipping.Shipment;
import dev.orderflow.shipping.ShippingService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Books the courier's pickup; the reserved stock leaves the warehouse and the order is SHIPPED. The delivery
 * deadline starts now.
 */
@CallsOutside("courier")
@Component(OrderFulfillmentProcess.Beans.HAND_OVER_TO_COURIER)
class HandOverToCourierDelegate implements JavaDelegate {

    private final OrderLifecycle lifecycle;
    private final ShippingService shipping;
    private final InventoryService inventory;
    private final ProcessSettings settings;
    private final Clock clock;
    private final CourierDirectory couriers;

    HandOverToCourierDelegate(OrderLifecycle lifecycle, ShippingService shipping, InventoryService inventory,
            ProcessSettings settings, Clock clock, CourierDirectory couriers) {
        this.lifecycle = lifecycle;
        this.shipping = shipping;
        this.inventory = inventory;
        this.settings = settings;
        this.clock = clock;
        this.couriers = couriers;
    }

    @Override
    public void execute(DelegateExecution execution) {
        UUID orderId = ProcessOrders.orderId(execution);
        Shipment shipment = shipping.handOver(orderId);
        // the order's row first, then stock (docs/decisions/lock-order.md); taken after the courier's answer, so
        // a cancellation does not wait for an outside call
        lifecycle.lock(orderId);
        inventory.ship(orderId);
        lifecycle.shipped(orderId, shipment.courier(),
                couriers.forCustomers(shipment.courier(), shipment.trackingNumber()).displayName(),
                shipment.trackingNumber());
        execution.setVariable(Variables.DELIVERY_DEADLINE, Date.from(clock.instant().plus(settings.deliveryTimeout())));
    }
}
