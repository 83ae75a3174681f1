package dev.orderflow.shipping;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import dev.orderflow.system.CustomerFormat;

/**
 * What each pending courier event does to an order, in the order the courier says things happened ({@code at}),
 * not the order the webhook calls arrived in:
 * <ul>
 * <li>a delivery always counts (a parcel delivered stays delivered), and whatever the courier reports as
 * happening after it is not news any more;</li>
 * <li>any other event older than what the order already knows (the newest event applied, or the moment a
 * redelivery was agreed) is ignored: an {@code IN_TRANSIT} after a failed attempt that happened later, a failed
 * attempt from before a redelivery, must not read as news;</li>
 * <li>a failed attempt is news for the process (the customer is told) unless a delivery is pending as well
 * (then it is history on the timeline, no e-mail) or customer service is investigating (timeline only); the
 * events after it wait until the process has told the customer, so the timeline keeps the courier's order;</li>
 * <li>pick-up and in-transit reports go on the timeline.</li>
 * </ul>
 * No Spring, no database: {@link ShippingService#takeCourierNews} feeds it and carries out its decisions.
 */
final class CourierEventRules {

    /** One accepted event of a parcel. */
    record InboxEvent(String trackingNumber, String eventId, CourierEventType type, Instant at, Instant receivedAt) {
    }

    enum Effect {
        /** goes on the timeline; the process's course does not change */
        NOTE,
        /** goes on the timeline and is the news the process acts on */
        TAKE,
        /** stays pending: the process comes back for it after acting on the news taken before it */
        KEEP,
        /** changes nothing and stays off the timeline; {@code reason} says why */
        IGNORE
    }

    record Decision(InboxEvent event, Effect effect, String reason) {
    }

    record Outcome(CourierNews news, List<Decision> decisions) {
    }

    static final Comparator<InboxEvent> COURIER_ORDER = Comparator.comparing(InboxEvent::at)
            .thenComparing(InboxEvent::receivedAt).thenComparing(InboxEvent::eventId);

    private CourierEventRules() {
    }

    /**
     * @param pending   the order's pending events, any order
     * @param knownUpTo the newest {@code at} the order has taken into account (or when a redelivery was agreed),
     *                  null when nothing yet
     */
    static Outcome decide(List<InboxEvent> pending, Instant knownUpTo, DeliveryStage stage) {
        List<InboxEvent> sorted = pending.stream().sorted(COURIER_ORDER).toList();
        boolean deliveryPending = sorted.stream().anyMatch(event -> event.type() == CourierEventType.DELIVERED);
        List<Decision> decisions = new ArrayList<>();
        CourierNews news = CourierNews.NONE;
        for (InboxEvent event : sorted) {
            if (news == CourierNews.DELIVERED) {
                decisions.add(new Decision(event, Effect.IGNORE, event.type() == CourierEventType.DELIVERED
                        ? "delivered already" : "reported after the delivery"));
            } else if (news == CourierNews.DELIVERY_FAILED) {
                decisions.add(new Decision(event, Effect.KEEP, null));
            } else if (event.type() != CourierEventType.DELIVERED && knownUpTo != null
                    && event.at().isBefore(knownUpTo)) {
                decisions.add(new Decision(event, Effect.IGNORE, "older than what the order knew (" + knownUpTo + ")"));
            } else {
                switch (event.type()) {
                    case PICKED_UP, IN_TRANSIT -> decisions.add(new Decision(event, Effect.NOTE, null));
                    case DELIVERY_FAILED -> {
                        if (deliveryPending) {
                            decisions.add(new Decision(event, Effect.NOTE, "a delivery followed"));
                        } else if (stage == DeliveryStage.INVESTIGATING) {
                            decisions.add(new Decision(event, Effect.NOTE, "reported during the investigation"));
                        } else {
                            decisions.add(new Decision(event, Effect.TAKE, null));
                            news = CourierNews.DELIVERY_FAILED;
                        }
                    }
                    case DELIVERED -> {
                        decisions.add(new Decision(event, Effect.TAKE, null));
                        news = CourierNews.DELIVERED;
                    }
                }
            }
        }
        return new Outcome(news, decisions);
    }

    /**
     * The customer's timeline entry for an event that took effect; none for a delivery, which the order's own
     * "Delivered" entry shows (with the courier's time), so that one delivery is one entry. The courier's time is
     * written for people ({@code format}), as everything on the customer's timeline.
     */
    static Optional<String> timelineText(InboxEvent event, CustomerFormat format) {
        String at = format.time(event.at());
        return switch (event.type()) {
            case PICKED_UP -> Optional.of("Picked up by the courier (" + at + ")");
            case IN_TRANSIT -> Optional.of("In transit (" + at + ")");
            case DELIVERY_FAILED -> Optional.of("Delivery attempt failed (" + at + ")");
            case DELIVERED -> Optional.empty();
        };
    }
}
