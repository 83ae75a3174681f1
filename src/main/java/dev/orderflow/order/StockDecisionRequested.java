package dev.orderflow.order;

import java.util.UUID;

/** The customer chose; published in the API's transaction for the waiting process to receive. */
public record StockDecisionRequested(UUID orderId, StockDecision decision) {
}
