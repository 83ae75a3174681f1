package dev.orderflow.inventory;

enum ReservationState {
    /** held for the order, counted in {@code stock.reserved} */
    RESERVED,
    /** handed to the courier: taken off {@code on_hand} */
    SHIPPED,
    /** given back (cancellation, refund) */
    RELEASED
}
