package dev.orderflow.order;

/**
 * What was asked does not fit where the order stands (cancel a shipped order, decide on stock nobody asked
 * about). Nothing was changed; the message says why. The API answers 409.
 */
public class OrderStateConflictException extends RuntimeException {

    /** {@code message} says what the order's state does not allow, for the API's answer. */
    public OrderStateConflictException(String message) {
        super(message);
    }
}
