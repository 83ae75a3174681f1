package dev.orderflow.shipping;

import java.util.UUID;

/**
 * What Orderflow needs from a courier. Every call carries the order id as idempotency key: a repeated call
 * for the same order returns the first answer and books nothing twice.
 */
public interface CourierPort {

    /** The name shown to customers and stored on the order, e.g. {@code simulated}. */
    String name();

    /** The service levels this courier offers, as the courier-selection decision names them. */
    java.util.Set<String> serviceLevels();

    Label createLabel(LabelRequest request);

    PickupBooking bookPickup(UUID orderId, String trackingNumber);

    /** Asks the courier to deliver the parcel again after a failed or lost delivery. */
    PickupBooking requestRedelivery(UUID orderId, String trackingNumber);

    record LabelRequest(UUID orderId, String serviceLevel, String recipientName, String line1, String line2,
            String city, String postalCode, String country, String packageCode, int weightGrams) {
    }

    record Label(String trackingNumber, String labelReference) {
    }

    record PickupBooking(String pickupReference) {
    }
}
