package dev.orderflow.fulfillment;

/**
 * What customer service decides in the "Review discrepancy" task ({@code reviewDecision}): the form's options,
 * the diagram's conditions and the code use exactly these names.
 */
enum ReviewDecision {
    /** the order goes on, possibly corrected */
    APPROVE,
    /** the order is cancelled and refunded */
    CANCEL
}
