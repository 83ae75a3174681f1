package dev.orderflow.order;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import dev.orderflow.system.CustomerFormat;
import dev.orderflow.system.RetryingTransactions;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one writer of an order's status and history after intake. Each method is one event of the order's life and
 * writes at most one entry of the customer's timeline (a status change, or a note at the status it has) and at most
 * one internal note for staff. The customer's entry says what happened in plain words: product names with
 * quantities, money and times through {@link CustomerFormat}, no SKUs, no staff names, no findings of the automatic
 * checks, no staff comments, no partner references but the tracking number. What led to the event for staff (who
 * decided what, with the comment; findings; package, label and refund references) goes into the internal note,
 * written with it. A status change is checked
 * against the lifecycle of {@link OrderStatus} in the same statement that makes it: it happens only while the order
 * is in one of the target's {@link OrderStatus#previous} statuses (those that {@link OrderStatus#canMoveTo} it); an
 * illegal one changes nothing and throws {@link IllegalStatusTransitionException}. Every method throws
 * {@link OrderNotFoundException} for an unknown order.
 */
@Service
public class OrderLifecycle {

    /** The customer's entry when staff start to review the order. */
    public static final String REVIEW_OPENED = "We are checking a detail of your order before it goes to our warehouse.";
    /** The customer's entry when staff approve the order in review. */
    public static final String REVIEW_APPROVED = "Checked: your order goes on to our warehouse.";

    private final OrderRepository repository;
    private final OrderQueries queries;
    private final ApplicationEventPublisher events;
    private final RetryingTransactions retrying;
    private final OrderMetrics metrics;
    private final OutOfStockPolicy outOfStock;
    private final CustomerFormat format;
    private final Clock clock;

    OrderLifecycle(OrderRepository repository, OrderQueries queries, ApplicationEventPublisher events,
            RetryingTransactions retrying, OrderMetrics metrics, OutOfStockPolicy outOfStock, CustomerFormat format,
            Clock clock) {
        this.outOfStock = outOfStock;
        this.format = format;
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
     * its timeline: waiting for restock, or cancelled with a refund, as the customer chose). The row lock makes a second,
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
     * The review rules want a person to look at the order: staff review it. The customer reads that we check a
     * detail; {@code reasons} (the rules' reasons, one line) and {@code findings} (what the automatic checks found,
     * one line, empty when nothing) go to the internal note.
     */
    @Transactional
    public void underReview(UUID orderId, String reasons, String findings) {
        move(orderId, OrderStatus.UNDER_REVIEW, REVIEW_OPENED, "Discrepancy review opened: " + reasons
                + (findings.isBlank() ? "" : "; automatic checks found: " + findings));
    }

    /**
     * Staff approved the order in review: it goes on as received. {@code decision}: who decided what (with the
     * comment), for the internal note only.
     */
    @Transactional
    public void approved(UUID orderId, String decision) {
        move(orderId, OrderStatus.RECEIVED, REVIEW_APPROVED, decision);
    }

    /**
     * Stock is short: the customer is asked to choose WAIT or REFUND by {@code answerBy}, and told what happens
     * without an answer. {@code missing}: the order's lines that could not be reserved (names and quantities for the
     * customer, SKUs for the internal note).
     */
    @Transactional
    public void awaitStockDecision(UUID orderId, List<OrderView.Line> missing, Instant answerBy) {
        String otherwise = outOfStock.defaultDecision() == StockDecision.REFUND
                ? "we cancel your order and refund it in full" : "we wait for new stock for you";
        move(orderId, OrderStatus.AWAITING_STOCK_DECISION, "Out of stock: " + items(missing)
                + ". Please choose by " + format.time(answerBy) + " whether to wait for new stock or to cancel"
                + " for a full refund. If we do not hear from you by then, " + otherwise + ".",
                "Out of stock: " + missing.stream().map(line -> line.sku() + " (" + line.quantity() + ")")
                        .collect(Collectors.joining(", ")) + "; the customer chooses wait or refund by "
                        + format.time(answerBy) + ", default " + outOfStock.defaultDecision());
    }

    /**
     * The order waits for a restock of its lines, at most until {@code deadline}. {@code by}: who decided to wait
     * (the customer, the default after no answer, or staff after a pick shortage, whose decision goes to the
     * internal note).
     */
    @Transactional
    public void awaitRestock(UUID orderId, Instant deadline, StockDecisionSource by) {
        String why = switch (by.kind()) {
            case CUSTOMER -> "You chose to wait for new stock.";
            case DEFAULT_AFTER_NO_ANSWER -> "We did not hear from you by " + answerBy(by)
                    + ", so we wait for new stock for you.";
            case STAFF -> "Some items were missing on our shelf, so we wait for new stock.";
        };
        move(orderId, OrderStatus.AWAITING_RESTOCK, why + " We send your order as soon as it arrives; if it has not"
                + " arrived by " + format.time(deadline) + ", we cancel your order and refund it in full.",
                by.staffDecision());
    }

    /** The warehouse picks the order's {@code lines}: "Picking 2 × Beeswax candle, 1 × Linen towel". */
    @Transactional
    public void picking(UUID orderId, List<OrderView.Line> lines) {
        move(orderId, OrderStatus.PICKING, "Picking " + items(lines));
    }

