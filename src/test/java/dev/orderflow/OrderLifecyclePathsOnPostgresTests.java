package dev.orderflow;

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

import dev.orderflow.support.PostgresIntegrationTest;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The lifecycle's other paths through the REST API, the real engine and job executor, on PostgreSQL.
 */
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
                .contains("Cancelled at the customer's request: changed my mind");
        assertThat(tasks.createTaskQuery().processInstanceBusinessKey(orderId).count()).isZero();
        assertThat(api.cancel(orderId, "again").getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
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

    private int countOrders(String status) {
        return jdbc.sql("select count(*) from customer_order o join order_line l on l.order_id = o.id"
                + " where l.sku = 'OVERSELL-1' and o.status = :status").param("status", status)
                .query(Integer.class).single();
    }
}
