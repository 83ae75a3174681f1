package dev.orderflow.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.orderflow.support.EmbeddedPostgresDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Orderflow as separate processes on one PostgreSQL, killed with SIGKILL in the middle of the work. Every
 * accepted order must reach SHIPPED exactly once, with one confirmation mail, one courier booking and stock that
 * adds up. CI runs a short form; the full runs (500 orders through a crash, 1000 over two nodes) are
 * {@code ./mvnw test -Dtest=ResilienceOnPostgresTests -Dresilience.crashOrders=500 -Dresilience.twoNodeOrders=1000}.
 */
// alongside the other test classes (its nodes are processes of their own); its own tests one after the other
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock("resilience-nodes")
class ResilienceOnPostgresTests {

    private static final int CRASH_ORDERS = Integer.getInteger("resilience.crashOrders", 100);
    private static final int TWO_NODE_ORDERS = Integer.getInteger("resilience.twoNodeOrders", 150);
    private static final int OUTAGE_ORDERS = Integer.getInteger("resilience.outageOrders", 100);
    private static final Path LOGS = Path.of("target", "resilience");
    /** A dead node's jobs and mail claims are taken over after 10 s here, not the production 5 minutes. */
    private static final Map<String, String> SHORT_LOCKS = Map.of(
            "camunda.bpm.job-execution.lock-time-in-millis", "10000",
            "orderflow.notifications.claim-timeout", "PT10S");

    @Test
    void ordersAcceptedBeforeACrashAllShipOnceAfterTheRestart() throws Exception {
        Files.createDirectories(LOGS);
        String url = EmbeddedPostgresDatabase.jdbcUrl("crash_test");
        JdbcClient db = jdbc(url);
        try (AppNode node = new AppNode("crash-node", url, LOGS, SHORT_LOCKS)) {
            node.start();
            Map<String, Integer> initial = prepareStock(node, db);

            // when: orders pour in and the node is killed halfway through
            Set<String> accepted = ConcurrentHashMap.newKeySet();
            ExecutorService storefronts = Executors.newFixedThreadPool(8);
            List<Future<String>> placing = new ArrayList<>();
            for (int n = 0; n < CRASH_ORDERS; n++) {
                int order = n;
                placing.add(storefronts.submit(() -> new Storefront().place(order, List.of(node))));
            }
            await().atMost(Duration.ofMinutes(2)).until(() -> countOurOrders(db) >= CRASH_ORDERS / 2);
            node.kill();
            node.start();
            for (Future<String> order : placing) {
                accepted.add(order.get());
            }
            storefronts.shutdown();

            // then
            assertEveryOrderShippedOnce(db, accepted, initial, List.of(node), 1);
        }
    }

    @Test
    void twoNodesShareTheWorkAndOneFinishesWhatTheOtherLeftWhenItDies() throws Exception {
        Files.createDirectories(LOGS);
        String url = EmbeddedPostgresDatabase.jdbcUrl("two_node_test");
        JdbcClient db = jdbc(url);
        try (AppNode first = new AppNode("node-a", url, LOGS, SHORT_LOCKS);
                AppNode second = new AppNode("node-b", url, LOGS, SHORT_LOCKS)) {
            first.start();
            Map<String, Integer> initial = prepareStock(first, db);
            second.start();

            // when: both take orders; the second dies after a third of them, once it has handed parcels over too
            Set<String> accepted = ConcurrentHashMap.newKeySet();
            ExecutorService storefronts = Executors.newFixedThreadPool(8);
            List<Future<String>> placing = new ArrayList<>();
            for (int n = 0; n < TWO_NODE_ORDERS; n++) {
                int order = n;
                placing.add(storefronts.submit(() -> new Storefront().place(order, List.of(first, second))));
            }
            await().atMost(Duration.ofMinutes(2)).until(() -> countOurOrders(db) >= TWO_NODE_ORDERS / 3
                    && second.countInLog("pickup booked") > 0);
            second.kill();
            for (Future<String> order : placing) {
                accepted.add(order.get());
            }
            storefronts.shutdown();

            // then: everything ships, handed over once; both nodes did work
            assertEveryOrderShippedOnce(db, accepted, initial, List.of(first, second), 1);
            assertThat(first.countInLog("pickup booked")).as("bookings by node a").isPositive();
            assertThat(second.countInLog("pickup booked")).as("bookings by node b before it died").isPositive();
        }
    }

