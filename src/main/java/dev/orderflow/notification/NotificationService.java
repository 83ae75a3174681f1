package dev.orderflow.notification;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.orderflow.inventory.Product;
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
     * Queues the mail for this milestone unless the order has one already (a step that runs again). The caller
     * passes the order (lines; no timeline needed) and the catalog's products of its SKUs, by SKU, for their names.
     */
    @Transactional
    public void enqueue(OrderView order, Map<String, Product> products, NotificationType type) {
        if (outbox.exists(order.orderId(), type)) {
            return;
        }
        outbox.insertIfAbsent(order.orderId(), type, order.customer().email(), templates.render(type, order, products),
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
