package dev.orderflow.inventory;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One change of a SKU's stock, as {@code GET /api/inventory/{sku}/movements} shows it: {@code quantity} is the
 * change's q (see {@link MovementType} for what it does), {@code onHand} and {@code reserved} the figures right
 * after it. {@code orderId} is set for reservations, releases and shipments; {@code by}, the API user, for
 * receipts and adjustments (null for the ledger's opening entries); {@code reason} and {@code note} for
 * adjustments.
 */
public record StockMovement(Instant at, MovementType type, int quantity, int onHand, int reserved, UUID orderId,
        AdjustmentReason reason, String note, @JsonProperty("by") String by) {
}
