package dev.orderflow.order;

import java.util.UUID;

/**
 * A step tried to move an order along a transition its lifecycle does not have ({@link OrderStatus#canMoveTo}),
 * for example a cancelled order to PICKING. Nothing was changed. A fault of the caller, not of the customer.
 */
public class IllegalStatusTransitionException extends RuntimeException {

    private final OrderStatus from;
    private final OrderStatus to;

    /** The refused move of order {@code orderId}; the message also lists what {@code from} may move to. */
    public IllegalStatusTransitionException(UUID orderId, OrderStatus from, OrderStatus to) {
        super("order " + orderId + " cannot move from " + from + " to " + to + " (allowed from " + from + ": "
                + from.next() + ")");
        this.from = from;
        this.to = to;
    }

    /** The status the order has, and keeps. */
    public OrderStatus from() {
        return from;
    }

    /** The status that was refused. */
    public OrderStatus to() {
        return to;
    }
}
