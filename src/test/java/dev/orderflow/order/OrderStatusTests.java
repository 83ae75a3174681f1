package dev.orderflow.order;

import static dev.orderflow.order.OrderStatus.AWAITING_RESTOCK;
import static dev.orderflow.order.OrderStatus.AWAITING_STOCK_DECISION;
import static dev.orderflow.order.OrderStatus.CANCELLED;
import static dev.orderflow.order.OrderStatus.DELIVERED;
import static dev.orderflow.order.OrderStatus.PACKED;
import static dev.orderflow.order.OrderStatus.PICKING;
import static dev.orderflow.order.OrderStatus.RECEIVED;
import static dev.orderflow.order.OrderStatus.SHIPPED;
import static dev.orderflow.order.OrderStatus.UNDER_REVIEW;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The lifecycle of an order as {@link OrderStatus} holds it: which moves the process makes, and which none may. */
class OrderStatusTests {

    @Test
    void theStraightPathFromReceivedToDeliveredIsAllowed() {
        List<OrderStatus> path = List.of(RECEIVED, PICKING, PACKED, SHIPPED, DELIVERED);

        for (int i = 1; i < path.size(); i++) {
            assertThat(path.get(i - 1).canMoveTo(path.get(i))).as(path.get(i - 1) + " -> " + path.get(i)).isTrue();
        }
    }

    @Test
    void aReviewedOrderGoesOnAsReceivedWhenApproved() {
        assertThat(RECEIVED.canMoveTo(UNDER_REVIEW)).isTrue();
        assertThat(UNDER_REVIEW.canMoveTo(RECEIVED)).isTrue();
        assertThat(UNDER_REVIEW.canMoveTo(PICKING)).as("an order under review is not picked").isFalse();
    }

    @Test
    void anOrderShortOfStockWaitsForTheCustomerThenForARestock() {
        assertThat(RECEIVED.canMoveTo(AWAITING_STOCK_DECISION)).isTrue();
        assertThat(AWAITING_STOCK_DECISION.canMoveTo(AWAITING_RESTOCK)).isTrue();
        // woken by a restock: picked when everything came, else the customer is asked again
        assertThat(AWAITING_RESTOCK.canMoveTo(PICKING)).isTrue();
        assertThat(AWAITING_RESTOCK.canMoveTo(AWAITING_STOCK_DECISION)).isTrue();
        // short on the shelf while picking: staff let it wait for a restock
        assertThat(PICKING.canMoveTo(AWAITING_RESTOCK)).isTrue();
        assertThat(AWAITING_STOCK_DECISION.canMoveTo(PICKING)).as("a decision comes first").isFalse();
    }

    @Test
    void everyOrderBeforeTheCourierMayBeCancelledAndAShippedOneOnlyAsLost() {
        for (OrderStatus open : List.of(RECEIVED, UNDER_REVIEW, AWAITING_STOCK_DECISION, AWAITING_RESTOCK, PICKING,
                PACKED)) {
            assertThat(open.canMoveTo(CANCELLED)).as(open + " -> CANCELLED").isTrue();
            assertThat(open.isWithCourierOrEnded()).as(open.name()).isFalse();
        }
        assertThat(SHIPPED.canMoveTo(CANCELLED)).as("parcel lost").isTrue();
        assertThat(SHIPPED.isWithCourierOrEnded()).isTrue();
    }

    @Test
    void openMeansInTheShopsHandsTheSameForEveryone() {
        assertThat(OrderStatus.open()).containsExactlyInAnyOrder(RECEIVED, UNDER_REVIEW, AWAITING_STOCK_DECISION,
                AWAITING_RESTOCK, PICKING, PACKED);
        for (OrderStatus status : OrderStatus.values()) {
            assertThat(status.isOpen()).as(status.name()).isEqualTo(OrderStatus.open().contains(status))
                    .isNotEqualTo(status.isWithCourierOrEnded());
        }
    }

    @Test
    void anEndedOrderMovesNowhere() {
        for (OrderStatus ended : List.of(DELIVERED, CANCELLED)) {
            assertThat(ended.isFinal()).isTrue();
            assertThat(ended.next()).isEmpty();
            for (OrderStatus any : OrderStatus.values()) {
                assertThat(ended.canMoveTo(any)).as(ended + " -> " + any).isFalse();
            }
        }
    }

    @Test
    void skippingOrGoingBackAStepIsIllegal() {
        assertThat(RECEIVED.canMoveTo(SHIPPED)).isFalse();
        assertThat(RECEIVED.canMoveTo(DELIVERED)).isFalse();
        assertThat(PICKING.canMoveTo(SHIPPED)).isFalse();
        assertThat(PACKED.canMoveTo(PICKING)).isFalse();
        assertThat(SHIPPED.canMoveTo(PACKED)).isFalse();
        assertThat(SHIPPED.canMoveTo(SHIPPED)).as("a reshipment stays SHIPPED without a move").isFalse();
        assertThat(CANCELLED.canMoveTo(PICKING)).isFalse();
    }

    @Test
    void noStatusMovesToItself() {
        for (OrderStatus status : OrderStatus.values()) {
            assertThat(status.canMoveTo(status)).as(status.name()).isFalse();
        }
    }

    @Test
    void previousIsExactlyTheStatusesThatMayMoveHere() {
        for (OrderStatus to : OrderStatus.values()) {
            EnumSet<OrderStatus> expected = EnumSet.noneOf(OrderStatus.class);
            for (OrderStatus from : OrderStatus.values()) {
                if (from.canMoveTo(to)) {
                    expected.add(from);
                }
            }
            assertThat(to.previous()).as(to.name()).isEqualTo(expected);
        }
        assertThat(RECEIVED.previous()).containsExactly(UNDER_REVIEW);
        assertThat(DELIVERED.previous()).containsExactly(SHIPPED);
    }

    @Test
    void anIllegalMoveSaysFromWhereToWhereAndWhatIsAllowed() {
        var refused = new IllegalStatusTransitionException(java.util.UUID.randomUUID(), CANCELLED, PICKING);

        assertThat(refused.from()).isEqualTo(CANCELLED);
        assertThat(refused.to()).isEqualTo(PICKING);
        assertThat(refused.getMessage()).contains("cannot move from CANCELLED to PICKING", "[]");
    }
}
