package dev.orderflow.notification;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Without SMTP ({@code spring.mail.host} unset): each mail is written to the log instead. One line per mail; the
 * text itself (customer data, the tracking link) only at DEBUG, which the local demo run switches on.
 */
class LoggingNotificationSender implements NotificationSender {

    private static final Logger log = LoggerFactory.getLogger(LoggingNotificationSender.class);

    @Override
    public void send(OutboxRepository.Outgoing mail) {
        if (log.isDebugEnabled()) {
            log.debug("Mail to {}: \"{}\" [{} for order {}]\n{}", mail.recipient(), mail.subject(), mail.type(),
                    mail.orderId(), mail.text());
        } else {
            log.info("Mail \"{}\" [{} for order {}] not sent: no SMTP server configured (spring.mail.host)",
                    mail.subject(), mail.type(), mail.orderId());
        }
    }
}
