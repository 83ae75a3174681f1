package dev.orderflow.order;

import java.util.UUID;

/**
 * Published inside the transaction that stores a new order; whoever runs the lifecycle starts it in that
 * same transaction, so an order is never stored without its process, nor the other way round.
 */
public record OrderPlaced(UUID orderId) {
}
