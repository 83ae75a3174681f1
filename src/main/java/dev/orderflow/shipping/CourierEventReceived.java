package dev.orderflow.shipping;

import java.time.Instant;
import java.util.UUID;

/**
 * A courier event accepted for the first time for an order that has not ended, published inside the webhook's
 * transaction. The event is in the courier inbox already; the listener takes it to the process if it waits for it.
 */
public record CourierEventReceived(UUID orderId, String trackingNumber, CourierEventType type, Instant at) {
}
