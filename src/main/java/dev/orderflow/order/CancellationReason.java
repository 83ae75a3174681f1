package dev.orderflow.order;

/**
 * Why an order ended CANCELLED, as the API shows it. Each reason has the customer's timeline entry for it: plain
 * words, no staff names, no comments (who decided what goes to the internal notes).
 */
public enum CancellationReason {
    /** the customer asked, before courier handoff */
    CUSTOMER_REQUEST("Cancelled at your request. You get a full refund."),
    /** customer service cancelled it in discrepancy review */
    REVIEW_REJECTED("Cancelled after our check of your order. You get a full refund."),
    /**
     * out of stock (or short on the shelf) and the customer, the default after no answer, or staff chose a refund;
     * the text here is the customer's choice, {@link OrderLifecycle#cancelOutOfStock} tells the others apart
     */
    OUT_OF_STOCK_REFUND("Cancelled as you chose, because items of your order are out of stock. You get a full refund."),
    /** the order waited for a restock, and none came in time */
    RESTOCK_TIMEOUT("Cancelled: the missing items did not come back in stock in time. You get a full refund."),
    /** the courier lost the parcel and customer service refunded it */
    PARCEL_LOST("Cancelled: the courier lost your parcel. You get a full refund."),
    /**
     * staff stopped the order's process (an operator removed it in Cockpit) before courier handoff: the order was
     * cancelled, its stock released and its payment refunded by reconciliation
     */
    STOPPED_BY_STAFF("Cancelled by our staff. You get a full refund.");

    private final String timelineText;

    CancellationReason(String timelineText) {
        this.timelineText = timelineText;
    }

    /** The customer's timeline entry for a cancellation for this reason, before any note of the customer's. */
    String timelineText() {
        return timelineText;
    }
}
