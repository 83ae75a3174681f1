package dev.orderflow.shipping;

/** What a courier reports about a parcel on its webhook. */
public enum CourierEventType {
    PICKED_UP,
    IN_TRANSIT,
    DELIVERED,
    DELIVERY_FAILED
}
