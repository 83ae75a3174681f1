package dev.orderflow.fulfillment;

/**
 * What the warehouse decides in the "Resolve pick shortage" task ({@code shortageDecision}): the form's options,
 * the diagram's conditions and the code use exactly these names.
 */
enum ShortageDecision {
    /** the order waits for a restock of what was short */
    WAIT,
    /** the order is cancelled and refunded */
    REFUND
}
