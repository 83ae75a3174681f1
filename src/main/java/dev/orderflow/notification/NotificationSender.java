package dev.orderflow.notification;

/** Delivers one notification to the customer; throws when it could not. */
interface NotificationSender {

    void send(OutboxRepository.Pending notification);
}
