package dev.orderflow.order;

/** What a customer whose order is out of stock chooses. */
public enum StockDecision {
    WAIT,
    REFUND
}
