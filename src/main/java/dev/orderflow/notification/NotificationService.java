package dev.orderflow.notification;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import dev.orderflow.order.OrderService;
import dev.orderflow.order.OrderView;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Customer notifications through an outbox: {@link #enqueue} writes a row in the caller's transaction
 * (the engine's, when a process step calls it) and the {@link NotificationRelay} sends it afterwards.
 */
@Service
public class NotificationService {

    private final OutboxRepository outbox;
    private final OrderService orders;
    private final Clock clock;

    NotificationService(OutboxRepository outbox, OrderService orders, Clock clock) {
        this.outbox = outbox;
        this.orders = orders;
        this.clock = clock;
    }

    /** Queues the notification unless this order already has one of this type. */
    @Transactional
    public void enqueue(UUID orderId, NotificationType type) {
        OrderView order = orders.view(orderId);
        String reference = order.externalReference() != null ? order.externalReference()
                : "order " + orderId.toString().substring(0, 8);
        outbox.insertIfAbsent(orderId, type, order.customer().email(), type.subject(reference),
                OffsetDateTime.now(clock));
    }

    @Transactional(readOnly = true)
    public List<NotificationView> forOrder(UUID orderId) {
        orders.view(orderId);
        return outbox.forOrder(orderId);
    }
}
