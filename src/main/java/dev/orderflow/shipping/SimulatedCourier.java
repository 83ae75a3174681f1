package dev.orderflow.shipping;

import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A courier that answers at once, for the local run and tests. Tracking numbers derive from the order id,
 * so the same order always gets the same label, as a real courier's idempotency key would guarantee.
 */
@Component
class SimulatedCourier implements CourierPort {

    private static final Logger log = LoggerFactory.getLogger(SimulatedCourier.class);
    private static final char[] ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();

    @Override
    public String name() {
        return "simulated";
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
        log.info("Simulated courier: pickup booked for {}", trackingNumber);
        return new PickupBooking("PU-" + code(orderId, 10));
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
