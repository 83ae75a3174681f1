package dev.orderflow.order;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;

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
        Refund refund, Instant createdAt,
        @Schema(description = TIMELINE_DESCRIPTION) List<TimelineEntry> timeline,
        @Schema(description = INTERNAL_NOTES_DESCRIPTION, nullable = true)
        @JsonInclude(JsonInclude.Include.NON_NULL) List<TimelineEntry> internalNotes) {

    static final String TIMELINE_DESCRIPTION = "The order's history as the customer may read it (storefronts show it"
            + " to them), oldest first: what happened in plain words, product names with quantities rather than SKUs,"
            + " money with its currency and times to the minute in the shop's locale and time zone (orderflow.locale,"
            + " orderflow.time-zone); no staff user names, no findings of the automatic checks, no staff comments, no"
            + " partner references but the tracking number.";
    static final String INTERNAL_NOTES_DESCRIPTION = "Returned only to role STAFF (the key is absent for ORDER_API):"
            + " the staff-only history of the order, entries of the same shape as the timeline, oldest first: who"
            + " decided what in a staff task with their comment, why the order went to review and what the automatic"
            + " checks found, SKUs, package, label and refund references, failed e-mails.";

    /**
     * One line of the order: SKU, the product's name when the order was placed (it stays, like the price, when the
     * catalog renames the product), quantity 1-1000, unit price in the order's currency (2 decimals).
     */
    public record Line(String sku,
            @Schema(description = "The product's name when the order was placed (the catalog's name then; it stays"
                    + " when the catalog renames the product), as the customer's timeline, page and mails show it")
            String name,
            int quantity, BigDecimal unitPrice) {
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
