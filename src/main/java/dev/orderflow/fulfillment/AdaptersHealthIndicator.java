package dev.orderflow.fulfillment;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.orderflow.payment.PaymentService;
import dev.orderflow.shipping.ConfiguredCouriers;
import dev.orderflow.shipping.ShippingService;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The partners the order's steps call, in {@code /actuator/health} ("adapters"): which couriers are simulated
 * and which are real, and which payment provider refunds. Always UP: it says what is configured, a simulated
 * partner is no fault of the service; an unreachable real one shows as incidents ("engine").
 * <pre>{ "courier": { "simulated": ["simulated"], "http": ["parcelco"] }, "payment": "payco" }</pre>
 */
@Component("adapters")
class AdaptersHealthIndicator implements HealthIndicator {

    private final ShippingService shipping;
    private final PaymentService payment;

    AdaptersHealthIndicator(ShippingService shipping, PaymentService payment) {
        this.shipping = shipping;
        this.payment = payment;
    }

    @Override
    public Health health() {
        ConfiguredCouriers couriers = shipping.configuredCouriers();
        Map<String, Object> courier = new LinkedHashMap<>();
        courier.put("simulated", couriers.simulated());
        courier.put("http", couriers.http());
        if (!couriers.other().isEmpty()) {
            courier.put("other", couriers.other());
        }
        return Health.up().withDetail("courier", courier).withDetail("payment", payment.providerName()).build();
    }
}
