package dev.orderflow.order;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An order as the API shows it, and as other features read it. */
public record OrderView(UUID orderId, String externalReference, OrderStatus status,
        PlaceOrderRequest.Customer customer, PlaceOrderRequest.Address shippingAddress, String currency,
        String paymentReference, List<PlaceOrderRequest.Line> lines, BigDecimal total, String courier,
        String trackingNumber, PendingAction pendingAction, String trackingUrl, String cancellationReason,
        Refund refund, Instant createdAt, List<TimelineEntry> timeline) {

    /** One line of the order's timeline: when, the status it had then, what happened (at most 1000 characters). */
    public record TimelineEntry(Instant at, OrderStatus status, String message) {
    }

    /** The refund paid back: amount in the order's currency (2 decimals) and the provider's reference. */
    public record Refund(BigDecimal amount, String reference) {
    }
}
