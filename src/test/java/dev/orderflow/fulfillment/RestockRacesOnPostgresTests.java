package dev.orderflow.fulfillment;

import static dev.orderflow.support.OrderflowApi.order;
import static dev.orderflow.support.OrderflowApi.timeline;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import dev.orderflow.support.PostgresIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * Restocks, cancellations and the warehouse steps racing each other on PostgreSQL, many rounds: no request ever
 * fails with a 5xx, the goods are always booked, and the stock figures match the reservations afterwards. Orders
 * whose process an operator removed are reconciled, by a restock's wake-up and by the periodic check.
 */
// the tests run the periodic reconciliation themselves, at the moment they mean
@TestPropertySource(properties = "orderflow.reconciliation.interval=PT1H")
class RestockRacesOnPostgresTests extends PostgresIntegrationTest {

    static final int RESTOCK_ROUNDS = 30;
    static final int WAREHOUSE_ROUNDS = 48;
    static final int GIVE_BACK_ROUNDS = 12;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    RuntimeService runtime;

    @Autowired
    ManagementService management;

    @Autowired
    MeterRegistry registry;

    @Autowired
    OrphanedOrders orphans;

    @Autowired
    RestockWakeUps wakeUps;

    ExecutorService pool;

    @BeforeEach
    void startPool() {
        pool = Executors.newFixedThreadPool(8);
    }

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    @Test
    void cancellationRacingARestockNeverFailsAndTheStockAddsUp() throws Exception {
        // given: per round a product nobody has, and two orders waiting for it
        List<String> skus = new ArrayList<>();
        for (int round = 0; round < RESTOCK_ROUNDS; round++) {
            skus.add(newProduct("RACE-RS-" + round, 0));
        }
        List<String> orders = placeAll(skus.stream().flatMap(sku -> List.of(sku, sku).stream()).toList());
        waitAll(orders, "AWAITING_STOCK_DECISION");
        for (String orderId : orders) {
            assertThat(api.decideStock(orderId, "WAIT").getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        }
        waitAll(orders, "AWAITING_RESTOCK");

        // when: in every round the goods arrive while the older order's customer cancels
        List<Integer> answers = new ArrayList<>();
        for (int round = 0; round < RESTOCK_ROUNDS; round++) {
            String sku = skus.get(round);
            String older = orders.get(2 * round);
            CyclicBarrier start = new CyclicBarrier(2);
            var restock = CompletableFuture.supplyAsync(atOnce(start, () -> api.restock(sku, 2)), pool);
            var cancel = CompletableFuture.supplyAsync(atOnce(start, () -> api.cancel(older, "found it cheaper")), pool);
            assertThat(restock.get().getStatusCode()).as("restock, round %d", round).isEqualTo(HttpStatus.OK);
            assertThat(restock.get().getBody()).containsEntry("onHand", 2);
            answers.add(cancel.get().getStatusCode().value());
        }

        // then: no 5xx; an accepted cancellation ends cancelled, a refused one only when the restock had already
        // carried the order to the courier (a slow machine); the younger order of each round ships
        assertThat(answers).as("answers to the cancellations").containsAnyOf(202).isSubsetOf(202, 409);
        for (int round = 0; round < RESTOCK_ROUNDS; round++) {
            String older = orders.get(2 * round);
            api.awaitStatus(older, answers.get(round) == 202 ? "CANCELLED" : "SHIPPED");
            api.awaitStatus(orders.get(2 * round + 1), "SHIPPED");
            int shipped = answers.get(round) == 202 ? 1 : 2;
            String sku = skus.get(round);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(api.stock(sku))
                    .containsEntry("onHand", 2 - shipped).containsEntry("reserved", 0));
            assertStockAddsUp(sku);
        }
        assertNoIncidentsNorWakeUps(orders);
    }

