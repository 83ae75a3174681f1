package dev.orderflow.shipping;

import java.util.UUID;

/** The courier's side of an order: label, tracking number and (once handed over) the pickup. */
public record Shipment(UUID orderId, String courier, String serviceLevel, String trackingNumber,
        String labelReference, String pickupReference) {
}
