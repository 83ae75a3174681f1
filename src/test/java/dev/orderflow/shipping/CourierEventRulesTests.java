package dev.orderflow.shipping;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import dev.orderflow.shipping.CourierEventRules.Decision;
import dev.orderflow.shipping.CourierEventRules.Effect;
import dev.orderflow.shipping.CourierEventRules.InboxEvent;
import dev.orderflow.shipping.CourierEventRules.Outcome;
import org.junit.jupiter.api.Test;

/** What pending courier events do to an order, decided by the courier's times rather than arrival. */
class CourierEventRulesTests {

    private static final Instant T0 = Instant.parse("2026-11-26T08:00:00Z");

    @Test
    void eventsTakeEffectInTheOrderTheyHappenedNotTheOrderTheyArrived() {
        // given: arrived delivered first, pick-up last
        List<InboxEvent> pending = List.of(event("3", CourierEventType.DELIVERED, 3, 0),
                event("2", CourierEventType.IN_TRANSIT, 2, 1), event("1", CourierEventType.PICKED_UP, 1, 2));

        // when
        Outcome outcome = CourierEventRules.decide(pending, null, DeliveryStage.AWAITING_DELIVERY);

        // then
        assertThat(outcome.news()).isEqualTo(CourierNews.DELIVERED);
        assertThat(outcome.decisions()).extracting(d -> d.event().eventId() + ":" + d.effect())
                .containsExactly("1:NOTE", "2:NOTE", "3:TAKE");
    }

    @Test
    void failedAttemptThenDeliveryEndsDeliveredAndTheFailureIsHistoryOnly() {
        List<InboxEvent> pending = List.of(event("f", CourierEventType.DELIVERY_FAILED, 1, 0),
                event("d", CourierEventType.DELIVERED, 2, 1));

        Outcome outcome = CourierEventRules.decide(pending, null, DeliveryStage.AWAITING_DELIVERY);

        assertThat(outcome.news()).isEqualTo(CourierNews.DELIVERED);
        assertThat(outcome.decisions()).extracting(Decision::effect).containsExactly(Effect.NOTE, Effect.TAKE);
    }

    @Test
    void whatTheCourierReportsAfterADeliveryIsNotNews() {
        List<InboxEvent> pending = List.of(event("d", CourierEventType.DELIVERED, 2, 0),
                event("f", CourierEventType.DELIVERY_FAILED, 3, 1), event("d2", CourierEventType.DELIVERED, 4, 2),
                event("t", CourierEventType.IN_TRANSIT, 5, 3));

        Outcome outcome = CourierEventRules.decide(pending, null, DeliveryStage.AWAITING_DELIVERY);

        assertThat(outcome.news()).isEqualTo(CourierNews.DELIVERED);
        assertThat(outcome.decisions()).extracting(Decision::effect)
                .containsExactly(Effect.TAKE, Effect.IGNORE, Effect.IGNORE, Effect.IGNORE);
    }

    @Test
    void eventsOlderThanWhatTheOrderKnowsChangeNothingButADeliveryStillCounts() {
        // given: the order knows of an event at hour 5
        List<InboxEvent> pending = List.of(event("p", CourierEventType.PICKED_UP, 1, 0),
                event("f", CourierEventType.DELIVERY_FAILED, 2, 1), event("d", CourierEventType.DELIVERED, 3, 2));

        // when
        Outcome outcome = CourierEventRules.decide(pending, T0.plusSeconds(5 * 3600), DeliveryStage.AWAITING_DELIVERY);

        // then
        assertThat(outcome.news()).isEqualTo(CourierNews.DELIVERED);
        assertThat(outcome.decisions()).extracting(Decision::effect)
                .containsExactly(Effect.IGNORE, Effect.IGNORE, Effect.TAKE);
    }

    @Test
    void failedAttemptIsNewsAndWhatFollowsWaitsUntilTheCustomerWasTold() {
        List<InboxEvent> pending = List.of(event("f", CourierEventType.DELIVERY_FAILED, 1, 0),
                event("t", CourierEventType.IN_TRANSIT, 2, 1));

        Outcome outcome = CourierEventRules.decide(pending, null, DeliveryStage.AWAITING_DELIVERY);

        assertThat(outcome.news()).isEqualTo(CourierNews.DELIVERY_FAILED);
        assertThat(outcome.decisions()).extracting(Decision::effect).containsExactly(Effect.TAKE, Effect.KEEP);
    }

    @Test
    void duringAnInvestigationAFailedAttemptGoesOnTheTimelineOnly() {
        List<InboxEvent> pending = List.of(event("f", CourierEventType.DELIVERY_FAILED, 1, 0));

        Outcome outcome = CourierEventRules.decide(pending, null, DeliveryStage.INVESTIGATING);

        assertThat(outcome.news()).isEqualTo(CourierNews.NONE);
        assertThat(outcome.decisions()).extracting(Decision::effect).containsExactly(Effect.NOTE);
    }

    @Test
    void eventsWithTheSameTimeKeepTheOrderTheyArrivedIn() {
        List<InboxEvent> pending = List.of(event("b", CourierEventType.IN_TRANSIT, 1, 1),
                event("a", CourierEventType.PICKED_UP, 1, 0));

        Outcome outcome = CourierEventRules.decide(pending, T0.plusSeconds(3600), DeliveryStage.AWAITING_DELIVERY);

        assertThat(outcome.decisions()).extracting(d -> d.event().eventId() + ":" + d.effect())
                .containsExactly("a:NOTE", "b:NOTE");
    }

    private static InboxEvent event(String id, CourierEventType type, int hour, int receivedSecond) {
        return new InboxEvent("SIM-RULES", id, type, T0.plusSeconds(hour * 3600L),
                T0.plusSeconds(86_400 + receivedSecond));
    }
}
