package dev.orderflow.inventory;

import java.util.UUID;

/**
 * A restock reserved everything a waiting order needs; published inside the restock's transaction so the
 * order's process wakes up with its stock already held.
 */
public record StockReplenished(UUID orderId) {
}
