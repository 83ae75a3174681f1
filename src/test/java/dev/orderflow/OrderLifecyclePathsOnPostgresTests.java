package dev.orderflow;

import static dev.orderflow.support.OrderflowApi.internalNotes;
import static dev.orderflow.support.OrderflowApi.order;
import static dev.orderflow.support.OrderflowApi.timeline;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.orderflow.fulfillment.OrderFulfillmentProcess.Variables;
import dev.orderflow.support.PostgresIntegrationTest;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * The lifecycle's other paths through the REST API, the real engine and job executor, on PostgreSQL. The picker
 * finds one unit too few of the SKUs {@code SHORT-*} (products only these tests create).
 */
@TestPropertySource(properties = "orderflow.simulation.pick-shortage-skus=SHORT-WAIT,SHORT-REFUND")
class OrderLifecyclePathsOnPostgresTests extends PostgresIntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TaskService tasks;

    @Test
    void outOfStockCustomerWaitsAndARestockShipsTheOrder() {
        // given: nothing of this SKU on the shelf
        String orderId = api.placed(order("HEADPH-WOOD", 1, "79.00"));
        Map<String, Object> waiting = api.awaitStatus(orderId, "AWAITING_STOCK_DECISION");
        assertThat(waiting).containsEntry("pendingAction", "STOCK_DECISION");

        // when
        ResponseEntity<String> decided = api.decideStock(orderId, "WAIT");

        // then
        assertThat(decided.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(api.awaitStatus(orderId, "AWAITING_RESTOCK")).containsEntry("pendingAction", null);
        assertThat(api.decideStock(orderId, "REFUND").getStatusCode()).isEqualTo(HttpStatus.CONFLICT);

        // when: the warehouse receives one
        ResponseEntity<Map<String, Object>> restocked = api.restock("HEADPH-WOOD", 1);

        // then: the waiting order got it at once, and ships
        assertThat(restocked.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(restocked.getBody()).containsEntry("reserved", 1).containsEntry("available", 0);
        api.awaitStatus(orderId, "SHIPPED");
        assertThat(api.stock("HEADPH-WOOD")).containsEntry("onHand", 0).containsEntry("reserved", 0);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(api.notifications(orderId))
                .extracting(n -> n.get("type"))
                .containsExactly("ORDER_CONFIRMED", "OUT_OF_STOCK", "BACK_IN_STOCK", "SHIPPED"));
    }

    @Test
    void outOfStockCustomerTakesTheRefund() {
        // given
        String orderId = api.placed(order("RUG-JUTE", 1, "129.00"));
        api.awaitStatus(orderId, "AWAITING_STOCK_DECISION");

        // when
        assertThat(api.decideStock(orderId, "REFUND").getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);

        // then
        Map<String, Object> cancelled = await().atMost(Duration.ofSeconds(30))
                .until(() -> api.get(orderId), order -> order.get("refund") != null);
        assertThat(cancelled).containsEntry("status", "CANCELLED")
                .containsEntry("cancellationReason", "OUT_OF_STOCK_REFUND")
                .containsEntry("pendingAction", null);
        assertThat(cancelled.get("refund")).isEqualTo(Map.of("amount", "129.00",
                "reference", "RF-" + orderId.substring(0, 8).toUpperCase()));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(api.notifications(orderId))
                .extracting(n -> n.get("type")).containsExactly("ORDER_CONFIRMED", "OUT_OF_STOCK", "CANCELLED"));
    }

    @Test
    void customerCancelsDuringDiscrepancyReview() {
        // given: a price that differs from the catalog sends the order to review
        String orderId = api.placed(order("MUG-ECO-01", 1, "9.99"));
        api.awaitStatus(orderId, "UNDER_REVIEW");
        assertThat(tasks.createTaskQuery().processInstanceBusinessKey(orderId).count()).isEqualTo(1);

        // when
        ResponseEntity<String> cancellation = api.cancel(orderId, "changed my mind");

        // then
        assertThat(cancellation.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        Map<String, Object> cancelled = await().atMost(Duration.ofSeconds(30))
                .until(() -> api.get(orderId), order -> order.get("refund") != null);
        assertThat(cancelled).containsEntry("status", "CANCELLED")
                .containsEntry("cancellationReason", "CUSTOMER_REQUEST");
        assertThat(timeline(cancelled, "message"))
                .contains("Cancelled at your request. You get a full refund. Your note: changed my mind");
        assertThat(tasks.createTaskQuery().processInstanceBusinessKey(orderId).count()).isZero();
        assertThat(api.cancel(orderId, "again").getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    }

    @Test
    void staffCancellingInReviewIsOneInternalNoteWithWhoDecidedAndTheirCommentAndOnePlainCustomerEntry() {
        // given: a price that differs from the catalog sends the order to review
        String orderId = api.placed(order("MUG-ECO-01", 1, "9.99"));
        api.awaitStatus(orderId, "UNDER_REVIEW");
        Map<String, Object> inReview = api.getAsStaff(orderId);

        // then: the checks' findings and the review's opening are one internal note; the customer reads one line
        assertThat(notesFrom(inReview, "Automatic checks", "Discrepancy review opened")).singleElement()
                .satisfies(m -> assertThat(m).startsWith("Discrepancy review opened: Unit price differs from the"
                        + " catalog; automatic checks found: MUG-ECO-01: ordered at €9.99"));
        assertThat(timeline(inReview, "message")).last()
                .isEqualTo("We are checking a detail of your order before it goes to our warehouse.");

        // when: customer service cancels it
        String task = tasks.createTaskQuery().processInstanceBusinessKey(orderId).singleResult().getId();
        tasks.claim(task, "cs");
        tasks.complete(task, Map.of(Variables.REVIEW_DECISION, "CANCEL", Variables.REVIEW_COMMENT, "price typo"));

        // then: the decision is one internal note; the cancellation and the refund are the customer's entries
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get(orderId), order -> order.get("refund") != null);
        Map<String, Object> cancelled = api.getAsStaff(orderId);
        assertThat(notesFrom(cancelled, "Discrepancy review opened")).satisfiesExactly(
                opened -> assertThat(opened).startsWith("Discrepancy review opened: "),
                decided -> assertThat(decided).isEqualTo("'Review discrepancy' completed by cs: CANCEL (price typo)"),
                refunded -> assertThat(refunded).startsWith("Refund 9.99 EUR, payment provider reference "));
        assertThat(messagesFrom(cancelled, "We are checking")).containsExactly(
                "We are checking a detail of your order before it goes to our warehouse.",
                "Cancelled after our check of your order. You get a full refund.",
                "Refunded \u20ac9.99.");
    }

    @Test
    void warehouseLettingAShortOrderWaitIsOneInternalNoteWithWhoDecidedAndTheCustomerReadsWhy() {
        // given: the picker finds one unit too few
        String orderId = orderShortOnTheShelf("SHORT-WAIT");

        // when
        String task = tasks.createTaskQuery().processInstanceBusinessKey(orderId).singleResult().getId();
        tasks.claim(task, "warehouse");
        tasks.complete(task, Map.of(Variables.SHORTAGE_DECISION, "WAIT"));

        // then: the shortage is one entry (its task opening with it), the decision and the wait another
        api.awaitStatus(orderId, "AWAITING_RESTOCK");
        Map<String, Object> waiting = api.getAsStaff(orderId);
        assertThat(notesFrom(waiting, "Pick shortage")).satisfiesExactly(
                shortage -> assertThat(shortage).startsWith("Pick shortage: SHORT-WAIT: ")
                        .endsWith("; the warehouse decides: wait or refund"),
                decided -> assertThat(decided).isEqualTo("'Resolve pick shortage' completed by warehouse: WAIT"));
        assertThat(messagesFrom(waiting, "While picking")).satisfiesExactly(
                shortage -> assertThat(shortage).isEqualTo("While picking your order we found fewer Short on the"
                        + " shelf on our shelf than we expected. We will tell you shortly how your order goes on."),
                decided -> assertThat(decided).startsWith("Some items were missing on our shelf, so we wait for new"
                        + " stock.").doesNotContain("warehouse:", "WAIT", "SHORT-WAIT"));
    }

    @Test
    void warehouseRefundingAShortOrderIsOneInternalNoteWithWhoDecidedAndTheCustomerReadsWhy() {
        // given: the picker finds one unit too few
        String orderId = orderShortOnTheShelf("SHORT-REFUND");

        // when
        String task = tasks.createTaskQuery().processInstanceBusinessKey(orderId).singleResult().getId();
        tasks.claim(task, "warehouse");
        tasks.complete(task, Map.of(Variables.SHORTAGE_DECISION, "REFUND"));

        // then
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get(orderId), order -> order.get("refund") != null);
        Map<String, Object> cancelled = api.getAsStaff(orderId);
        assertThat(cancelled).containsEntry("cancellationReason", "OUT_OF_STOCK_REFUND");
        assertThat(notesFrom(cancelled, "Pick shortage")).satisfiesExactly(
                shortage -> assertThat(shortage).startsWith("Pick shortage: SHORT-REFUND: "),
                decided -> assertThat(decided).isEqualTo("'Resolve pick shortage' completed by warehouse: REFUND"),
                refunded -> assertThat(refunded).startsWith("Refund 5.00 EUR, payment provider reference "));
        assertThat(messagesFrom(cancelled, "While picking")).satisfiesExactly(
                shortage -> assertThat(shortage).startsWith("While picking your order we found fewer Short on the shelf"),
                decided -> assertThat(decided).isEqualTo("Cancelled: some items were missing on our shelf. You get"
                        + " a full refund."),
                refunded -> assertThat(refunded).isEqualTo("Refunded \u20ac5.00."));
    }

    @Test
    void shippedOrderCannotBeCancelled() {
        // given
        String orderId = api.placed(order("NOTEBOOK-A5", 1, "6.90"));
        api.awaitStatus(orderId, "SHIPPED");

        // when
        ResponseEntity<String> cancellation = api.cancel(orderId, "too late");

        // then
        assertThat(cancellation.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(api.get(orderId)).containsEntry("status", "SHIPPED");
    }

    @Test
    void twoHundredConcurrentOrdersForTenUnitsReserveExactlyTen() throws Exception {
        // given: a product with exactly 10 units
        jdbc.sql("""
                insert into product (sku, name, unit_price, weight_grams, length_mm, width_mm, height_mm, bin_location)
                values ('OVERSELL-1', 'Last ten', 5.00, 100, 100, 100, 50, 'Z-99-99')
                """).update();
        jdbc.sql("insert into stock (sku, on_hand, reserved) values ('OVERSELL-1', 10, 0)").update();

        // when: 200 customers order one each, all at once
        List<String> orderIds = new ArrayList<>();
        ExecutorService customers = Executors.newFixedThreadPool(20);
        try {
            List<Future<ResponseEntity<Map<String, Object>>>> answers = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                answers.add(customers.submit(() -> api.place(order("OVERSELL-1", 1, "5.00"))));
            }
            for (var answer : answers) {
                assertThat(answer.get().getStatusCode()).isEqualTo(HttpStatus.CREATED);
                orderIds.add((String) answer.get().getBody().get("orderId"));
            }
        } finally {
            customers.shutdown();
        }

        // then: every order got an answer on its stock, exactly ten of them got goods
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).until(() ->
                jdbc.sql("select count(*) from customer_order o join order_line l on l.order_id = o.id"
                        + " where l.sku = 'OVERSELL-1' and o.status in ('SHIPPED', 'AWAITING_STOCK_DECISION')")
                        .query(Integer.class).single() == 200);
        assertThat(countOrders("SHIPPED")).isEqualTo(10);
        assertThat(countOrders("AWAITING_STOCK_DECISION")).isEqualTo(190);
        assertThat(api.stock("OVERSELL-1")).containsEntry("onHand", 0).containsEntry("reserved", 0);
        assertThat(orderIds).doesNotHaveDuplicates().hasSize(200);
    }

    /** An order of one {@code sku} (a product made here, five on the books) waiting for the warehouse's decision. */
    private String orderShortOnTheShelf(String sku) {
        jdbc.sql("""
                insert into product (sku, name, unit_price, weight_grams, length_mm, width_mm, height_mm, bin_location)
                values (:sku, 'Short on the shelf', 5.00, 100, 100, 100, 50, 'Z-98-98')
                """).param("sku", sku).update();
        jdbc.sql("insert into stock (sku, on_hand, reserved) values (:sku, 5, 0)").param("sku", sku).update();
        String orderId = api.placed(order(sku, 1, "5.00"));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> tasks.createTaskQuery().processInstanceBusinessKey(orderId).count() == 1);
        return orderId;
    }

    /** The order's timeline messages from the first that starts with one of {@code prefixes} on. */
    private static List<String> messagesFrom(Map<String, Object> order, String... prefixes) {
        return from(timeline(order, "message"), prefixes);
    }

    /** The order's internal notes (read as staff) from the first that starts with one of {@code prefixes} on. */
    private static List<String> notesFrom(Map<String, Object> order, String... prefixes) {
        return from(internalNotes(order, "message"), prefixes);
    }

    private static List<String> from(List<String> messages, String... prefixes) {
        for (int i = 0; i < messages.size(); i++) {
            for (String prefix : prefixes) {
                if (messages.get(i).startsWith(prefix)) {
                    return messages.subList(i, messages.size());
                }
            }
        }
        return List.of();
    }

    private int countOrders(String status) {
        return jdbc.sql("select count(*) from customer_order o join order_line l on l.order_id = o.id"
                + " where l.sku = 'OVERSELL-1' and o.status = :status").param("status", status)
                .query(Integer.class).single();
    }
}
