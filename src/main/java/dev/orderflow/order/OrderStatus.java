package dev.orderflow.order;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Where an order stands, exactly the status values the API shows (docs/api.md), and which status may follow which
 * (the lifecycle of bpmn/order-fulfillment.bpmn). A new order starts {@link #RECEIVED}; {@link OrderLifecycle}
 * moves it only along these transitions.
 */
public enum OrderStatus {
    RECEIVED,
    UNDER_REVIEW,
    AWAITING_STOCK_DECISION,
    AWAITING_RESTOCK,
    PICKING,
    PACKED,
    SHIPPED,
    DELIVERED,
    CANCELLED;

    private static final Map<OrderStatus, Set<OrderStatus>> NEXT = new EnumMap<>(OrderStatus.class);

    static {
        allow(RECEIVED, UNDER_REVIEW, AWAITING_STOCK_DECISION, PICKING, CANCELLED);
        // the automatic checks found something: staff review it; approved, it goes on as received
        allow(UNDER_REVIEW, RECEIVED, CANCELLED);
        allow(AWAITING_STOCK_DECISION, AWAITING_RESTOCK, CANCELLED);
        // woken by a restock: picked when everything is there, else the customer is asked again
        allow(AWAITING_RESTOCK, PICKING, AWAITING_STOCK_DECISION, CANCELLED);
        // short on the shelf: staff let it wait for a restock (or refund, which cancels)
        allow(PICKING, PACKED, AWAITING_RESTOCK, CANCELLED);
        allow(PACKED, SHIPPED, CANCELLED);
        // a reshipment keeps it SHIPPED; a parcel lost by the courier ends it cancelled and refunded
        allow(SHIPPED, DELIVERED, CANCELLED);
        allow(DELIVERED);
        allow(CANCELLED);
    }

    private static void allow(OrderStatus from, OrderStatus... to) {
        NEXT.put(from, Collections.unmodifiableSet(to.length == 0 ? EnumSet.noneOf(OrderStatus.class)
                : EnumSet.of(to[0], to)));
    }

    /** Whether an order in this status may move to {@code next}. */
    public boolean canMoveTo(OrderStatus next) {
        return NEXT.get(this).contains(next);
    }

    /** The statuses that may follow this one; empty for an order that has ended. */
    public Set<OrderStatus> next() {
        return NEXT.get(this);
    }

    /** The statuses from which an order may move to this one. */
    public Set<OrderStatus> previous() {
        Set<OrderStatus> from = EnumSet.noneOf(OrderStatus.class);
        for (OrderStatus status : values()) {
            if (status.canMoveTo(this)) {
                from.add(status);
            }
        }
        return from;
    }

    /**
     * Whether the order is still in the shop's hands: received and not yet with the courier, nor ended. Such an
     * order can be cancelled, and it needs a running process.
     */
    public boolean isOpen() {
        return !isWithCourierOrEnded();
    }

    /** Every status for which {@link #isOpen} holds. */
    public static Set<OrderStatus> open() {
        Set<OrderStatus> open = EnumSet.noneOf(OrderStatus.class);
        for (OrderStatus status : values()) {
            if (status.isOpen()) {
                open.add(status);
            }
        }
        return Collections.unmodifiableSet(open);
    }

    /** Whether the order has ended: delivered or cancelled, no status follows. */
    public boolean isFinal() {
        return next().isEmpty();
    }

    /** Whether the courier has (or had) the parcel: a customer can no longer cancel. */
    public boolean isWithCourierOrEnded() {
        return this == SHIPPED || isFinal();
    }
}
