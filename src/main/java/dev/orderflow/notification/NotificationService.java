package dev.orderflow.notification;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import dev.orderflow.order.OrderNotFoundException;
import dev.orderflow.order.OrderQueries;
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
    private final OrderQueries orders;
    private final MailTemplates templates;
    private final Clock clock;

    NotificationService(OutboxRepository outbox, OrderQueries orders, MailTemplates templates, Clock clock) {
        this.outbox = outbox;
        this.orders = orders;
        this.templates = templates;
        this.clock = clock;
    }

    /**
     * Queues the mail for this milestone unless the order has one already (a step that runs again). The mail is
     * rendered from the order as it is now, in this transaction: its lines' product names and the customer's
     * timeline entry of the milestone (never its internal notes).
     *
     * @throws OrderNotFoundException for an unknown order
     */
    @Transactional
    public void enqueue(UUID orderId, NotificationType type) {
        if (outbox.exists(orderId, type)) {
            return;
        }
        OrderView order = orders.view(orderId).withoutInternalNotes();
        outbox.insertIfAbsent(orderId, type, order.customer().email(), templates.render(type, order),
                OffsetDateTime.now(clock));
    }

    /**
     * The order's notifications, oldest first.
     *
     * @throws OrderNotFoundException for an unknown order
     */
    @Transactional(readOnly = true)
    public List<NotificationView> forOrder(UUID orderId) {
        orders.status(orderId).orElseThrow(() -> new OrderNotFoundException(orderId));
        return outbox.forOrder(orderId);
    }
}
