package dev.orderflow.notification;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** The local run without SMTP: each notification is written to the log instead of mailed. */
@Component
class LoggingNotificationSender implements NotificationSender {

    private static final Logger log = LoggerFactory.getLogger(LoggingNotificationSender.class);

    @Override
    public void send(OutboxRepository.Pending notification) {
        log.info("Mail to {}: \"{}\" [{} for order {}]", notification.recipient(), notification.subject(),
                notification.type(), notification.orderId());
    }
}
