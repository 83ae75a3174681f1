package dev.orderflow.shipping;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * A courier that answers at once, for the local run and tests. Tracking numbers derive from the order id,
 * so the same order always gets the same label, as a real courier's idempotency key would guarantee.
 * {@code orderflow.simulation.courier-failures} makes the first bookings fail, to see retries and incidents.
 * There only with {@code orderflow.simulation.enabled=true} (the local run's default).
 */
@Component
@ConditionalOnProperty(name = "orderflow.simulation.enabled", havingValue = "true")
class SimulatedCourier implements CourierPort {

    static final String NAME = "simulated";

    private static final Logger log = LoggerFactory.getLogger(SimulatedCourier.class);
    private static final char[] ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();
    private static final Set<String> SERVICE_LEVELS = Set.of("STANDARD", "EXPRESS_INSURED", "INTERNATIONAL",
            "FREIGHT");

    private final AtomicInteger failuresLeft;

    SimulatedCourier(@Value("${orderflow.simulation.courier-failures:0}") int failures) {
        this.failuresLeft = new AtomicInteger(failures);
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Customers read this; it has no tracking page of its own (and ours is no courier's). */
    @Override
    public String displayName() {
        return "Simulated courier";
    }

    @Override
    public Set<String> serviceLevels() {
        return SERVICE_LEVELS;
    }

    @Override
    public Label createLabel(LabelRequest request) {
        String trackingNumber = "SIM-" + code(request.orderId(), 8);
        log.info("Simulated courier: label {} for order {} ({} g, {}, {})", trackingNumber, request.orderId(),
                request.weightGrams(), request.packageCode(), request.serviceLevel());
        return new Label(trackingNumber, "simulated://labels/" + trackingNumber + ".pdf");
    }

    @Override
    public PickupBooking bookPickup(UUID orderId, String trackingNumber) {
        if (failuresLeft.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
            throw new CourierUnavailableException("simulated courier refused the booking of " + trackingNumber
                    + " (orderflow.simulation.courier-failures)");
        }
        log.info("Simulated courier: pickup booked for {}", trackingNumber);
        return new PickupBooking("PU-" + code(orderId, 10));
    }

    @Override
    public PickupBooking requestRedelivery(UUID orderId, String trackingNumber) {
        log.info("Simulated courier: redelivery of {} arranged", trackingNumber);
        return new PickupBooking("RD-" + code(orderId, 10));
    }

    private static String code(UUID orderId, int length) {
        long bits = orderId.getLeastSignificantBits() ^ Long.rotateLeft(orderId.getMostSignificantBits(), 17);
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < length; i++) {
            code.append(ALPHABET[(int) (bits & 31)]);
            bits >>>= 5;
        }
        return code.toString();
    }
}
