package dev.orderflow.shipping;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.orderflow.order.OrderLifecycle;
import dev.orderflow.order.OrderQueries;
import dev.orderflow.order.OrderStatus;
import dev.orderflow.order.OrderView;
import dev.orderflow.shipping.CourierEventRules.Decision;
import dev.orderflow.shipping.CourierEventRules.InboxEvent;
import dev.orderflow.shipping.CourierInbox.State;
import dev.orderflow.system.CustomerFormat;
import dev.orderflow.system.RetryingTransactions;
import dev.orderflow.warehouse.Parcel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Labels, courier handoff and the courier's events. Each call to the courier carries the order id as its
 * idempotency key, and each result is stored once per order. The courier's events go to an inbox first and take
 * effect when the order's process takes them ({@link #takeCourierNews}), so none is lost when it arrives before
 * the order waits for it.
 * <p>
 * Lock order: the parcel's {@code shipment} row first, then the order's row ({@code customer_order}, through
 * {@link OrderLifecycle}), then the engine's rows. The webhook and the delivery-wait step both follow it.
 */
@Service
public class ShippingService {

    private static final Logger log = LoggerFactory.getLogger(ShippingService.class);

    private final ShippingRepository repository;
    private final CourierInbox inbox;
    private final Couriers couriers;
    private final OrderQueries orders;
    private final OrderLifecycle lifecycle;
    private final ApplicationEventPublisher events;
    private final RetryingTransactions retrying;
    private final CustomerFormat format;
    private final Clock clock;

    ShippingService(ShippingRepository repository, CourierInbox inbox, Couriers couriers, OrderQueries orders,
            OrderLifecycle lifecycle, ApplicationEventPublisher events, RetryingTransactions retrying,
            CustomerFormat format, Clock clock) {
        this.format = format;
        this.repository = repository;
        this.inbox = inbox;
        this.couriers = couriers;
        this.orders = orders;
        this.lifecycle = lifecycle;
        this.events = events;
        this.retrying = retrying;
        this.clock = clock;
    }

    /**
     * The couriers a parcel can go with, by the names the courier-selection decision uses: the simulated one
     * when the simulation is on, and the configured ones.
     */
    public ConfiguredCouriers configuredCouriers() {
        return couriers.names();
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
        // the row as the update left it, without reading it again
        return new Shipment(shipment.orderId(), shipment.courier(), shipment.serviceLevel(),
                shipment.trackingNumber(), shipment.labelReference(), booking.pickupReference());
    }

    /**
     * Asks the courier to deliver again; returns the courier's reference for it. Courier events from before this
     * moment are about an earlier attempt: from now on they change nothing.
     */
    @Transactional
    public String arrangeRedelivery(UUID orderId) {
        Shipment shipment = repository.byOrder(orderId)
                .orElseThrow(() -> new IllegalStateException("order " + orderId + " was never shipped"));
        String reference = couriers.get(shipment.courier()).requestRedelivery(orderId, shipment.trackingNumber())
                .pickupReference();
        repository.redeliveryRequested(orderId, OffsetDateTime.now(clock));
        return reference;
    }

    /** The order's shipment, empty before its label; package-private: only this package's tests read it. */
    @Transactional(readOnly = true)
    Optional<Shipment> shipment(UUID orderId) {
        return repository.byOrder(orderId);
    }

    /**
     * Accepts a courier event: stores it in the parcel's inbox (once per tracking number and event id) and, in the
     * same transaction, publishes {@link CourierEventReceived} so that the order's process takes it at once if it
     * waits for it. Returns empty for an unknown tracking number. The same event again, or two at once, is
     * accepted and has no second effect. An event for an order that has ended (delivered, cancelled) is kept
     * and changes nothing. Retried when the order's process moved on meanwhile.
     */
    public Optional<Shipment> recordCourierEvent(String trackingNumber, String eventId, CourierEventType type,
            Instant at) {
        return retrying.execute(() -> {
            Optional<Shipment> shipment = repository.lockByTrackingNumber(trackingNumber);
            shipment.ifPresent(parcel -> accept(parcel, eventId, type, at));
            return shipment;
        });
    }

