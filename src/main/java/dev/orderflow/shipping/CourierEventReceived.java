package dev.orderflow.shipping;

import java.time.Instant;
import java.util.UUID;

/** A courier event accepted for the first time, published inside the webhook's transaction. */
public record CourierEventReceived(UUID orderId, String trackingNumber, CourierEventType type, Instant at) {
}
