package dev.orderflow.inventory;

import java.util.UUID;

/**
 * A restock reserved everything a waiting order needs. Published after the restock committed, outside any
 * transaction, once for each order served, so the order's process wakes up with its stock already held and each
 * order is woken on its own. Until its process has had the news the order has a pending wake-up
 * ({@link InventoryService#wakeUpPending}), which is retried when this announcement did not get through.
 */
public record StockReplenished(UUID orderId) {
}
