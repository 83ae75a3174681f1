package dev.orderflow.shipping;

/**
 * What the courier's events tell the order's process when it looks at them: nothing that changes its course,
 * that the parcel was delivered, or that a delivery attempt failed (the customer is told, the wait goes on).
 */
public enum CourierNews {
    NONE,
    DELIVERED,
    DELIVERY_FAILED
}
