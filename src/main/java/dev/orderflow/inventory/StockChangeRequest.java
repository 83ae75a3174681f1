package dev.orderflow.inventory;

/**
 * What a restock or adjustment asked for: the fingerprint its Idempotency-Key is held to. Two requests with one
 * key are the same request when all five are equal (the note as sent, {@code null} when absent).
 */
record StockChangeRequest(String sku, MovementType type, int quantity, AdjustmentReason reason, String note) {

    /** In plain words, for a refusal: "a restock of 4 units of MUG-ECO-01", "an adjustment of -3 of MUG-ECO-01". */
    String describe() {
        return type == MovementType.RECEIPT ? "a restock of " + quantity + " of " + sku
                : "an adjustment of " + quantity + " (" + reason + ") of " + sku;
    }
}
