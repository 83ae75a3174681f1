package dev.orderflow.order;

/** Why an order ended CANCELLED, as the API shows it. */
public enum CancellationReason {
    /** the customer asked, before courier handoff */
    CUSTOMER_REQUEST,
    /** customer service cancelled it in discrepancy review */
    REVIEW_REJECTED,
    /** out of stock (or short on the shelf) and the customer, or the default, chose a refund */
    OUT_OF_STOCK_REFUND,
    /** the customer chose to wait, and no restock came in time */
    RESTOCK_TIMEOUT,
    /** the courier lost the parcel and customer service refunded it */
    PARCEL_LOST,
    /**
     * staff stopped the order's process (an operator removed it in Cockpit) before courier handoff: the order was
     * cancelled, its stock released and its payment refunded by reconciliation
     */
    STOPPED_BY_STAFF
}
