package dev.orderflow.notification;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
 * Sends the outbox in small batches. Up to {@code batch-size} due mails are claimed together (state SENDING,
 * committed), sent one after the other, and their outcomes (sent, retry later, failed) written together in the
 * transaction that claims the next batch: one commit per batch instead of one per mail. A batch that found the
 * queue drained (not full, no order's next mail behind it) ends the round: mails that arrive meanwhile wait for
 * the next round (at most {@code relay-interval}) and go out together, rather than one claim each. So:
 * <ul>
 * <li>several instances on one database never take the same row (the claim skips rows another holds), and no
 * row lock is held while the mail server talks: the claim commits before the first mail is sent;</li>
 * <li>a relay that dies has at most one batch ({@code batch-size} mails) in doubt; the rest stay pending for
 * the next relay;</li>
 * <li>a batch stops sending after half the claim timeout and puts its unsent mails back, so a slow server never
 * lets another relay take a batch still being sent for stale;</li>
 * <li>a server that is down or busy costs the mail a retry with growing backoff, and the mail arrives once it is
 * back; the other mails of the batch are sent (or retried) each on its own;</li>
 * <li>a permanent refusal (no such mailbox, 5xx) marks the mail FAILED and says so on the order's timeline;
 * it never holds the order up;</li>
 * <li>a relay that stops between claiming and marking does not send again after a restart: its claims go stale
 * and the mails are marked FAILED as "may have been sent", on the timeline, for a person to check (up to a
 * batch, of which those not reached yet were not sent). What remains is a timeout waiting for the server's
 * final answer, which is retried: if the server had accepted the mail after all, the customer gets it twice,
 * with the same Message-ID.</li>
 * </ul>
 */
@Component
class NotificationRelay {

    static final int MAX_ATTEMPTS = 10;
    private static final String ORDER_ID = "orderId";
    private static final int STALE_CLAIM_CHECK_EVERY_BATCHES = 20;
    private static final Logger log = LoggerFactory.getLogger(NotificationRelay.class);

    private final OutboxRepository outbox;
    private final NotificationSender sender;
    private final OrderLifecycle lifecycle;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final Duration backoff;
    private final Duration maxBackoff;
    private final Duration claimTimeout;
    private final int batchSize;
    /** What became of claimed mails, not yet written: kept across rounds while the database is away. */
    private final Map<Long, Outcome> outcomes = new ConcurrentHashMap<>();

    NotificationRelay(OutboxRepository outbox, NotificationSender sender, OrderLifecycle lifecycle,
            PlatformTransactionManager transactions, Clock clock,
            @Value("${orderflow.notifications.retry-backoff}") Duration backoff,
            @Value("${orderflow.notifications.max-retry-backoff}") Duration maxBackoff,
            @Value("${orderflow.notifications.claim-timeout}") Duration claimTimeout,
            @Value("${orderflow.notifications.batch-size}") int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("orderflow.notifications.batch-size must be at least 1, not " + batchSize);
        }
        this.outbox = outbox;
        this.sender = sender;
        this.lifecycle = lifecycle;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
        this.backoff = backoff;
        this.maxBackoff = maxBackoff;
        this.claimTimeout = claimTimeout;
        this.batchSize = batchSize;
    }

    @Scheduled(fixedDelayString = "${orderflow.notifications.relay-interval}")
    void relay() {
        writeWhatWeKnow();
        giveUpStaleClaims();
        for (int batches = 1; ; batches++) {
            // the last batch's outcomes are written in the transaction that claims the next: one commit per batch
            List<Outcome> known = List.copyOf(outcomes.values());
            List<OutboxRepository.Due> claimed = transaction.execute(status -> {
                write(known);
                return claimNext();
            });
            known.forEach(outcome -> outcomes.remove(outcome.mail().id()));
            if (claimed.isEmpty()) {
                return;
            }
            boolean allSent = deliver(claimed.stream().map(OutboxRepository.Due::mail).toList());
            if (allSent && claimed.size() < batchSize && claimed.stream().noneMatch(OutboxRepository.Due::nextQueued)) {
                // the queue is drained: write this batch's outcomes and wait for the next round, rather than claim
                // each mail that trickles in meanwhile in a batch of its own (an order's next mail, due once the one
                // before is out, is the exception: it is claimed at once)
                writeWhatWeKnow();
                return;
            }
            // while mails keep coming the relay keeps sending; now and then it looks after stale claims too
            if (batches % STALE_CLAIM_CHECK_EVERY_BATCHES == 0) {
                giveUpStaleClaims();
            }
        }
    }

    /**
     * Claims up to a batch: a relay that dies leaves at most these in doubt; the rest stay pending for the next
     * relay.
     */
    private List<OutboxRepository.Due> claimNext() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        List<OutboxRepository.Due> due = outbox.lockDue(now, batchSize);
        outbox.markSending(due.stream().map(mail -> mail.mail().id()).toList(), now);
        return due;
    }

    /** Sends the batch; false when a slow server made it put mails back unsent (they are due again at once). */
    private boolean deliver(List<OutboxRepository.Outgoing> batch) {
        long budgetEnds = System.nanoTime() + claimTimeout.toNanos() / 2;
        for (int i = 0; i < batch.size(); i++) {
            if (i > 0 && System.nanoTime() - budgetEnds > 0) {
                // a slow server: what was not sent yet goes back to the queue before anyone takes it for stale
                log.info("Mail server slow: {} of {} claimed mails put back unsent", batch.size() - i, batch.size());
                batch.subList(i, batch.size()).forEach(mail -> outcomes.put(mail.id(), Outcome.putBack(mail)));
                return false;
            }
            deliver(batch.get(i));
        }
        return true;
    }

    private void deliver(OutboxRepository.Outgoing mail) {
        MDC.put(ORDER_ID, mail.orderId().toString());
        try {
            sender.send(mail);
            outcomes.put(mail.id(), Outcome.sent(mail, OffsetDateTime.now(clock)));
        } catch (NotificationSender.DeliveryFailure failure) {
            boolean lastTry = mail.attempts() + 1 >= MAX_ATTEMPTS;
            if (failure.permanent() || lastTry) {
                outcomes.put(mail.id(), Outcome.failed(mail, failure.getMessage()));
            } else {
                OffsetDateTime next = OffsetDateTime.now(clock).plus(backoffAfter(mail.attempts() + 1));
                log.info("Mail {} for order {} not sent ({}); next attempt at {}", mail.type(), mail.orderId(),
                        failure.getMessage(), next);
                outcomes.put(mail.id(), Outcome.retry(mail, next, failure.getMessage()));
            }
        } catch (RuntimeException unknown) {
            // the mail may or may not have gone out; its claim goes stale and is reported, never resent
            log.error("Sending mail {} for order {} ended in an unexpected way", mail.type(), mail.orderId(), unknown);
        } finally {
            MDC.remove(ORDER_ID);
        }
    }

    /**
     * Outcomes a round could not write (the database was away): written first, so a mail known to be sent is
     * never reported as in doubt.
     */
    private void writeWhatWeKnow() {
        if (outcomes.isEmpty()) {
            return;
        }
        List<Outcome> known = List.copyOf(outcomes.values());
        transaction.executeWithoutResult(status -> write(known));
        known.forEach(outcome -> outcomes.remove(outcome.mail().id()));
    }

    private void write(List<Outcome> known) {
        List<Long> putBack = new ArrayList<>();
        Map<Long, OffsetDateTime> sent = new LinkedHashMap<>();
        for (Outcome outcome : known) {
            switch (outcome.kind()) {
                case SENT -> sent.put(outcome.mail().id(), outcome.at());
                case RETRY -> outbox.markRetry(outcome.mail().id(), outcome.at(), outcome.error());
                case FAILED -> failAndNote(outcome.mail(), outcome.error());
                case PUT_BACK -> putBack.add(outcome.mail().id());
            }
        }
        outbox.markSent(sent);
        outbox.putBack(putBack);
    }

    private void giveUpStaleClaims() {
        OffsetDateTime before = OffsetDateTime.now(clock).minus(claimTimeout);
        transaction.executeWithoutResult(status -> outbox.lockStaleClaims(before).stream()
                .filter(mail -> !outcomes.containsKey(mail.id()))
                .forEach(mail -> failAndNote(mail, "the relay stopped while sending it; it may have been sent:"
                        + " check the mail server before resending")));
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

    /** What became of one claimed mail: {@code at} is when it was sent, or when to try again. */
    private record Outcome(OutboxRepository.Outgoing mail, Kind kind, OffsetDateTime at, String error) {

        enum Kind { SENT, RETRY, FAILED, PUT_BACK }

        static Outcome sent(OutboxRepository.Outgoing mail, OffsetDateTime at) {
            return new Outcome(mail, Kind.SENT, at, null);
        }

        static Outcome retry(OutboxRepository.Outgoing mail, OffsetDateTime next, String error) {
            return new Outcome(mail, Kind.RETRY, next, error);
        }

        static Outcome failed(OutboxRepository.Outgoing mail, String error) {
            return new Outcome(mail, Kind.FAILED, null, error);
        }

        static Outcome putBack(OutboxRepository.Outgoing mail) {
            return new Outcome(mail, Kind.PUT_BACK, null, null);
        }
    }
}
