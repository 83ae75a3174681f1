package dev.orderflow.notification;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Without SMTP ({@code spring.mail.host} unset, the local run): each mail is written to the log instead. */
class LoggingNotificationSender implements NotificationSender {

    private static final Logger log = LoggerFactory.getLogger(LoggingNotificationSender.class);

    @Override
    public void send(OutboxRepository.Outgoing mail) {
        log.info("Mail to {}: \"{}\" [{} for order {}]\n{}", mail.recipient(), mail.subject(), mail.type(),
                mail.orderId(), mail.text());
    }
}