    @Test
    void aFifteenSecondDatabaseOutageLosesNothingAndTheServiceRecoversByItself() throws Exception {
        Files.createDirectories(LOGS);
        String direct = EmbeddedPostgresDatabase.jdbcUrl("outage_test");
        JdbcClient db = jdbc(direct);
        java.net.URI target = java.net.URI.create(direct.substring("jdbc:".length()));
        try (CuttableProxy proxy = new CuttableProxy(target.getHost(), target.getPort());
                AppNode node = new AppNode("outage-node",
                        direct.replace(":" + target.getPort() + "/", ":" + proxy.port() + "/"), LOGS, Map.of(
                                "orderflow.retry-cycle", "R10/PT3S",
                                "camunda.bpm.job-execution.lock-time-in-millis", "10000",
                                "orderflow.notifications.claim-timeout", "PT10S"))) {
            node.start();
            Map<String, Integer> initial = prepareStock(node, db);

            // when: orders keep coming while the database is away for 15 seconds
            Set<String> accepted = ConcurrentHashMap.newKeySet();
            ExecutorService storefronts = Executors.newFixedThreadPool(4);
            List<Future<String>> placing = new ArrayList<>();
            for (int n = 0; n < OUTAGE_ORDERS; n++) {
                int order = n;
                placing.add(storefronts.submit(() -> new Storefront().place(order, List.of(node))));
            }
            await().atMost(Duration.ofMinutes(2)).until(() -> countOurOrders(db) >= OUTAGE_ORDERS / 3);
            proxy.cut();
            long outageStarted = System.nanoTime();
            int unavailable = new Storefront().statusOf(node, OUTAGE_ORDERS + 1);
            await().atMost(Duration.ofSeconds(20)).until(() -> System.nanoTime() - outageStarted
                    >= Duration.ofSeconds(15).toNanos());
            proxy.restore();
            for (Future<String> order : placing) {
                accepted.add(order.get());
            }
            storefronts.shutdown();

            // then: the API said 503 meanwhile, and everything accepted ships
            assertThat(unavailable).as("answer during the outage").isEqualTo(503);
            assertEveryOrderShippedOnce(db, accepted, initial, List.of(node), 0);
        }
    }

    private Map<String, Integer> prepareStock(AppNode node, JdbcClient db) throws Exception {
        Storefront staff = new Storefront();
        Map<String, Integer> initial = new HashMap<>();
        for (String[] product : Storefront.PRODUCTS) {
            staff.restock(node, product[0], 2000);
            initial.put(product[0], db.sql("select on_hand from stock where sku = :sku").param("sku", product[0])
                    .query(Integer.class).single());
        }
        return initial;
    }

    /**
     * Every accepted order shipped, once; its confirmation mailed once, except a mail that a killed relay was
     * sending at that moment: that one is reported, never sent twice ({@code kills} at most).
     */
    private void assertEveryOrderShippedOnce(JdbcClient db, Set<String> accepted, Map<String, Integer> initial,
            List<AppNode> nodes, int kills) throws Exception {
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1)).until(() ->
                db.sql("select count(*) from customer_order where external_reference like 'RES-%' and status = 'SHIPPED'")
                        .query(Integer.class).single() == accepted.size());
        await().atMost(Duration.ofMinutes(1)).until(() -> db.sql("""
                select count(*) from notification_outbox o join customer_order c on c.id = o.order_id
                 where c.external_reference like 'RES-%' and o.state in ('PENDING', 'SENDING')""")
                .query(Integer.class).single() == 0);

        int orders = countOurOrders(db);
        int shipments = db.sql("""
                select count(*) from shipment s join customer_order c on c.id = s.order_id
                 where c.external_reference like 'RES-%' and s.pickup_reference is not null""").query(Integer.class).single();
        int confirmations = db.sql("""
                select count(*) from notification_outbox o join customer_order c on c.id = o.order_id
                 where c.external_reference like 'RES-%' and o.type = 'ORDER_CONFIRMED' and o.state = 'SENT'""")
                .query(Integer.class).single();
        long bookingCalls = 0;
        for (AppNode node : nodes) {
            bookingCalls += node.countInLog("pickup booked");
        }
        int inDoubt = db.sql("""
                select count(*) from notification_outbox o join customer_order c on c.id = o.order_id
                 where c.external_reference like 'RES-%' and o.type = 'ORDER_CONFIRMED' and o.state = 'FAILED'""")
                .query(Integer.class).single();
        int incidents = db.sql("select count(*) from act_ru_incident").query(Integer.class).single();
        System.out.printf("resilience: %d accepted, %d orders stored, %d shipped with one booking each, %d booking calls,"
                + " %d confirmations sent, %d in doubt, %d incidents%n", accepted.size(), orders, shipments, bookingCalls,
                confirmations, inDoubt, incidents);

        assertThat(orders).as("orders stored").isEqualTo(accepted.size());
        assertThat(shipments).as("orders handed over with one booking").isEqualTo(accepted.size());
        assertThat(confirmations + inDoubt).as("confirmation mails, one per order").isEqualTo(accepted.size());
        assertThat(inDoubt).as("mails in doubt after a kill").isLessThanOrEqualTo(kills);
        assertThat(incidents).as("incidents").isZero();
        for (String[] product : Storefront.PRODUCTS) {
            int shipped = db.sql("""
                    select coalesce(sum(r.quantity), 0) from stock_reservation r where r.sku = :sku and r.state = 'SHIPPED'""")
                    .param("sku", product[0]).query(Integer.class).single();
            var stock = db.sql("select on_hand, reserved from stock where sku = :sku").param("sku", product[0])
                    .query((rs, n) -> new int[] {rs.getInt(1), rs.getInt(2)}).single();
            assertThat(stock[0]).as("on hand of " + product[0]).isEqualTo(initial.get(product[0]) - shipped);
            assertThat(stock[1]).as("reserved of " + product[0]).isZero();
        }
    }

    private static int countOurOrders(JdbcClient db) {
        return db.sql("select count(*) from customer_order where external_reference like 'RES-%'")
                .query(Integer.class).single();
    }

    private static JdbcClient jdbc(String url) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(url);
        dataSource.setUser("postgres");
        dataSource.setPassword("postgres");
        return JdbcClient.create(dataSource);
    }
}
