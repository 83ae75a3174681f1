package dev.orderflow.inventory;

/** Why staff corrected a SKU's on-hand figure ({@code POST /api/inventory/{sku}/adjustments}). */
public enum AdjustmentReason {
    /** A stock count found a different figure. */
    COUNT_CORRECTION,
    /** Goods damaged and taken out of stock. */
    DAMAGED,
    /** Goods not found any more (also the write-off of a pick shortage). */
    LOST,
    /** Goods found again. */
    FOUND
}
