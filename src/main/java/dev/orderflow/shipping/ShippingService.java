package dev.orderflow.shipping;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

import dev.orderflow.order.OrderView;
import dev.orderflow.warehouse.Parcel;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Labels, courier handoff and the courier's events. Each call to the courier carries the order id as its
 * idempotency key, and each result is stored once per order.
 */
@Service
public class ShippingService {

    private final ShippingRepository repository;
    private final Couriers couriers;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ShippingService(ShippingRepository repository, Couriers couriers, ApplicationEventPublisher events,
            Clock clock) {
        this.repository = repository;
        this.couriers = couriers;
        this.events = events;
        this.clock = clock;
    }

    /** Gets the label and tracking number for a packed order from the chosen courier. */
    @Transactional
    public Shipment createShipment(OrderView order, Parcel parcel, String courierName, String serviceLevel) {
        return repository.byOrder(order.orderId()).orElseGet(() -> {
            CourierPort courier = couriers.get(courierName, serviceLevel);
            var address = order.shippingAddress();
            CourierPort.Label label = courier.createLabel(new CourierPort.LabelRequest(order.orderId(),
                    serviceLevel, order.customer().name(), address.line1(), address.line2(), address.city(),
                    address.postalCode(), address.country(), parcel.packageCode(), parcel.weightGrams()));
            Shipment shipment = new Shipment(order.orderId(), courier.name(), serviceLevel,
                    label.trackingNumber(), label.labelReference(), null);
            repository.insert(shipment, OffsetDateTime.now(clock));
            return shipment;
        });
    }

    /** Books the pickup: from here on the courier has the parcel. */
    @Transactional
    public Shipment handOver(UUID orderId) {
        Shipment shipment = repository.byOrder(orderId)
                .orElseThrow(() -> new IllegalStateException("order " + orderId + " has no label yet"));
        if (shipment.pickupReference() != null) {
            return shipment;
        }
        CourierPort.PickupBooking booking = couriers.get(shipment.courier())
                .bookPickup(orderId, shipment.trackingNumber());
        repository.handedOver(orderId, booking.pickupReference(), OffsetDateTime.now(clock));
        return repository.byOrder(orderId).orElseThrow();
    }

    /** Asks the courier to deliver again; returns the courier's reference for it. */
    @Transactional
    public String arrangeRedelivery(UUID orderId) {
        Shipment shipment = repository.byOrder(orderId)
                .orElseThrow(() -> new IllegalStateException("order " + orderId + " was never shipped"));
        return couriers.get(shipment.courier()).requestRedelivery(orderId, shipment.trackingNumber())
                .pickupReference();
    }

    @Transactional(readOnly = true)
    public Optional<Shipment> shipment(UUID orderId) {
        return repository.byOrder(orderId);
    }

    /**
     * Accepts a courier event once. Returns empty for an unknown tracking number; a repeated event id is
     * accepted and has no second effect.
     */
    @Transactional
    public Optional<Shipment> recordCourierEvent(String trackingNumber, String eventId, CourierEventType type,
            Instant at) {
        Optional<Shipment> shipment = repository.byTrackingNumber(trackingNumber);
        shipment.ifPresent(found -> {
            OffsetDateTime now = OffsetDateTime.now(clock);
            if (repository.insertEventIfNew(eventId, trackingNumber, type, at.atOffset(ZoneOffset.UTC), now)) {
                repository.setStatus(found.orderId(), type);
                events.publishEvent(new CourierEventReceived(found.orderId(), trackingNumber, type, at));
            }
        });
        return shipment;
    }
}
