package dev.orderflow.notification;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.orderflow.order.OrderLifecycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends the outbox. Each mail is first claimed (state SENDING, committed), then sent, then marked SENT, in the
 * transaction that claims the next one (one commit per mail), so:
 * <ul>
 * <li>several instances on one database never take the same row (the claim skips rows another holds);</li>
 * <li>mails are claimed one at a time, so a relay that dies has at most one mail in doubt;</li>
 * <li>a server that is down or busy costs a retry with growing backoff, and the mail arrives once it is back;</li>
 * <li>a permanent refusal (no such mailbox, 5xx) marks the mail FAILED and says so on the order's timeline;
 * it never holds the order up;</li>
 * <li>a relay that stops between sending and marking does not send again after a restart: its claim goes stale
 * and the mail is marked FAILED as "may have been sent", on the timeline, for a person to check. What remains
 * is a timeout waiting for the server's final answer, which is retried: if the server had accepted the mail
 * after all, the customer gets it twice, with the same Message-ID.</li>
 * </ul>
 */
@Component
class NotificationRelay {

    static final int MAX_ATTEMPTS = 10;
    private static final String ORDER_ID = "orderId";
    private static final int STALE_CLAIM_CHECK_EVERY = 100;
    private static final Logger log = LoggerFactory.getLogger(NotificationRelay.class);

    private final OutboxRepository outbox;
    private final NotificationSender sender;
    private final OrderLifecycle lifecycle;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final Duration backoff;
    private final Duration maxBackoff;
    private final Duration claimTimeout;
    private final Map<Long, OffsetDateTime> sentAt = new ConcurrentHashMap<>();

    NotificationRelay(OutboxRepository outbox, NotificationSender sender, OrderLifecycle lifecycle,
            PlatformTransactionManager transactions, Clock clock,
            @Value("${orderflow.notifications.retry-backoff}") Duration backoff,
            @Value("${orderflow.notifications.max-retry-backoff}") Duration maxBackoff,
            @Value("${orderflow.notifications.claim-timeout}") Duration claimTimeout) {
        this.outbox = outbox;
        this.sender = sender;
        this.lifecycle = lifecycle;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
        this.backoff = backoff;
        this.maxBackoff = maxBackoff;
        this.claimTimeout = claimTimeout;
    }

    @Scheduled(fixedDelayString = "${orderflow.notifications.relay-interval}")
    void relay() {
        markSentWhatWeKnowWasSent();
        giveUpStaleClaims();
        for (int sent = 1; ; sent++) {
            // the mail sent last is marked SENT in the transaction that claims the next: one commit per mail,
            // and still never more than the one mail being sent in doubt
            Map<Long, OffsetDateTime> marking = Map.copyOf(sentAt);
            List<OutboxRepository.Outgoing> claimed = transaction.execute(status -> {
                marking.forEach(outbox::markSent);
                return claimNext();
            });
            marking.keySet().forEach(sentAt::remove);
            if (claimed.isEmpty()) {
                return;
            }
            deliver(claimed.get(0));
            // while mails keep coming the relay keeps sending; now and then it looks after stale claims too
            if (sent % STALE_CLAIM_CHECK_EVERY == 0) {
                giveUpStaleClaims();
            }
        }
    }

    /**
     * Claims one mail at a time: a relay that dies leaves at most the one mail it was sending in doubt; the rest
     * stay pending for the next relay.
     */
    private List<OutboxRepository.Outgoing> claimNext() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        List<OutboxRepository.Outgoing> due = outbox.lockDue(now, 1);
        due.forEach(mail -> outbox.markSending(mail.id(), now));
        return due;
    }

    private void deliver(OutboxRepository.Outgoing mail) {
        MDC.put(ORDER_ID, mail.orderId().toString());
        try {
            sender.send(mail);
        } catch (NotificationSender.DeliveryFailure failure) {
            boolean lastTry = mail.attempts() + 1 >= MAX_ATTEMPTS;
            if (failure.permanent() || lastTry) {
                fail(mail, failure.getMessage());
            } else {
                OffsetDateTime next = OffsetDateTime.now(clock).plus(backoffAfter(mail.attempts() + 1));
                log.info("Mail {} for order {} not sent ({}); next attempt at {}", mail.type(), mail.orderId(),
                        failure.getMessage(), next);
                transaction.executeWithoutResult(status -> outbox.markRetry(mail.id(), next, failure.getMessage()));
            }
            return;
        } catch (RuntimeException unknown) {
            // the mail may or may not have gone out; its claim goes stale and is reported, never resent
            log.error("Sending mail {} for order {} ended in an unexpected way", mail.type(), mail.orderId(), unknown);
            return;
        } finally {
            MDC.remove(ORDER_ID);
        }
        sentAt.put(mail.id(), OffsetDateTime.now(clock));
    }

    /**
     * The server took these mails; mark them SENT. If the database is away just now (an outage), they stay in
     * memory and are marked on the next round, so a mail known to be sent is never reported as in doubt.
     */
    private void markSentWhatWeKnowWasSent() {
        for (var sent : sentAt.entrySet()) {
            try {
                transaction.executeWithoutResult(status -> outbox.markSent(sent.getKey(), sent.getValue()));
                sentAt.remove(sent.getKey());
            } catch (RuntimeException databaseAway) {
                log.warn("Could not mark mail {} as sent yet: {}", sent.getKey(), databaseAway.getMessage());
                return;
            }
        }
    }

    private void giveUpStaleClaims() {
        OffsetDateTime before = OffsetDateTime.now(clock).minus(claimTimeout);
        transaction.executeWithoutResult(status -> outbox.lockStaleClaims(before).stream()
                .filter(mail -> !sentAt.containsKey(mail.id()))
                .forEach(mail -> failAndNote(mail, "the relay stopped while sending it; it may have been sent:"
                        + " check the mail server before resending")));
    }

    private void fail(OutboxRepository.Outgoing mail, String reason) {
        transaction.executeWithoutResult(status -> failAndNote(mail, reason));
    }

    private void failAndNote(OutboxRepository.Outgoing mail, String reason) {
        log.warn("Mail {} for order {} failed: {}", mail.type(), mail.orderId(), reason);
        outbox.markFailed(mail.id(), reason);
        // staff only: the customer's address, the subject and the mail server's answer are for support to act on
        lifecycle.internalNote(mail.orderId(), "E-mail \"" + mail.subject() + "\" to " + mail.recipient() + " failed: " + reason);
    }

    Duration backoffAfter(int attempts) {
        Duration wait = backoff.multipliedBy(1L << Math.min(attempts - 1, 20));
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }
}
