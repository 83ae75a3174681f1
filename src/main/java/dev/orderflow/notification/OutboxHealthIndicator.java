package dev.orderflow.notification;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The outbox in {@code /actuator/health} ("outbox") and in Prometheus: mails waiting and mails given up on.
 * A backlog never makes the service unhealthy: orders go on, the mails follow when the server is back.
 */
@Component("outbox")
class OutboxHealthIndicator implements HealthIndicator {

    private final OutboxRepository outbox;

    OutboxHealthIndicator(OutboxRepository outbox, MeterRegistry registry) {
        this.outbox = outbox;
        Gauge.builder("orderflow.outbox.backlog", () -> outbox.countByState("PENDING") + outbox.countByState("SENDING"))
                .description("Customer mails not yet sent").register(registry);
        Gauge.builder("orderflow.outbox.failed", () -> outbox.countByState("FAILED"))
                .description("Customer mails given up on (see the order's timeline)").register(registry);
    }

    @Override
    public Health health() {
        return Health.up()
                .withDetail("pending", outbox.countByState("PENDING") + outbox.countByState("SENDING"))
                .withDetail("failed", outbox.countByState("FAILED"))
                .build();
    }
}
