package dev.orderflow.inventory;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Restocked goods reserved for orders whose process has not had the news yet, in {@code /actuator/health}
 * ("restock") and in Prometheus ({@code orderflow_restock_wakeups_pending}). Right after a restock a few
 * are normal; a wake-up that failed ({@code failing}) is retried with a growing pause and logged at WARN each time.
 */
@Component("restock")
class RestockWakeUpHealth implements HealthIndicator {

    private final InventoryService inventory;

    RestockWakeUpHealth(InventoryService inventory, MeterRegistry registry) {
        this.inventory = inventory;
        Gauge.builder("orderflow.restock.wakeups.pending", () -> inventory.pendingWakeUps(false))
                .description("Orders a restock reserved stock for whose process has not been woken yet")
                .register(registry);
    }

    @Override
    public Health health() {
        return Health.up().withDetail("pending", inventory.pendingWakeUps(false))
                .withDetail("failing", inventory.pendingWakeUps(true)).build();
    }
}
