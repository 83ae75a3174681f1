package dev.orderflow.order;

import java.util.UUID;

/** No order with this id. The API answers 404. */
public class OrderNotFoundException extends RuntimeException {

    public OrderNotFoundException(UUID orderId) {
        super("no order " + orderId);
    }
}
