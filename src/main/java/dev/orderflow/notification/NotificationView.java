package dev.orderflow.notification;

import java.time.Instant;

/** A notification as {@code GET /api/orders/{orderId}/notifications} lists it. */
public record NotificationView(NotificationType type, String recipient, String subject, String state,
        Instant createdAt, Instant sentAt) {
}
