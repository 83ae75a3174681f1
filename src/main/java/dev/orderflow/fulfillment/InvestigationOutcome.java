package dev.orderflow.fulfillment;

/**
 * What customer service finds in the "Investigate delivery" task ({@code investigationOutcome}): the form's
 * options, the diagram's conditions and the code use exactly these names.
 */
enum InvestigationOutcome {
    /** the parcel did arrive: the order ends delivered */
    DELIVERED,
    /** the courier delivers again */
    RESHIP,
    /** the parcel is lost: the order is cancelled and refunded */
    REFUND
}
