package dev.orderflow.payment;

import java.math.BigDecimal;
import java.util.UUID;

/** Money returned to the customer for an order. */
public record Refund(UUID orderId, BigDecimal amount, String currency, String reference) {
}
