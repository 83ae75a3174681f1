package dev.orderflow.payment;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * What Orderflow needs from the payment provider: money back. The order id is the idempotency key, so a
 * repeated call for the same order refunds once and returns the first reference.
 */
public interface PaymentPort {

    /** The provider's name, stored with each refund. */
    String name();

    /**
     * Refunds {@code amount} (in {@code currency}) of the payment {@code paymentReference}; returns the provider's
     * refund reference.
     *
     * @throws PaymentUnavailableException when the provider cannot be reached or refuses
     */
    String refund(UUID orderId, String paymentReference, BigDecimal amount, String currency);
}
