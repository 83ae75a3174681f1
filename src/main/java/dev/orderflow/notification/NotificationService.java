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
 * Customer notifications through an outbox: {@link #enqueue} renders the mail and writes it in the caller's
 * transaction (the engine's, when a process step calls it), once per order and milestone; the
 * {@link NotificationRelay} sends it afterwards.
 */
@Service
public class NotificationService {

    private final OutboxRepository outbox;
    private final OrderService orders;
    private final MailTemplates templates;
    private final Clock clock;

    NotificationService(OutboxRepository outbox, OrderService orders, MailTemplates templates, Clock clock) {
        this.outbox = outbox;
        this.orders = orders;
        this.templates = templates;
        this.clock = clock;
    }

    /** Queues the mail for this milestone unless the order has one already (a step that runs again). */
    @Transactional
    public void enqueue(UUID orderId, NotificationType type) {
        if (outbox.exists(orderId, type)) {
            return;
        }
        OrderView order = orders.forFulfillment(orderId);
        outbox.insertIfAbsent(orderId, type, order.customer().email(), templates.render(type, order),
                OffsetDateTime.now(clock));
    }

    @Transactional(readOnly = true)
    public List<NotificationView> forOrder(UUID orderId) {
        orders.view(orderId);
        return outbox.forOrder(orderId);
    }
}
