package dev.orderflow.order;

/** Where an order stands, exactly the status values of the API contract. */
public enum OrderStatus {
    RECEIVED,
    UNDER_REVIEW,
    AWAITING_STOCK_DECISION,
    AWAITING_RESTOCK,
    PICKING,
    PACKED,
    SHIPPED,
    DELIVERED,
    CANCELLED
}
