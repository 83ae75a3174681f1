package dev.orderflow.fulfillment;

import dev.orderflow.fulfillment.OrderFulfillmentProcess.Variables;
import dev.orderflow.notification.NotificationService;
import dev.orderflow.notification.NotificationType;
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
        NotificationType type = NotificationType.valueOf((String) execution.getVariable(Variables.NOTIFICATION_TYPE));
        notifications.enqueue(ProcessOrders.orderId(execution), type);
    }
}
