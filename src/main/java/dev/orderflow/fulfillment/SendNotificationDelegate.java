package dev.orderflow.fulfillment;

import dev.orderflow.notification.NotificationService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Queues the notification named by the task's {@code notificationType} input in the outbox. */
@Component(OrderFulfillmentProcess.Beans.SEND_NOTIFICATION)
class SendNotificationDelegate implements JavaDelegate {

    private final NotificationService notifications;

    SendNotificationDelegate(NotificationService notifications) {
        this.notifications = notifications;
    }

    @Override
    public void execute(DelegateExecution execution) {
        notifications.enqueue(ProcessOrders.orderId(execution), ProcessVariables.notificationType(execution));
    }
}
