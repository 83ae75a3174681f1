package dev.orderflow.fulfillment;

import dev.orderflow.inventory.InventoryService;
import dev.orderflow.notification.NotificationService;
import dev.orderflow.order.OrderQueries;
import dev.orderflow.order.OrderView;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Queues the notification named by the task's {@code notificationType} input in the outbox. */
@Component(OrderFulfillmentProcess.Beans.SEND_NOTIFICATION)
class SendNotificationDelegate implements JavaDelegate {

    private final NotificationService notifications;
    private final OrderQueries orders;
    private final InventoryService inventory;

    SendNotificationDelegate(NotificationService notifications, OrderQueries orders, InventoryService inventory) {
        this.notifications = notifications;
        this.orders = orders;
        this.inventory = inventory;
    }

    @Override
    public void execute(DelegateExecution execution) {
        OrderView order = orders.forFulfillment(ProcessOrders.orderId(execution));
        notifications.enqueue(order, inventory.products(ProcessOrders.skus(order)),
                ProcessVariables.notificationType(execution));
    }
}