    private void accept(Shipment parcel, String eventId, CourierEventType type, Instant at) {
        Instant now = clock.instant();
        if (!inbox.insertIfNew(parcel.orderId(), parcel.trackingNumber(), eventId, type, at, now)) {
            return;
        }
        OrderStatus status = orders.status(parcel.orderId()).orElseThrow();
        if (status == OrderStatus.DELIVERED || status == OrderStatus.CANCELLED) {
            int ignored = inbox.ignorePending(parcel.orderId(), "the order was " + status + " already", now);
            log.info("Courier event {} ({}) for {} changes nothing: order {} is {} ({} event(s) settled)", eventId,
                    type, parcel.trackingNumber(), parcel.orderId(), status, ignored);
            return;
        }
        events.publishEvent(new CourierEventReceived(parcel.orderId(), parcel.trackingNumber(), type, at));
    }

    /**
     * Whether the courier has reported on the order's parcel: then the parcel is with the courier, even while the
     * handoff step itself is still being retried.
     */
    @Transactional(readOnly = true)
    public boolean courierHasReported(UUID orderId) {
        return inbox.anyFor(orderId);
    }

    /**
     * When the courier says it delivered the order's parcel, if a delivery report took effect: the order's
     * "Delivered" entry shows it.
     */
    @Transactional(readOnly = true)
    public Optional<Instant> courierReportedDelivery(UUID orderId) {
        return inbox.appliedDelivery(orderId);
    }

    /**
     * Whether the latest courier news that took effect for the order is a failed delivery attempt (the courier
     * tries again or leaves a notice): the tracking page tells the customer so until the next news.
     */
    @Transactional(readOnly = true)
    public boolean lastDeliveryAttemptFailed(UUID orderId) {
        return inbox.newestAppliedType(orderId).filter(type -> type == CourierEventType.DELIVERY_FAILED).isPresent();
    }

    /**
     * The process takes the order's pending courier events, in the order the courier says they happened: each
     * one goes on the timeline or is ignored (see {@link CourierEventRules}), and the news for the process is
     * returned. Locks the parcel's row first, like the webhook, so an event stored at the same moment is either
     * seen here or finds the process waiting for it. An order without a shipment has no news.
     */
    @Transactional
    public CourierNews takeCourierNews(UUID orderId, DeliveryStage stage) {
        if (repository.lockByOrder(orderId).isEmpty()) {
            return CourierNews.NONE;
        }
        List<InboxEvent> pending = inbox.pending(orderId);
        if (pending.isEmpty()) {
            return CourierNews.NONE;
        }
        Instant knownUpTo = latest(inbox.newestApplied(orderId), repository.redeliveryRequestedAt(orderId));
        CourierEventRules.Outcome outcome = CourierEventRules.decide(pending, knownUpTo, stage);
        Instant now = clock.instant();
        CourierEventType newest = null;
        for (Decision decision : outcome.decisions()) {
            InboxEvent event = decision.event();
            switch (decision.effect()) {
                case NOTE, TAKE -> {
                    CourierEventRules.timelineText(event, format).ifPresent(text -> lifecycle.note(orderId, text));
                    inbox.settle(event, State.APPLIED, decision.reason(), now);
                    newest = event.type();
                }
                case IGNORE -> {
                    inbox.settle(event, State.IGNORED, decision.reason(), now);
                    log.info("Courier event {} ({}, {}) for order {} changes nothing: {}", event.eventId(),
                            event.type(), event.at(), orderId, decision.reason());
                }
                case KEEP -> {
                    // taken on the process's next look, once it has acted on the news before it
                }
            }
        }
        if (newest != null) {
            repository.setStatus(orderId, newest);
        }
        return outcome.news();
    }

    private static Instant latest(Instant applied, OffsetDateTime redelivery) {
        if (redelivery == null) {
            return applied;
        }
        return applied == null || redelivery.toInstant().isAfter(applied) ? redelivery.toInstant() : applied;
    }
}
