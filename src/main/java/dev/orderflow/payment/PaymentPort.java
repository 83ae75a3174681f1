package dev.orderflow.payment;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * What Orderflow needs from the payment provider: money back. The order id is the idempotency key, so a
 * repeated call for the same order refunds once and returns the first reference.
 */
public interface PaymentPort {

    String name();

    String refund(UUID orderId, String paymentReference, BigDecimal amount, String currency);
}
