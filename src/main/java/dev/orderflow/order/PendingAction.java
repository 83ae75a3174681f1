package dev.orderflow.order;

/**
 * What an order waits for from its customer ({@code pendingAction} of the API's order; null when nothing). The
 * constants' names are the API's values.
 */
public enum PendingAction {
    /** the customer chooses WAIT or REFUND for an out-of-stock order ({@code POST .../stock-decision}) */
    STOCK_DECISION
}
