package dev.orderflow.notification;

/** The milestones a customer hears about; each is mailed at most once per order. */
public enum NotificationType {
    ORDER_CONFIRMED("Your order is confirmed"),
    REVIEW_STARTED("We are checking your order"),
    OUT_OF_STOCK("Part of your order is out of stock: wait or refund?"),
    /** the warehouse decided to wait for new stock after a pick shortage (or the default WAIT after no answer) */
    WAITING_FOR_STOCK("We are waiting for new stock"),
    BACK_IN_STOCK("Back in stock: your order is on its way again"),
    SHIPPED("Your order has shipped"),
    DELIVERY_FAILED("Delivery attempt failed"),
    DELIVERED("Your order was delivered"),
    CANCELLED("Your order was cancelled");

    private final String subject;

    NotificationType(String subject) {
        this.subject = subject;
    }

    String subject(String reference) {
        return subject + " (" + reference + ")";
    }
}
