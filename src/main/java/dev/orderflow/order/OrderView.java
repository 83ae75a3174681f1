package dev.orderflow.order;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An order as the API shows it, and as other features read it. {@code timeline} is the customer's history (what
 * storefronts, the tracking page and mails may show); {@code internalNotes} is what only staff see (staff names,
 * findings of the automatic checks, comments, partner references): null, and left out of the JSON, wherever the
 * reader is not staff. Both are oldest first; both are empty where the reader asked for the order without history.
 */
public record OrderView(UUID orderId, String externalReference, OrderStatus status,
        PlaceOrderRequest.Customer customer, PlaceOrderRequest.Address shippingAddress, String currency,
        String paymentReference, List<Line> lines, BigDecimal total, String courier,
        String trackingNumber, PendingAction pendingAction, String trackingUrl, String cancellationReason,
        Refund refund, Instant createdAt, List<TimelineEntry> timeline,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<TimelineEntry> internalNotes) {

    /**
     * One line of the order: SKU, the product's name when the order was placed (it stays, like the price, when the
     * catalog renames the product), quantity 1-1000, unit price in the order's currency (2 decimals).
     */
    public record Line(String sku, String name, int quantity, BigDecimal unitPrice) {
    }

    /** One entry of a history: when, the status the order had then, what happened (at most 1000 characters). */
    public record TimelineEntry(Instant at, OrderStatus status, String message) {
    }

    /** The refund paid back: amount in the order's currency (2 decimals) and the provider's reference. */
    public record Refund(BigDecimal amount, String reference) {
    }

    /** This order as a reader who is not staff sees it: the same, without {@code internalNotes}. */
    public OrderView withoutInternalNotes() {
        return internalNotes == null ? this : new OrderView(orderId, externalReference, status, customer,
                shippingAddress, currency, paymentReference, lines, total, courier, trackingNumber, pendingAction,
                trackingUrl, cancellationReason, refund, createdAt, timeline, null);
    }
}
