package dev.orderflow.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import dev.orderflow.support.PostgresIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The catalog on PostgreSQL: a PUT, a large import in batches, a re-import, a refused one that left no trace, and
 * imports meeting PUTs and stock work on the same products.
 */
class ProductImportOnPostgresTests extends PostgresIntegrationTest {

    private static final String HEADER = "sku,name,unitPrice,weightGrams,lengthMm,widthMm,heightMm,binLocation,active";

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Test
    void aPutCreatesTheProductWithItsStockRow() {
        ResponseEntity<Map<String, Object>> created = Products.put(api.staff(), "PG-PUT-1",
                Products.body("Cup \uD83C\uDF75", "3.20", ", \"active\": false"));

        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(Products.get(api.storefront(), "/api/products?active=false").getBody().get("total"))
                .isEqualTo(1);
        assertThat(jdbc.sql("select on_hand + reserved from stock where sku = 'PG-PUT-1'").query(Integer.class)
                .single()).isZero();
    }

    @Test
    void tenThousandRowsAreImportedReimportedAndUpdated() {
        // given
        String fresh = csv(10_000, "4.00");

        // when: imported, the same again, then with new prices
        ResponseEntity<Map<String, Object>> first = Products.importCsv(api.staff(), fresh);
        ResponseEntity<Map<String, Object>> again = Products.importCsv(api.staff(), fresh);
        ResponseEntity<Map<String, Object>> changed = Products.importCsv(api.staff(), csv(10_000, "4.50"));

        // then
        assertThat(first.getBody()).isEqualTo(Map.of("created", 10_000, "updated", 0, "unchanged", 0));
        assertThat(again.getBody()).isEqualTo(Map.of("created", 0, "updated", 0, "unchanged", 10_000));
        assertThat(changed.getBody()).isEqualTo(Map.of("created", 0, "updated", 10_000, "unchanged", 0));
        assertThat(jdbc.sql("select count(*) from product p join stock s on s.sku = p.sku"
                + " where p.sku like 'PG-BULK-%' and p.unit_price = 4.50 and s.on_hand = 0").query(Integer.class)
                .single()).isEqualTo(10_000);
    }

    @Test
    void aRefusedJsonImportWritesNothing() {
        // given: a valid row and a row with a price of zero
        String body = """
                [ {"sku": "PG-ATOM-1", "name": "Cup", "unitPrice": "1.00", "weightGrams": 1, "lengthMm": 1,
                   "widthMm": 1, "heightMm": 1, "binLocation": "A"},
                  {"sku": "PG-ATOM-2", "name": "Jug", "unitPrice": "0.00", "weightGrams": 1, "lengthMm": 1,
                   "widthMm": 1, "heightMm": 1, "binLocation": "A"} ]""";

        // when
        ResponseEntity<Map<String, Object>> answer = Products.importJson(api.staff(), body);

        // then
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(Products.pointers(answer.getBody())).containsExactly("/1/unitPrice");
        assertThat(jdbc.sql("select count(*) from product where sku like 'PG-ATOM-%'").query(Integer.class).single())
                .isZero();
    }

    @Test
    void anImportMeetingNewProductsCreatedMeanwhileWaitsAndReplacesThemInsteadOfFailing() throws Exception {
        // given: two of the import's new SKUs are being created by other transactions (as two PUTs would)
        String fresh = csv("PG-RACE-", 200, "4.00");
        try (Connection first = dataSource.getConnection(); Connection second = dataSource.getConnection()) {
            // in SKU order, the order in which the import writes them
            createUncommitted(first, "PG-RACE-150");
            createUncommitted(second, "PG-RACE-50");

            // when: the import meets the first, which then commits, then the second, which commits too
            CompletableFuture<ResponseEntity<Map<String, Object>>> importing = CompletableFuture.supplyAsync(
                    () -> Products.importCsv(api.staff(), fresh));
            awaitSomeoneBlockedBy(first);
            first.commit();
            awaitSomeoneBlockedBy(second);
            second.commit();

            // then: the import replaced both, and says so
            ResponseEntity<Map<String, Object>> answer = importing.get(60, TimeUnit.SECONDS);
            assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
            assertThat(answer.getBody()).isEqualTo(Map.of("created", 198, "updated", 2, "unchanged", 0));
        }
        assertThat(jdbc.sql("select count(*) from product p join stock s on s.sku = p.sku where p.sku like"
                + " 'PG-RACE-%' and p.unit_price = 4.00 and p.name like 'Bulk item%'").query(Integer.class).single())
                .isEqualTo(200);
        assertThat(jdbc.sql("select count(*) from stock where sku like 'PG-RACE-%'").query(Integer.class).single())
                .isEqualTo(200);
    }

