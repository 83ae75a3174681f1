package dev.orderflow.order;

import java.util.UUID;

/** No order with this id. The API answers 404. */
public class OrderNotFoundException extends RuntimeException {

    /** No order with id {@code orderId}; the message names it. */
    public OrderNotFoundException(UUID orderId) {
        super("no order " + orderId);
    }
}
