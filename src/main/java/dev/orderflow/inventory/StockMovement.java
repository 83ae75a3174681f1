package dev.orderflow.inventory;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One change of a SKU's stock, as {@code GET /api/inventory/{sku}/movements} shows it: {@code quantity} is the
 * change's q (see {@link MovementType} for what it does), {@code onHand} and {@code reserved} the figures right
 * after it. {@code orderId} is set for reservations, releases and shipments; {@code by}, the API user, for
 * receipts and adjustments (null for the ledger's opening entries); {@code reason} and {@code note} for
 * adjustments. {@code note} and {@code by} are staff's words and names: a reader who is not staff gets both as null
 * ({@link #withoutStaffDetails}).
 */
public record StockMovement(Instant at, MovementType type, int quantity, int onHand, int reserved,
        @Schema(types = {"string", "null"}, format = "uuid", description = "Set for reservations, releases and shipments")
        UUID orderId,
        @Schema(types = {"string", "null"}, description = "Set for adjustments") AdjustmentReason reason,
        @Schema(types = {"string", "null"}, description = "An adjustment's note, when it has one; "
                + "null for readers without role STAFF") String note,
        @Schema(types = {"string", "null"}, description = "The API user, for receipts and adjustments; null for "
                + "readers without role STAFF") @JsonProperty("by")
        String by) {

    /** This movement as a storefront reads it: the same figures, without the staff's note and name. */
    public StockMovement withoutStaffDetails() {
        return new StockMovement(at, type, quantity, onHand, reserved, orderId, reason, null, null);
    }
}
