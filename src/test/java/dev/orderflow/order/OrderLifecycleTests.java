package dev.orderflow.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.orderflow.support.LocalRunTest;
import dev.orderflow.support.OrderflowApi;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;

/** {@link OrderLifecycle} in the running service: it refuses illegal moves, and writes one entry per event. */
class OrderLifecycleTests extends LocalRunTest {

    @Autowired
    OrderLifecycle lifecycle;

    @Test
    void anIllegalMoveIsRefusedAndChangesNothing() {
        // given: an order the customer cancelled while it waited for their stock decision
        String orderId = api.placed(OrderflowApi.order("TSHIRT-ORG-L", 1, "24.00"));
        api.awaitStatus(orderId, "AWAITING_STOCK_DECISION");
        assertThat(api.cancel(orderId, "changed my mind").getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        // (refunded too: the refund's entry comes in its own job after the status)
        Map<String, Object> cancelled = await().atMost(Duration.ofSeconds(30))
                .until(() -> api.get(orderId), order -> order.get("refund") != null);

        // when / then: a step that would pick it is refused
        assertThatThrownBy(() -> lifecycle.picking(UUID.fromString(orderId), List.of()))
                .isInstanceOf(IllegalStatusTransitionException.class)
                .hasMessageContaining("cannot move from CANCELLED to PICKING");
        Map<String, Object> after = api.get(orderId);
        assertThat(after).containsEntry("status", "CANCELLED");
        assertThat(OrderflowApi.timeline(after, "message")).isEqualTo(OrderflowApi.timeline(cancelled, "message"));
    }

    @Test
    void everyCancellationReasonHasItsOneTextTheCustomersNoteFollowsItAndAStaffNoteStaysInternal() {
        for (CancellationReason reason : CancellationReason.values()) {
            // given
            String orderId = api.placed(OrderflowApi.order("TSHIRT-ORG-L", 1, "24.00"));
            api.awaitStatus(orderId, "AWAITING_STOCK_DECISION");

            // when: cancelled for this reason, with the customer's note and a staff note
            lifecycle.cancel(UUID.fromString(orderId), reason, "the note", "staff only");

            // then
            Map<String, Object> cancelled = api.get(orderId);
            assertThat(cancelled).containsEntry("cancellationReason", reason.name()).doesNotContainKey("internalNotes");
            List<String> messages = OrderflowApi.timeline(cancelled, "message");
            assertThat(messages.get(messages.size() - 1)).as(reason.name()).startsWith("Cancelled")
                    .isEqualTo(reason.timelineText() + " Your note: the note");
            assertThat(messages).noneMatch(message -> message.contains("staff only"));
            assertThat(OrderflowApi.internalNotes(api.getAsStaff(orderId), "message")).last().isEqualTo("staff only");
        }
    }

    @Test
    void aMoveOfAnUnknownOrderIsNotFound() {
        assertThatThrownBy(() -> lifecycle.delivered(UUID.randomUUID(), null, null)).isInstanceOf(OrderNotFoundException.class);
        assertThatThrownBy(() -> lifecycle.note(UUID.randomUUID(), "hello")).isInstanceOf(OrderNotFoundException.class);
    }

    @Test
    void aCustomerWhoWaitsForRestockGetsOneTimelineEntryForIt() {
        // given: an order that is out of stock
        String orderId = api.placed(OrderflowApi.order("TSHIRT-ORG-L", 1, "24.00"));
        api.awaitStatus(orderId, "AWAITING_STOCK_DECISION");

        // when: the customer chooses to wait
        assertThat(api.decideStock(orderId, "WAIT").getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        Map<String, Object> waiting = api.awaitStatus(orderId, "AWAITING_RESTOCK");

        // then: the choice is one entry, at the status it led to
        List<String> messages = OrderflowApi.timeline(waiting, "message");
        List<String> statuses = OrderflowApi.timeline(waiting, "status");
        int outOfStock = statuses.indexOf("AWAITING_STOCK_DECISION");
        assertThat(messages.get(outOfStock)).startsWith("Out of stock: 1 \u00d7 ").doesNotContain("TSHIRT-ORG-L");
        assertThat(messages.subList(outOfStock + 1, messages.size())).singleElement()
                .satisfies(message -> assertThat(message).startsWith("You chose to wait for new stock."));
        assertThat(statuses.subList(outOfStock, statuses.size()))
                .containsExactly("AWAITING_STOCK_DECISION", "AWAITING_RESTOCK");
    }
}
