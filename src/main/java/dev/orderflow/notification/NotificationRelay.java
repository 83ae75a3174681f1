package dev.orderflow.notification;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends due outbox rows. Each batch is claimed with row locks, sent, and marked in one transaction, so a
 * restarted relay picks up exactly the rows not yet marked. A failed send is retried with backoff and,
 * after {@link #MAX_ATTEMPTS}, marked FAILED; it never holds up an order.
 */
@Component
class NotificationRelay {

    static final int MAX_ATTEMPTS = 8;
    private static final int BATCH = 50;
    private static final Logger log = LoggerFactory.getLogger(NotificationRelay.class);

    private final OutboxRepository outbox;
    private final NotificationSender sender;
    private final TransactionTemplate transaction;
    private final Clock clock;

    NotificationRelay(OutboxRepository outbox, NotificationSender sender, PlatformTransactionManager transactions,
            Clock clock) {
        this.outbox = outbox;
        this.sender = sender;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${orderflow.notifications.relay-interval:PT1S}")
    void relay() {
        Integer sent;
        do {
            sent = transaction.execute(status -> sendBatch());
        } while (sent != null && sent == BATCH);
    }

    private int sendBatch() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        List<OutboxRepository.Pending> due = outbox.lockDue(now, BATCH);
        for (OutboxRepository.Pending notification : due) {
            try {
                sender.send(notification);
                outbox.markSent(notification.id(), OffsetDateTime.now(clock));
            } catch (RuntimeException e) {
                int attempts = notification.attempts() + 1;
                if (attempts >= MAX_ATTEMPTS) {
                    log.warn("Giving up on {} for order {}: {}", notification.type(), notification.orderId(),
                            e.getMessage());
                    outbox.markFailed(notification.id(), e.getMessage());
                } else {
                    Duration backoff = Duration.ofSeconds(5L << Math.min(attempts, 10));
                    outbox.markRetry(notification.id(), now.plus(backoff), e.getMessage());
                }
            }
        }
        return due.size();
    }
}
