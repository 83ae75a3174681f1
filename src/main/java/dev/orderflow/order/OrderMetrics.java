package dev.orderflow.order;

import dev.orderflow.system.AfterCommit;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * {@code orderflow_orders_total{event="placed|shipped|delivered|cancelled"}}, counted when the transaction that
 * did it commits, so a rolled-back or retried step counts once.
 */
@Component
class OrderMetrics {

    private final MeterRegistry registry;

    OrderMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void placed() {
        afterCommit("placed");
    }

    void reached(OrderStatus status) {
        switch (status) {
            case SHIPPED -> afterCommit("shipped");
            case DELIVERED -> afterCommit("delivered");
            case CANCELLED -> afterCommit("cancelled");
            default -> {
            }
        }
    }

    private void afterCommit(String event) {
        Counter counter = Counter.builder("orderflow.orders").description("Orders by lifecycle event")
                .tag("event", event).register(registry);
        AfterCommit.run(counter::increment);
    }
}
