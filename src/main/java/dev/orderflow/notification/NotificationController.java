package dev.orderflow.notification;

import java.util.List;
import java.util.UUID;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
class NotificationController {

    record Notifications(List<NotificationView> items) {
    }

    private final NotificationService notifications;

    NotificationController(NotificationService notifications) {
        this.notifications = notifications;
    }

    @GetMapping("/api/orders/{orderId}/notifications")
    Notifications list(@PathVariable UUID orderId) {
        return new Notifications(notifications.forOrder(orderId));
    }
}
