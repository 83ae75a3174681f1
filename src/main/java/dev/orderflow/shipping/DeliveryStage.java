package dev.orderflow.shipping;

/** Where an order's process stands when it takes the courier's pending events. */
public enum DeliveryStage {
    /** The parcel is with the courier and the process waits for delivery news: every kind of event counts. */
    AWAITING_DELIVERY,
    /**
     * Customer service investigates a delivery that was not reported in time: a delivery ends the investigation;
     * a failed attempt is put on the timeline for the investigator, the decision stays theirs.
     */
    INVESTIGATING
}
