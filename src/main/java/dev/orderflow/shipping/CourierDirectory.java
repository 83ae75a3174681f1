package dev.orderflow.shipping;

import org.springframework.stereotype.Component;

/**
 * What customers see of the courier that has their parcel (tracking page, mails): the courier's display name and,
 * where the courier has one, the link to its own tracking page for this parcel.
 */
@Component
public class CourierDirectory {

    private final Couriers couriers;

    CourierDirectory(Couriers couriers) {
        this.couriers = couriers;
    }

    /**
     * The courier stored on an order, for its customer.
     *
     * @param courierName the courier's name as stored on the order, e.g. {@code parcelco}; not null
     * @param trackingNumber the parcel's tracking number, or null when it has none (yet): then no link
     * @return the display name and the courier's tracking page for this parcel (null when the courier has none or
     *         there is no tracking number); for a courier no longer configured, its stored name and no link
     */
    public CustomerCourier forCustomers(String courierName, String trackingNumber) {
        // read from what the couriers said at start: a page or mail never calls a courier (CourierPort)
        return couriers.forCustomers(courierName)
                .map(courier -> new CustomerCourier(courier.displayName(),
                        courier.trackingUrl() == null || trackingNumber == null || trackingNumber.isBlank() ? null
                                : CourierLinks.expand(courier.trackingUrl(), trackingNumber)))
                .orElse(new CustomerCourier(courierName, null));
    }

    /**
     * A courier as customers see it.
     *
     * @param displayName what customers read, e.g. {@code DHL}
     * @param trackingUrl the courier's own tracking page for the parcel (absolute http(s) URL), or null
     */
    public record CustomerCourier(String displayName, String trackingUrl) {

        /** The words of a link to the courier's tracking page: "DHL's tracking page", "Hermes' tracking page". */
        public String trackingPageName() {
            return displayName + (displayName.endsWith("s") ? "'" : "'s") + " tracking page";
        }
    }
}