    @Test
    void putsRacingAnImportOfTheSameNewSkusNeverFailAndLeaveOneConsistentRowEach() throws Exception {
        // given: an import of 20,000 new products under way
        int rows = 20_000;
        String fresh = csv("PG-PUTRACE-", rows, "4.00");
        CompletableFuture<ResponseEntity<Map<String, Object>>> importing = CompletableFuture.supplyAsync(
                () -> Products.importCsv(api.staff(), fresh));

        // when: staff PUT SKUs of that import meanwhile, new ones first (from the end of the file), until it answers
        List<Integer> putStatuses = new ArrayList<>();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        for (int i = rows - 1; i >= 0 && !importing.isDone() && System.nanoTime() < until; i -= 37) {
            putStatuses.add(Products.put(api.staff(), "PG-PUTRACE-" + i, Products.body("Put meanwhile", "7.00", ""))
                    .getStatusCode().value());
        }
        ResponseEntity<Map<String, Object>> answer = importing.get(120, TimeUnit.SECONDS);

        // then: no 5xx; every product is the import's row or the PUT's, with exactly one stock row
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(putStatuses).isNotEmpty().allMatch(status -> status == 200 || status == 201);
        assertThat(jdbc.sql("select count(*) from product where sku like 'PG-PUTRACE-%'").query(Integer.class)
                .single()).isEqualTo(rows);
        assertThat(jdbc.sql("""
                select count(*) from product p where p.sku like 'PG-PUTRACE-%'
                   and not ((p.name like 'Bulk item%' and p.unit_price = 4.00 and p.bin_location like 'Z-%')
                         or (p.name = 'Put meanwhile' and p.unit_price = 7.00 and p.bin_location = 'A-01-03'))
                """).query(Integer.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from product p where p.sku like 'PG-PUTRACE-%'"
                + " and (select count(*) from stock s where s.sku = p.sku) <> 1").query(Integer.class).single())
                .isZero();
    }

    @Test
    void aRestockGoesThroughWhileAnImportChangingItsProductIsUnderWay() throws Exception {
        // given: two products; another transaction holds the row of the second one
        Products.importCsv(api.staff(), csv("PG-HELD-", 2, "4.00"));
        try (Connection holder = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            try {
                try (var update = holder.prepareStatement("update product set name = 'Held' where sku = ?")) {
                    update.setString(1, "PG-HELD-1");
                    update.executeUpdate();
                }

                // when: an import changes both: it has written PG-HELD-0 and waits for PG-HELD-1
                CompletableFuture<ResponseEntity<Map<String, Object>>> importing = CompletableFuture.supplyAsync(
                        () -> Products.importCsv(api.staff(), csv("PG-HELD-", 2, "5.00")));
                awaitSomeoneBlockedBy(holder);

                // then: a restock of PG-HELD-0 (its stock movement refers to the product) is not held up by it
                ResponseEntity<Map<String, Object>> restocked = CompletableFuture.supplyAsync(
                        () -> api.restock("PG-HELD-0", 5)).get(30, TimeUnit.SECONDS);
                assertThat(restocked.getStatusCode()).isEqualTo(HttpStatus.OK);
                assertThat(importing).isNotDone();

                holder.rollback();
                assertThat(importing.get(60, TimeUnit.SECONDS).getBody())
                        .isEqualTo(Map.of("created", 0, "updated", 2, "unchanged", 0));
            } finally {
                holder.rollback();
            }
        }
        assertThat(jdbc.sql("select on_hand from stock where sku = 'PG-HELD-0'").query(Integer.class).single())
                .isEqualTo(5);
    }

    /** Creates the product as a PUT would (its stock row too), in {@code connection}'s open transaction. */
    private static void createUncommitted(Connection connection, String sku) throws SQLException {
        connection.setAutoCommit(false);
        try (var product = connection.prepareStatement("insert into product (sku, name, unit_price, weight_grams,"
                + " length_mm, width_mm, height_mm, bin_location, max_quantity_per_order, active)"
                + " values (?, 'Made meanwhile', 9.99, 1, 1, 1, 1, 'M-1', 1000, true)");
                var stock = connection.prepareStatement("insert into stock (sku, on_hand, reserved) values (?, 0, 0)")) {
            product.setString(1, sku);
            product.executeUpdate();
            stock.setString(1, sku);
            stock.executeUpdate();
        }
    }

    /** Waits until another session waits for a lock that {@code connection}'s transaction holds. */
    private void awaitSomeoneBlockedBy(Connection connection) throws SQLException {
        int pid;
        try (var statement = connection.createStatement();
                var result = statement.executeQuery("select pg_backend_pid()")) {
            result.next();
            pid = result.getInt(1);
        }
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).until(() -> jdbc.sql(
                        "select count(*) from pg_stat_activity where :pid = any(pg_blocking_pids(pid))")
                .param("pid", pid).query(Integer.class).single() > 0);
    }

    private static String csv(int rows, String price) {
        return csv("PG-BULK-", rows, price);
    }

    private static String csv(String prefix, int rows, String price) {
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        for (int i = 0; i < rows; i++) {
            csv.append(prefix).append(i).append(",\"Bulk item, no. ").append(i).append("\",").append(price)
                    .append(",100,100,100,100,Z-").append(i % 100).append(",true\n");
        }
        return csv.toString();
    }
}