    /**
     * The warehouse found less of {@code productName} on the shelf than the books said; staff decide how the order
     * goes on. {@code details}: what was expected and found, by SKU, for the internal note.
     */
    @Transactional
    public void pickShortage(UUID orderId, String productName, String details) {
        note(orderId, "While picking your order we found fewer " + productName + " on our shelf than we expected."
                + " We will tell you shortly how your order goes on.");
        internalNote(orderId, "Pick shortage: " + details + "; the warehouse decides: wait or refund");
    }

    /** Packed in the box {@code packageCode}; the parcel weighs {@code weightGrams} grams (both staff only). */
    @Transactional
    public void packed(UUID orderId, String packageCode, int weightGrams) {
        move(orderId, OrderStatus.PACKED, "Your parcel is packed.", "Packed in " + packageCode + ", " + weightGrams
                + " g");
    }

    /**
     * The order is with the courier: status SHIPPED; the courier's name ({@code parcelco}) and the tracking number
     * are stored, the customer's timeline names the courier as customers read it ({@code courierDisplayName}).
     */
    @Transactional
    public void shipped(UUID orderId, String courier, String courierDisplayName, String trackingNumber) {
        repository.setShipment(orderId, courier, trackingNumber);
        move(orderId, OrderStatus.SHIPPED, "Handed over to " + courierDisplayName + ", tracking number "
                + trackingNumber);
    }

    /**
     * The parcel reached the customer. {@code courierReportedAt}: when the courier says it delivered (shown to the
     * customer), or null when the courier did not report it; {@code decision}: the staff decision that found it
     * delivered (internal note), or null.
     */
    @Transactional
    public void delivered(UUID orderId, Instant courierReportedAt, String decision) {
        move(orderId, OrderStatus.DELIVERED, "Delivered"
                + (courierReportedAt == null ? "" : " (" + format.time(courierReportedAt) + ", reported by the courier)"),
                decision);
    }

    /** The delivery is overdue and staff look into it ({@code task}: the staff task's name, internal note). */
    @Transactional
    public void deliveryOverdue(UUID orderId, String task) {
        note(orderId, "Your parcel is taking longer than expected: we are looking into it.");
        internalNote(orderId, "Task '" + task + "' opened for staff");
    }

    /**
     * The courier delivers again. {@code reference}: the courier's reference of the redelivery and
     * {@code decision}: who decided it (or null), both for the internal note.
     */
    @Transactional
    public void redeliveryArranged(UUID orderId, String reference, String decision) {
        note(orderId, "The courier will deliver your parcel again.");
        internalNote(orderId, "Redelivery arranged with the courier (" + reference + ")"
                + (decision == null ? "" : ": " + decision));
    }

    /**
     * Ends the order CANCELLED with its reason; the refund follows in its own step. The customer's entry is the
     * reason's text, with {@code customerNote} (what the customer wrote when cancelling; null for none) after it;
     * {@code internalNote} (the staff decision that cancelled it: who decided what; null for none) is for staff.
     */
    @Transactional
    public void cancel(UUID orderId, CancellationReason reason, String customerNote, String internalNote) {
        repository.setCancellationReason(orderId, reason);
        move(orderId, OrderStatus.CANCELLED, reason.timelineText()
                + (customerNote == null || customerNote.isBlank() ? "" : " Your note: " + customerNote), internalNote);
    }

    /**
     * Ends an out-of-stock order CANCELLED ({@link CancellationReason#OUT_OF_STOCK_REFUND}), saying who decided:
     * the customer, the default after no answer ("We did not hear from you by …"), or staff after a pick shortage
     * (their decision goes to the internal note).
     */
    @Transactional
    public void cancelOutOfStock(UUID orderId, StockDecisionSource by) {
        CancellationReason reason = CancellationReason.OUT_OF_STOCK_REFUND;
        repository.setCancellationReason(orderId, reason);
        String text = switch (by.kind()) {
            case CUSTOMER -> reason.timelineText();
            // as announced when we asked; not "because it is out of stock": the goods may have come back meanwhile
            case DEFAULT_AFTER_NO_ANSWER -> "We did not hear from you by " + answerBy(by) + ", so we cancelled"
                    + " your order, as we said we would. You get a full refund.";
            case STAFF -> "Cancelled: some items were missing on our shelf. You get a full refund.";
        };
        move(orderId, OrderStatus.CANCELLED, text, by.staffDecision());
    }

    /**
     * Money went back to the customer: {@code amount} in {@code currency} (ISO 4217) for the customer, the payment
     * provider's {@code reference} for staff.
     */
    @Transactional
    public void recordRefund(UUID orderId, BigDecimal amount, String currency, String reference) {
        repository.setRefund(orderId, amount, reference);
        note(orderId, "Refunded " + format.money(amount, currency) + ".");
        internalNote(orderId, "Refund " + amount + " " + currency + ", payment provider reference " + reference);
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

    /** "2 × Beeswax candle, 1 × Linen towel": the lines' quantities and product names, in order. */
    static String items(List<OrderView.Line> lines) {
        return lines.stream().map(line -> line.quantity() + " \u00d7 " + line.name()).collect(Collectors.joining(", "));
    }

    private String answerBy(StockDecisionSource by) {
        return format.time(by.answerBy() != null ? by.answerBy() : clock.instant());
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