    @Test
    void unitReleasedFromAnOrderCancelledDuringARestockGoesToTheNextWaitingOrder() throws Exception {
        // given: per round a product nobody has, and two orders waiting for it, the older first
        List<String> skus = new ArrayList<>();
        for (int round = 0; round < GIVE_BACK_ROUNDS; round++) {
            skus.add(newProduct("RACE-GB-" + round, 0));
        }
        List<String> placed = placeAll(skus.stream().flatMap(sku -> List.of(sku, sku).stream()).toList());
        waitAll(placed, "AWAITING_STOCK_DECISION");
        for (String orderId : placed) {
            assertThat(api.decideStock(orderId, "WAIT").getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        }
        waitAll(placed, "AWAITING_RESTOCK");
        List<String> orders = new ArrayList<>();
        for (String sku : skus) {
            orders.addAll(jdbc.sql("select order_id from stock_wait where sku = :sku order by waiting_since, order_id")
                    .param("sku", sku).query(String.class).list());
        }
        assertThat(orders).hasSize(2 * GIVE_BACK_ROUNDS);

        // when: in every round one unit arrives while the older order's customer cancels
        List<Integer> answers = new ArrayList<>();
        for (int round = 0; round < GIVE_BACK_ROUNDS; round++) {
            String sku = skus.get(round);
            String older = orders.get(2 * round);
            CyclicBarrier start = new CyclicBarrier(2);
            var restock = CompletableFuture.supplyAsync(atOnce(start, () -> api.restock(sku, 1)), pool);
            var cancel = CompletableFuture.supplyAsync(atOnce(start, () -> api.cancel(older, "found it cheaper")), pool);
            assertThat(restock.get().getStatusCode()).as("restock, round %d", round).isEqualTo(HttpStatus.OK);
            answers.add(cancel.get().getStatusCode().value());
        }

        // then: the unit always goes to an order: the older one unless it was cancelled, else the younger one
        for (int round = 0; round < GIVE_BACK_ROUNDS; round++) {
            String older = orders.get(2 * round);
            String younger = orders.get(2 * round + 1);
            if (answers.get(round) == 202) {
                api.awaitStatus(older, "CANCELLED");
                api.awaitStatus(younger, "SHIPPED");
            } else {
                api.awaitStatus(older, "SHIPPED");
            }
            String sku = skus.get(round);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(api.stock(sku))
                    .as(sku).containsEntry("onHand", 0).containsEntry("reserved", 0));
            assertStockAddsUp(sku);
        }
        assertThat(answers).as("answers to the cancellations").isSubsetOf(202, 409);
        assertNoIncidentsNorWakeUps(orders);
    }

