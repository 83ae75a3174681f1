package dev.orderflow.shipping;

import java.util.UUID;

/**
 * What Orderflow needs from a courier. Every call carries the order id as idempotency key: a repeated call
 * for the same order returns the first answer and books nothing twice.
 */
public interface CourierPort {

    /** The name the courier-selection decision uses and the order stores, e.g. {@code simulated}. */
    String name();

    /** What customers read, 1 to 100 characters, e.g. {@code DHL}; by default the {@link #name()}. */
    default String displayName() {
        return name();
    }

    /**
     * The courier's own tracking page as an absolute http(s) URL template with {@code {trackingNumber}} where the
     * (URL-encoded) tracking number goes, e.g. {@code https://track.parcelco.example/?id={trackingNumber}}; null
     * (the default) when customers get no link. Checked at start-up.
     */
    default String trackingUrl() {
        return null;
    }

    /** The service levels this courier offers, as the courier-selection decision names them. */
    java.util.Set<String> serviceLevels();

    /**
     * Buys the shipping label for a packed parcel.
     *
     * @throws CourierUnavailableException when the courier cannot be reached or refuses
     */
    Label createLabel(LabelRequest request);

    /**
     * Books the pickup of the labelled parcel {@code trackingNumber}.
     *
     * @throws CourierUnavailableException when the courier cannot be reached or refuses
     */
    PickupBooking bookPickup(UUID orderId, String trackingNumber);

    /** Asks the courier to deliver the parcel again after a failed or lost delivery. */
    PickupBooking requestRedelivery(UUID orderId, String trackingNumber);

    /** Where the parcel goes and what it is: service level, address, box code, weight in grams. */
    record LabelRequest(UUID orderId, String serviceLevel, String recipientName, String line1, String line2,
            String city, String postalCode, String country, String packageCode, int weightGrams) {
    }

    /** The courier's tracking number and its reference of the label. */
    record Label(String trackingNumber, String labelReference) {
    }

    /** The courier's reference of a booked pickup. */
    record PickupBooking(String pickupReference) {
    }
}
