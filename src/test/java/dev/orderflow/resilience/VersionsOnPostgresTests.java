package dev.orderflow.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orderflow.fulfillment.OrderFulfillmentProcess.Elements;
import dev.orderflow.fulfillment.OrderFulfillmentProcess.Variables;
import dev.orderflow.support.ChangedDiagram;
import dev.orderflow.support.EmbeddedPostgresDatabase;
import dev.orderflow.support.OrderflowApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.web.client.RestTemplateBuilder;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The "done when" on PostgreSQL with two nodes: orders parked at each wait state of the running version
 * (review, stock decision, restock wait, pick shortage, awaiting delivery, delivery investigation, a failing
 * courier handoff) move to a changed diagram deployed from the Modeler side to node 2, which dies right after;
 * node 1 finishes the move, and each order reaches its proper end on the new version.
 */
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock("resilience-nodes")
class VersionsOnPostgresTests {

    private static final Path LOGS = Path.of("target", "resilience");
    private static final String WEBHOOK_SECRET = "resilience-webhook";
    private static final String ADMIN_PASSWORD = "resilience-admin";
    private static final String SHORT_SKU = "SHORT-VERSIONS-1";
    private static final Duration A_WHILE = Duration.ofSeconds(90);
    private static final Map<String, String> NODE = Map.of(
            // a dead node's jobs are taken over after 10 s; every node looks for orders to move every 5 s
            "camunda.bpm.job-execution.lock-time-in-millis", "10000",
            "orderflow.notifications.claim-timeout", "PT10S",
            "orderflow.process.migration-interval", "PT5S",
            "orderflow.simulation.pick-shortage-skus", SHORT_SKU,
            // a failed courier booking waits for its next attempt longer than this test runs
            "orderflow.retry-cycle", "R3/PT10M");

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void ordersParkedAtEveryKindOfWaitMoveToADiagramDeployedOnTheOtherNodeAndEachReachesItsEnd() throws Exception {
        Files.createDirectories(LOGS);
        String url = EmbeddedPostgresDatabase.jdbcUrl("versions_test");
        JdbcClient db = jdbc(url);
        Map<String, String> first = new java.util.HashMap<>(NODE);
        first.put("orderflow.simulation.courier-failures", "1");
        try (AppNode one = new AppNode("versions-a", url, LOGS, first);
                AppNode two = new AppNode("versions-b", url, LOGS, NODE)) {
            one.start();
            OrderflowApi api = api(one);
            TestRestTemplate admin = rest(one).withBasicAuth("admin", ADMIN_PASSWORD);
            shortProduct(db);

            // given: the first booking with the courier fails: that order waits for its next attempt
            String handoff = api.placed(OrderflowApi.order("CANDLE-SOY", 1, "11.00"));
            await().atMost(A_WHILE).until(() -> db.sql("""
                    select count(*) from act_ru_job j join act_ru_execution e on e.id_ = j.process_instance_id_
                     where e.business_key_ = :order and j.exception_msg_ is not null""")
                    .param("order", handoff).query(Integer.class).single() == 1);
            two.start();
            // and orders at the review, the stock decision, the restock wait, a pick shortage, on their way, and
            // in a delivery investigation
            String review = api.placed(OrderflowApi.order("MUG-ECO-01", 1, "9.99"));
            String decision = api.placed(OrderflowApi.order("TSHIRT-ORG-L", 1, "24.00"));
            String restock = api.placed(OrderflowApi.order("TSHIRT-ORG-L", 1, "24.00"));
            String shortage = api.placed(OrderflowApi.order(SHORT_SKU, 1, "5.00"));
            String delivery = api.placed(OrderflowApi.order("CANDLE-SOY", 1, "11.00"));
            String investigation = api.placed(OrderflowApi.order("CANDLE-SOY", 1, "11.00"));
            api.awaitStatus(review, "UNDER_REVIEW");
            api.awaitStatus(decision, "AWAITING_STOCK_DECISION");
            api.awaitStatus(restock, "AWAITING_STOCK_DECISION");
            assertThat(api.decideStock(restock, "WAIT").getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
            api.awaitStatus(restock, "AWAITING_RESTOCK");
            api.awaitStatus(delivery, "SHIPPED");
            api.awaitStatus(investigation, "SHIPPED");
            dueNow(db, investigation, Elements.TIMER_DELIVERY_OVERDUE);
            String shortageTask = awaitTask(admin, shortage);
            String reviewTask = awaitTask(admin, review);
            String investigationTask = awaitTask(admin, investigation);
            List<String> orders = List.of(handoff, review, decision, restock, shortage, delivery, investigation);
            for (String order : orders) {
                await().atMost(A_WHILE).until(() -> !timers(db, order).isEmpty() || List.of(handoff, review, shortage,
                        investigation).contains(order));
            }
            int oldVersion = version(db, review);
            Map<String, List<Instant>> timersBefore = new LinkedHashMap<>();
            orders.forEach(order -> timersBefore.put(order, timers(db, order)));

            // when: a changed diagram is deployed from the Modeler to node 2, which dies right after
            ChangedDiagram.Answer deployed = ChangedDiagram.ofCurrent()
                    .renamed(Elements.USER_TASK_REVIEW_DISCREPANCY, "Review discrepancy (changed)")
                    .deployFromModeler(two.baseUrl() + "/engine-rest", "admin", ADMIN_PASSWORD);
            assertThat(deployed.status()).as(deployed.body()).isEqualTo(200);
            two.kill();

            // then: every order moves to the new version, timers due as before
            int newVersion = db.sql("select max(version_) from act_re_procdef where key_ = 'OrderFulfillmentProcess'")
                    .query(Integer.class).single();
            assertThat(newVersion).isGreaterThan(oldVersion);
            for (String order : orders) {
                await().atMost(A_WHILE).alias("order " + order + " on the new version")
                        .until(() -> version(db, order) == newVersion);
            }
            orders.forEach(order -> assertThat(timers(db, order)).as("timers of " + order)
                    .isEqualTo(timersBefore.get(order)));
            List<Map<String, Object>> items = versions(api);
            assertThat(items.get(0)).containsEntry("version", newVersion).containsEntry("ordersInFlight", 7);
            assertThat(items).hasSize(1);

            // and each reaches its proper end
            dueNow(db, handoff, Elements.TASK_HAND_OVER_TO_COURIER);
            complete(admin, reviewTask, Variables.REVIEW_DECISION, "APPROVE");
            assertThat(api.decideStock(decision, "REFUND").getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
            new Storefront().restock(one, "TSHIRT-ORG-L", 1);
            complete(admin, shortageTask, Variables.SHORTAGE_DECISION, "REFUND");
            complete(admin, investigationTask, Variables.INVESTIGATION_OUTCOME, "DELIVERED");
            for (String order : List.of(handoff, review, restock, delivery)) {
                deliver(api, order);
            }
            api.awaitStatus(decision, "CANCELLED");
            api.awaitStatus(shortage, "CANCELLED");
            api.awaitStatus(investigation, "DELIVERED");
            for (String order : orders) {
                await().atMost(A_WHILE).alias("process of " + order + " ended").until(() -> db.sql(
                        "select count(*) from act_ru_execution where business_key_ = :order")
                        .param("order", order).query(Integer.class).single() == 0);
            }
            assertThat(db.sql("select count(*) from act_ru_incident").query(Integer.class).single()).isZero();
        }
    }

    private static void deliver(OrderflowApi api, String orderId) {
        Map<String, Object> shipped = api.awaitStatus(orderId, "SHIPPED");
        assertThat(api.courierEvent((String) shipped.get("trackingNumber"), OrderflowApi.courierEventBody(
                "evt-" + orderId, "DELIVERED", Instant.now().toString())).getStatusCode())
                .isEqualTo(HttpStatus.ACCEPTED);
        api.awaitStatus(orderId, "DELIVERED");
    }

    private static int version(JdbcClient db, String orderId) {
        return db.sql("""
                select d.version_ from act_ru_execution e join act_re_procdef d on d.id_ = e.proc_def_id_
                 where e.business_key_ = :order and e.id_ = e.proc_inst_id_""")
                .param("order", orderId).query(Integer.class).single();
    }

    private static List<Instant> timers(JdbcClient db, String orderId) {
        return db.sql("""
                select j.duedate_ from act_ru_job j join act_ru_execution e on e.id_ = j.process_instance_id_
                 where e.business_key_ = :order and j.type_ = 'timer' order by j.duedate_""")
                .param("order", orderId).query(java.sql.Timestamp.class).list().stream()
                .map(java.sql.Timestamp::toInstant).toList();
    }

    private String awaitTask(TestRestTemplate admin, String orderId) {
        return await().atMost(A_WHILE).until(() -> json.readTree(admin.getForObject(
                "/engine-rest/task?processInstanceBusinessKey=" + orderId, String.class)), tasks -> tasks.size() == 1)
                .get(0).get("id").asText();
    }

    /**
     * Makes the order's job at {@code activityId} due now, as if its time had come (Camunda users may not fire an
     * order's jobs through the REST API here): the job executor runs it within a few seconds.
     */
    private static void dueNow(JdbcClient db, String orderId, String activityId) {
        await().atMost(A_WHILE).until(() -> db.sql("""
                update act_ru_job set duedate_ = :now
                 where process_instance_id_ = (select id_ from act_ru_execution
                                                where business_key_ = :order and id_ = proc_inst_id_)
                   and job_def_id_ in (select id_ from act_ru_jobdef where act_id_ = :activity)""")
                .param("now", java.sql.Timestamp.from(Instant.now().minusSeconds(1))).param("order", orderId)
                .param("activity", activityId).update() == 1);
    }

    private static void complete(TestRestTemplate admin, String taskId, String variable, String value) {
        var answer = admin.postForEntity("/engine-rest/task/" + taskId + "/complete", OrderflowApi.json("""
                {"variables": {"%s": {"value": "%s"}}}""".formatted(variable, value)), String.class);
        assertThat(answer.getStatusCode().is2xxSuccessful()).as(answer.getBody()).isTrue();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> versions(OrderflowApi api) {
        var answer = api.staff().exchange("/api/process/versions", org.springframework.http.HttpMethod.GET, null,
                OrderflowApi.JSON_OBJECT);
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        return (List<Map<String, Object>>) answer.getBody().get("items");
    }

    private static TestRestTemplate rest(AppNode node) {
        return new TestRestTemplate(new RestTemplateBuilder().rootUri(node.baseUrl()));
    }

    private static OrderflowApi api(AppNode node) {
        return new OrderflowApi(rest(node), AppNode.STOREFRONT_PASSWORD, AppNode.STAFF_PASSWORD, WEBHOOK_SECRET);
    }

    private static void shortProduct(JdbcClient db) {
        db.sql("""
                insert into product (sku, name, unit_price, weight_grams, length_mm, width_mm, height_mm, bin_location)
                values (:sku, 'Short candle', 5.00, 100, 100, 100, 50, 'Z-97-97')""").param("sku", SHORT_SKU).update();
        db.sql("insert into stock (sku, on_hand, reserved) values (:sku, 5, 0)").param("sku", SHORT_SKU).update();
    }

    private static JdbcClient jdbc(String url) {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setUrl(url);
        source.setUser("postgres");
        source.setPassword("postgres");
        return JdbcClient.create(source);
    }
}