    @Test
    void cancellingAnOrderHoldingStockServesTheOrderWaitingForIt() {
        // given: the only unit is reserved for one order (as a restock leaves it just before its wake-up), and
        // another order waits for that product
        String sku = newProduct("RACE-HELD", 0);
        String holding = waitingForRestock(sku);
        String waiting = waitingForRestock(sku);
        UUID holdingId = UUID.fromString(holding);
        jdbc.sql("delete from stock_wait where order_id = :id").param("id", holdingId).update();
        jdbc.sql("update stock set on_hand = 1, reserved = 1 where sku = :sku").param("sku", sku).update();
        jdbc.sql("insert into stock_reservation (order_id, sku, quantity, state, created_at)"
                + " values (:id, :sku, 1, 'RESERVED', current_timestamp)").param("id", holdingId).param("sku", sku)
                .update();

        // when
        assertThat(api.cancel(holding, "changed my mind").getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);

        // then: the unit given back goes to the waiting order, which ships
        api.awaitStatus(holding, "CANCELLED");
        api.awaitStatus(waiting, "SHIPPED");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(api.stock(sku))
                .containsEntry("onHand", 0).containsEntry("reserved", 0));
        assertStockAddsUp(sku);
        assertNoIncidentsNorWakeUps(List.of(holding, waiting));
    }

    @Test
    void cancellationRacingTheWarehouseStepsNeverFailsAndTheStockAddsUp() throws Exception {
        // given
        String sku = newProduct("RACE-WH", 1000);

        // when: each order is cancelled at a random moment of its way through reservation, picking and packing,
        // or (every other round) of its last steps, label and handover, where the stock leaves the warehouse
        List<CompletableFuture<String[]>> rounds = new ArrayList<>();
        for (int round = 0; round < WAREHOUSE_ROUNDS; round++) {
            boolean nearHandover = round % 2 == 1;
            rounds.add(CompletableFuture.supplyAsync(() -> {
                String orderId = api.placed(order(sku, 1, "5.00"));
                if (nearHandover) {
                    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(2))
                            .until(() -> statusOf(orderId), status -> List.of("PACKED", "SHIPPED").contains(status));
                    sleep(ThreadLocalRandom.current().nextInt(60));
                } else {
                    sleep(ThreadLocalRandom.current().nextInt(600));
                }
                return new String[] {orderId, String.valueOf(api.cancel(orderId, "changed my mind").getStatusCode().value())};
            }, pool));
        }

        // then: each answer is 202 (cancelled) or 409 (handed to the courier already), never 5xx
        List<String> orders = new ArrayList<>();
        for (var round : rounds) {
            String[] outcome = round.get();
            orders.add(outcome[0]);
            assertThat(outcome[1]).isIn("202", "409");
            api.awaitStatus(outcome[0], outcome[1].equals("202") ? "CANCELLED" : "SHIPPED");
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertStockAddsUp(sku));
        long shipped = orders.stream().filter(id -> "SHIPPED".equals(api.get(id).get("status"))).count();
        assertThat(api.stock(sku)).containsEntry("onHand", (int) (1000 - shipped)).containsEntry("reserved", 0);
        assertNoIncidentsNorWakeUps(orders);
    }

    @Test
    void restockBooksTheGoodsWhenOneWaitingOrderWasCancelledAndAnotherLostItsProcess() {
        // given: three orders waiting, oldest first
        String sku = newProduct("RACE-MIX", 0);
        List<String> orders = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            orders.add(waitingForRestock(sku));
        }
        String cancelledMeanwhile = orders.get(0);
        String processDeleted = orders.get(1);
        String plain = orders.get(2);
        // the first was cancelled while the restock ran: still queued when the goods are booked
        OffsetDateTimeRow waitRow = waitRow(cancelledMeanwhile);
        assertThat(api.cancel(cancelledMeanwhile, "too slow").getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        api.awaitStatus(cancelledMeanwhile, "CANCELLED");
        jdbc.sql("insert into stock_wait (order_id, sku, quantity, waiting_since) values (:id, :sku, 1, :since)")
                .param("id", UUID.fromString(cancelledMeanwhile)).param("sku", sku).param("since", waitRow.since())
                .update();
        // the second's process was deleted by an operator in Cockpit
        runtime.deleteProcessInstance(instanceOf(processDeleted), "removed by an operator");
        double reconciledBefore = reconciled("wake_up");

        // when
        ResponseEntity<Map<String, Object>> restocked = api.restock(sku, 3);

        // then: the goods are booked, the plain order ships, the others got nothing to keep
        assertThat(restocked.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(restocked.getBody()).containsEntry("onHand", 3);
        api.awaitStatus(plain, "SHIPPED");
        assertThat(api.get(cancelledMeanwhile)).containsEntry("status", "CANCELLED")
                .containsEntry("cancellationReason", "CUSTOMER_REQUEST");
        Map<String, Object> reconciled = await().atMost(Duration.ofSeconds(30))
                .until(() -> api.get(processDeleted), order -> order.get("refund") != null);
        assertThat(reconciled).containsEntry("status", "CANCELLED").containsEntry("cancellationReason", "STOPPED_BY_STAFF");
        assertThat(timeline(reconciled, "message")).contains("Cancelled by our staff. You get a full refund.");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(api.notifications(processDeleted))
                .extracting(n -> n.get("type")).contains("CANCELLED"));
        assertThat(reconciled("wake_up")).isEqualTo(reconciledBefore + 1);
        assertThat(api.stock(sku)).containsEntry("onHand", 2).containsEntry("reserved", 0);
        assertStockAddsUp(sku);
        assertNoIncidentsNorWakeUps(orders);
    }

    @Test
    void periodicReconciliationCancelsOpenOrdersWhoseProcessWasDeleted() {
        // given: one order waiting for a restock, one in discrepancy review; both lose their process
        String sku = newProduct("RACE-ORPHAN", 0);
        String waiting = waitingForRestock(sku);
        String inReview = api.placed(order("MUG-ECO-01", 1, "9.99"));
        api.awaitStatus(inReview, "UNDER_REVIEW");
        runtime.deleteProcessInstance(instanceOf(waiting), "removed by an operator");
        runtime.deleteProcessInstance(instanceOf(inReview), "removed by an operator");
        double reconciledBefore = reconciled("reconciliation");

        // when
        int reconciled = orphans.reconcileOrdersWithoutProcess();

        // then: both cancelled and refunded, the wait ended, nothing else touched
        assertThat(reconciled).isEqualTo(2);
        assertThat(reconciled("reconciliation")).isEqualTo(reconciledBefore + 2);
        for (String orderId : List.of(waiting, inReview)) {
            Map<String, Object> order = await().atMost(Duration.ofSeconds(30))
                    .until(() -> api.get(orderId), found -> found.get("refund") != null);
            assertThat(order).containsEntry("status", "CANCELLED").containsEntry("cancellationReason", "STOPPED_BY_STAFF");
        }
        assertThat(jdbc.sql("select count(*) from stock_wait where order_id = :id").param("id", UUID.fromString(waiting))
                .query(Integer.class).single()).isZero();
        assertThat(orphans.reconcileOrdersWithoutProcess()).isZero();
    }

    @Test
    void cancellingAnOrderWhoseProcessWasDeletedCancelsIt() {
        // given
        String sku = newProduct("RACE-CANCEL-ORPHAN", 0);
        String orderId = waitingForRestock(sku);
        runtime.deleteProcessInstance(instanceOf(orderId), "removed by an operator");

        // when
        ResponseEntity<String> cancellation = api.cancel(orderId, "changed my mind");

        // then
        assertThat(cancellation.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        Map<String, Object> order = await().atMost(Duration.ofSeconds(30))
                .until(() -> api.get(orderId), found -> found.get("refund") != null);
        assertThat(order).containsEntry("status", "CANCELLED").containsEntry("cancellationReason", "CUSTOMER_REQUEST");
        assertThat(timeline(order, "message")).contains("Cancelled at your request. You get a full refund. Your note: changed my mind");
    }

    @Test
    void choosingARefundForAnOrderWhoseProcessWasDeletedRefundsIt() {
        // given
        String orderId = api.placed(order(newProduct("RACE-DECIDE-ORPHAN", 0), 1, "5.00"));
        api.awaitStatus(orderId, "AWAITING_STOCK_DECISION");
        runtime.deleteProcessInstance(instanceOf(orderId), "removed by an operator");

        // when
        ResponseEntity<String> decided = api.decideStock(orderId, "REFUND");

        // then
        assertThat(decided.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        Map<String, Object> order = await().atMost(Duration.ofSeconds(30))
                .until(() -> api.get(orderId), found -> found.get("refund") != null);
        assertThat(order).containsEntry("status", "CANCELLED").containsEntry("cancellationReason", "OUT_OF_STOCK_REFUND")
                .containsEntry("pendingAction", null);
    }

    @Test
    void aWakeUpCutShortByACrashIsDeliveredByTheRetry() {
        // given: a restock booked the goods for a waiting order, and the node died before waking it
        String sku = newProduct("RACE-CRASH", 0);
        String orderId = waitingForRestock(sku);
        UUID id = UUID.fromString(orderId);
        jdbc.sql("delete from stock_wait where order_id = :id").param("id", id).update();
        jdbc.sql("update stock set on_hand = 1, reserved = 1 where sku = :sku").param("sku", sku).update();
        jdbc.sql("insert into stock_reservation (order_id, sku, quantity, state, created_at)"
                + " values (:id, :sku, 1, 'RESERVED', current_timestamp)").param("id", id).param("sku", sku).update();
        jdbc.sql("insert into stock_wakeup (order_id, sku, reserved_at, attempts, next_attempt_at)"
                + " values (:id, :sku, current_timestamp, 0, current_timestamp - interval '1' second)")
                .param("id", id).param("sku", sku).update();

        // when
        wakeUps.wakeDue();

        // then
        api.awaitStatus(orderId, "SHIPPED");
        assertThat(api.stock(sku)).containsEntry("onHand", 0).containsEntry("reserved", 0);
        assertNoIncidentsNorWakeUps(List.of(orderId));
    }

    private record OffsetDateTimeRow(java.time.OffsetDateTime since) {
    }

    private OffsetDateTimeRow waitRow(String orderId) {
        return jdbc.sql("select waiting_since from stock_wait where order_id = :id")
                .param("id", UUID.fromString(orderId))
                .query((rs, n) -> new OffsetDateTimeRow(rs.getObject(1, java.time.OffsetDateTime.class))).single();
    }

    private String statusOf(String orderId) {
        return jdbc.sql("select status from customer_order where id = :id").param("id", UUID.fromString(orderId))
                .query(String.class).single();
    }

    private String waitingForRestock(String sku) {
        String orderId = api.placed(order(sku, 1, "5.00"));
        api.awaitStatus(orderId, "AWAITING_STOCK_DECISION");
        assertThat(api.decideStock(orderId, "WAIT").getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        api.awaitStatus(orderId, "AWAITING_RESTOCK");
        return orderId;
    }

    private String newProduct(String sku, int onHand) {
        jdbc.sql("""
                insert into product (sku, name, unit_price, weight_grams, length_mm, width_mm, height_mm, bin_location)
                values (:sku, :sku, 5.00, 100, 100, 100, 50, 'Z-01-01')
                """).param("sku", sku).update();
        jdbc.sql("insert into stock (sku, on_hand, reserved) values (:sku, :onHand, 0)")
                .param("sku", sku).param("onHand", onHand).update();
        return sku;
    }

    private List<String> placeAll(List<String> skus) throws Exception {
        List<CompletableFuture<String>> placed = skus.stream()
                .map(sku -> CompletableFuture.supplyAsync(() -> api.placed(order(sku, 1, "5.00")), pool)).toList();
        List<String> ids = new ArrayList<>();
        for (var orderId : placed) {
            ids.add(orderId.get());
        }
        return ids;
    }

    private void waitAll(List<String> orderIds, String status) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(() ->
                jdbc.sql("select count(*) from customer_order where id in (:ids) and status = :status")
                        .param("ids", orderIds.stream().map(UUID::fromString).toList()).param("status", status)
                        .query(Integer.class).single() == orderIds.size());
    }

    /** Stock figures match the reservations: reserved is what RESERVED rows hold, on hand lost what shipped. */
    private void assertStockAddsUp(String sku) {
        Map<String, Object> figures = jdbc.sql("""
                select s.on_hand, s.reserved,
                       (select coalesce(sum(quantity), 0) from stock_reservation r where r.sku = s.sku and r.state = 'RESERVED') held,
                       (select coalesce(sum(quantity), 0) from stock_reservation r where r.sku = s.sku and r.state = 'SHIPPED') shipped
                  from stock s where s.sku = :sku
                """).param("sku", sku).query().singleRow();
        assertThat(((Number) figures.get("reserved")).intValue()).as("reserved of %s", sku)
                .isEqualTo(((Number) figures.get("held")).intValue());
        assertThat(((Number) figures.get("on_hand")).intValue() + ((Number) figures.get("shipped")).intValue())
                .as("on hand and shipped of %s", sku).isEqualTo(receivedOf(sku));
    }

    private int receivedOf(String sku) {
        return switch (sku) {
            case "RACE-WH" -> 1000;
            case "RACE-MIX" -> 3;
            default -> sku.startsWith("RACE-RS-") ? 2 : 1;
        };
    }

    private void assertNoIncidentsNorWakeUps(List<String> orderIds) {
        for (String orderId : orderIds) {
            for (var instance : runtime.createProcessInstanceQuery().processInstanceBusinessKey(orderId).list()) {
                assertThat(runtime.createIncidentQuery().processInstanceId(instance.getId()).count())
                        .as("incidents of %s", orderId).isZero();
            }
        }
        assertThat(jdbc.sql("select count(*) from stock_wakeup where order_id in (:ids)")
                .param("ids", orderIds.stream().map(UUID::fromString).toList()).query(Integer.class).single()).isZero();
    }

    private String instanceOf(String orderId) {
        return runtime.createProcessInstanceQuery().processInstanceBusinessKey(orderId).singleResult().getId();
    }

    private double reconciled(String foundBy) {
        return registry.get("orderflow.orders.reconciled").tag("found_by", foundBy).counter().count();
    }

    private static <T> Supplier<T> atOnce(CyclicBarrier start, Supplier<T> request) {
        return () -> {
            try {
                start.await();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return request.get();
        };
    }

    /**
     * A random pause that places a cancellation at a random moment of an order's way: the point of the race, not a
     * wait for something to happen (those use Awaitility).
     */
    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
