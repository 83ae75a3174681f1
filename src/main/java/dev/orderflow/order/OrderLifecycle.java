package dev.orderflow.order;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import dev.orderflow.system.RetryingTransactions;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one writer of an order's status and timeline after intake. Each method is one event of the order's life and
 * writes exactly one timeline entry (a status change, or a note at the status it has); what led to the event (a
 * staff decision, the courier's report) goes into that entry, not into one of its own. A status change is checked
 * against the lifecycle of {@link OrderStatus} in the same statement that makes it: it happens only while the order
 * is in one of the target's {@link OrderStatus#previous} statuses (those that {@link OrderStatus#canMoveTo} it); an
 * illegal one changes nothing and throws {@link IllegalStatusTransitionException}. Every method throws
 * {@link OrderNotFoundException} for an unknown order.
 */
@Service
public class OrderLifecycle {

    private final OrderRepository repository;
    private final OrderQueries queries;
    private final ApplicationEventPublisher events;
    private final RetryingTransactions retrying;
    private final OrderMetrics metrics;
    private final Clock clock;

    OrderLifecycle(OrderRepository repository, OrderQueries queries, ApplicationEventPublisher events,
            RetryingTransactions retrying, OrderMetrics metrics, Clock clock) {
        this.repository = repository;
        this.queries = queries;
        this.events = events;
        this.retrying = retrying;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * Locks the order's row for the rest of the current transaction and returns its status. Every transaction
     * that touches an order together with stock or its process takes this lock first (the lock order of
     * docs/decisions/lock-order.md: order row, then stock rows in SKU order, then the order's reservation rows,
     * then the engine's rows): two such transactions for one order then queue instead of deadlocking.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public OrderStatus lock(UUID orderId) {
        return repository.lockStatus(orderId).orElseThrow(() -> new OrderNotFoundException(orderId));
    }

    /**
     * Like {@link #lock}, and returns the order as process steps need it (lines, no timeline): a step that locks
     * the order reads it with the same query.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public OrderView lockForFulfillment(UUID orderId) {
        return queries.forFulfillment(repository.lock(orderId).orElseThrow(() -> new OrderNotFoundException(orderId)));
    }

    /**
     * The customer chooses WAIT or REFUND for an out-of-stock order; the process takes it from there (and writes
     * its timeline: waiting for restock, or cancelled with the refund chosen). The row lock makes a second,
     * concurrent decision wait and then find none pending.
     *
     * @throws OrderStateConflictException unless a stock decision is pending
     */
    public void decideStock(UUID orderId, StockDecision decision) {
        retrying.run(() -> {
            OrderStatus status = lock(orderId);
            if (status != OrderStatus.AWAITING_STOCK_DECISION) {
                throw new OrderStateConflictException("order " + orderId + " has no stock decision pending (status "
                        + status + ")");
            }
            events.publishEvent(new StockDecisionRequested(orderId, decision));
        });
    }

    /**
     * The customer asks to cancel; the process then releases the stock, refunds and tells the customer.
     *
     * @throws OrderStateConflictException once the order is with the courier, or when it is cancelled already
     */
    public void requestCancellation(UUID orderId, String reason) {
        retrying.run(() -> {
            OrderStatus status = lock(orderId);
            if (status.isWithCourierOrEnded()) {
                throw new OrderStateConflictException(status == OrderStatus.CANCELLED
                        ? "order " + orderId + " is already cancelled"
                        : "order " + orderId + " is with the courier already (status " + status + ")");
            }
            events.publishEvent(new CancellationRequested(orderId, reason));
        });
    }

    /**
     * The review rules want a person to look at the order: staff review it. {@code reasons}: why (the rules'
     * reasons, one line); {@code findings}: what the automatic checks found, in words (one line), empty when nothing.
     */
    @Transactional
    public void underReview(UUID orderId, String reasons, String findings) {
        move(orderId, OrderStatus.UNDER_REVIEW, "Discrepancy review opened: " + reasons
                + (findings.isBlank() ? "" : "; automatic checks found: " + findings));
    }

    /** Staff approved the order in review: it goes on as received ({@code decision}: who decided what). */
    @Transactional
    public void approved(UUID orderId, String decision) {
        move(orderId, OrderStatus.RECEIVED, decision);
    }

    /** Stock is short: the customer is asked to choose WAIT or REFUND. */
    @Transactional
    public void awaitStockDecision(UUID orderId, List<String> unavailableSkus) {
        move(orderId, OrderStatus.AWAITING_STOCK_DECISION, "Out of stock: " + String.join(", ", unavailableSkus)
                + "; waiting for the customer to choose wait or refund");
    }

    /**
     * The order waits for a restock of its lines, at most until {@code deadline}. {@code decision}: the staff
     * decision that led here (who decided what), or null when the customer chose to wait.
     */
    @Transactional
    public void awaitRestock(UUID orderId, Instant deadline, String decision) {
        move(orderId, OrderStatus.AWAITING_RESTOCK, "Waiting for restock until " + deadline + because(decision));
    }

    /** The warehouse picks the order's {@code items} pick-list lines. */
    @Transactional
    public void picking(UUID orderId, int items) {
        move(orderId, OrderStatus.PICKING, "Picking " + items + " item(s)");
    }

    /** Packed in the box {@code packageCode}; the parcel weighs {@code weightGrams} grams. */
    @Transactional
    public void packed(UUID orderId, String packageCode, int weightGrams) {
        move(orderId, OrderStatus.PACKED, "Packed in " + packageCode + ", " + weightGrams + " g");
    }

    /** The order is with the courier: status SHIPPED, courier and tracking number shown to the customer. */
    @Transactional
    public void shipped(UUID orderId, String courier, String trackingNumber) {
        repository.setShipment(orderId, courier, trackingNumber);
        move(orderId, OrderStatus.SHIPPED, "Handed over to " + courier + ", tracking number " + trackingNumber);
    }

    /**
     * The parcel reached the customer. {@code courierReportedAt}: when the courier says it delivered, or null when
     * the courier did not report it; {@code decision}: the staff decision that found it delivered, or null.
     */
    @Transactional
    public void delivered(UUID orderId, Instant courierReportedAt, String decision) {
        move(orderId, OrderStatus.DELIVERED, "Delivered"
                + (courierReportedAt == null ? "" : " (" + courierReportedAt + ", reported by the courier)")
                + because(decision));
    }

    /**
     * Ends the order CANCELLED with its reason; the refund follows in its own step. The timeline entry is the
     * reason's text, with {@code note} after it when there is one: what the customer wrote, or the staff decision
     * (who decided what) that cancelled it; null for none.
     */
    @Transactional
    public void cancel(UUID orderId, CancellationReason reason, String note) {
        repository.setCancellationReason(orderId, reason);
        move(orderId, OrderStatus.CANCELLED, reason.timelineText() + because(note));
    }

    /** Money went back to the customer: {@code amount} in the order's currency, the provider's reference. */
    @Transactional
    public void recordRefund(UUID orderId, BigDecimal amount, String reference) {
        repository.setRefund(orderId, amount, reference);
        note(orderId, "Refunded " + amount + " (reference " + reference + ")");
    }

    /** Records an event on the customer's timeline that does not change the status. */
    @Transactional
    public void note(UUID orderId, String message) {
        append(orderId, OrderRepository.Audience.CUSTOMER, message);
    }

    /**
     * Records a note for staff only (the order's {@code internalNotes}): staff names, what the automatic checks
     * found, comments, partner references and failures. Does not change the status.
     */
    @Transactional
    public void internalNote(UUID orderId, String message) {
        append(orderId, OrderRepository.Audience.STAFF, message);
    }

    private void append(UUID orderId, OrderRepository.Audience audience, String message) {
        if (!repository.appendAtCurrentStatus(orderId, audience, message, OffsetDateTime.now(clock))) {
            throw new OrderNotFoundException(orderId);
        }
    }

    private static String because(String note) {
        return note == null || note.isBlank() ? "" : ": " + note;
    }

    private void move(UUID orderId, OrderStatus to, String message) {
        move(orderId, to, message, null);
    }

    // the transition check: the row changes only while its status is one that may move to {@code to}; the
    // customer's entry and the staff's note (null: none) are written with the change
    private void move(UUID orderId, OrderStatus to, String message, String internalNote) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (!repository.advance(orderId, to.previous(), to, message, now)) {
            OrderStatus from = repository.status(orderId).orElseThrow(() -> new OrderNotFoundException(orderId));
            throw new IllegalStatusTransitionException(orderId, from, to);
        }
        if (internalNote != null && !internalNote.isBlank()) {
            repository.append(orderId, to, OrderRepository.Audience.STAFF, internalNote, now);
        }
        metrics.reached(to);
    }
}
