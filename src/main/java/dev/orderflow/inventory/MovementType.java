package dev.orderflow.inventory;

/**
 * What a stock movement did to a SKU's figures, {@code q} being its quantity: the ledger replays by these rules.
 */
public enum MovementType {
    /** A restock: on hand + q. */
    RECEIPT,
    /**
     * A count correction, damage, loss or find, and the write-off of a pick shortage: on hand + q (q may be
     * negative).
     */
    ADJUSTMENT,
    /** An order's reservation: reserved + q. */
    RESERVATION,
    /** An order's reservation given back (cancellation, waiting for restock, pick shortage): reserved - q. */
    RELEASE,
    /** Reserved goods handed to the courier: on hand - q, reserved - q. */
    SHIPMENT
}
