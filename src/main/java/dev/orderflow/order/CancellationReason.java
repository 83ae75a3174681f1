package dev.orderflow.order;

/** Why an order ended CANCELLED, as the API shows it. */
public enum CancellationReason {
    /** the customer asked, before courier handoff */
    CUSTOMER_REQUEST("Cancelled at the customer's request"),
    /** customer service cancelled it in discrepancy review */
    REVIEW_REJECTED("Cancelled in discrepancy review"),
    /** out of stock (or short on the shelf) and the customer, or the default, chose a refund */
    OUT_OF_STOCK_REFUND("Cancelled: out of stock, refund chosen"),
    /** the customer chose to wait, and no restock came in time */
    RESTOCK_TIMEOUT("Cancelled: no restock in time"),
    /** the courier lost the parcel and customer service refunded it */
    PARCEL_LOST("Cancelled: parcel lost by the courier"),
    /**
     * staff stopped the order's process (an operator removed it in Cockpit) before courier handoff: the order was
     * cancelled, its stock released and its payment refunded by reconciliation
     */
    STOPPED_BY_STAFF("Cancelled by our staff");

    private final String timelineText;

    CancellationReason(String timelineText) {
        this.timelineText = timelineText;
    }

    /** The customer's timeline entry for a cancellation for this reason, before any note. */
    String timelineText() {
        return timelineText;
    }
}
