package dev.orderflow.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import javax.sql.DataSource;

import dev.orderflow.support.EmbeddedPostgresDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * V16 on a database that orders reached before it (migrated to V15, then history rows as the service wrote them):
 * on H2 and on PostgreSQL, staff details leave the customer's timeline and stay as internal notes.
 */
class TimelineAudienceMigrationTests {

    private static final OffsetDateTime AT = OffsetDateTime.of(2026, 11, 26, 10, 0, 0, 0, ZoneOffset.UTC);

    static Stream<Arguments> databases() {
        return Stream.of(
                Arguments.of("H2", new DriverManagerDataSource("jdbc:h2:mem:v16-" + UUID.randomUUID()
                        + ";DB_CLOSE_DELAY=-1", "sa", "")),
                Arguments.of("PostgreSQL", new DriverManagerDataSource(
                        EmbeddedPostgresDatabase.jdbcUrl("v16_" + UUID.randomUUID().toString().replace("-", "")),
                        "postgres", "postgres")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void oldRowsKeepAPlainCustomerEntryAndTheirStaffDetailsBecomeInternalNotes(String name, DataSource database) {
        // given: a database at V15 with an order whose history the service wrote before the split
        migrate(database, "15");
        JdbcClient jdbc = JdbcClient.create(database);
        UUID orderId = UUID.randomUUID();
        jdbc.sql("""
                insert into customer_order (id, status, customer_name, customer_email, ship_line1, ship_city,
                    ship_country, currency, total, tracking_token, cancellation_reason, refund_amount,
                    refund_reference, created_at, updated_at)
                values (:id, 'CANCELLED', 'Ada', 'ada@example.com', '1 Road', 'Berlin', 'DE', 'EUR', 9.99, 'token',
                    'REVIEW_REJECTED', 9.99, 're_1', :at, :at)
                """).param("id", orderId).param("at", AT).update();
        List<String[]> old = List.of(
                new String[] {"RECEIVED", "Order received"},
                new String[] {"RECEIVED", "Automatic checks passed"},
                new String[] {"UNDER_REVIEW", "Discrepancy review opened: Unit price differs from the catalog;"
                        + " automatic checks found: MUG-ECO-01: ordered at 9.99, catalog price 12.50"},
                new String[] {"UNDER_REVIEW", "Review escalated to customer-service-leads"},
                new String[] {"CANCELLED", "Cancelled in discrepancy review: 'Review discrepancy' completed by admin:"
                        + " CANCEL (customer called, typo)"},
                new String[] {"CANCELLED", "Refunded 9.99 (reference re_1)"},
                new String[] {"CANCELLED", "E-mail \"Your order was cancelled\" to ada@example.com failed: refused"},
                new String[] {"CANCELLED", "Task 'Investigate delivery' opened for staff"},
                new String[] {"CANCELLED", "Label SIM-1 from simulated (STANDARD)"},
                new String[] {"CANCELLED", "Pick shortage: MUG-ECO-01: 2 expected on the shelf, 1 found"},
                new String[] {"CANCELLED", "Packed in BOX-S, 640 g"},
                new String[] {"CANCELLED", "Picking 1 item(s)"},
                new String[] {"CANCELLED", "In transit (2026-11-26T10:00:00Z)"},
                new String[] {"CANCELLED", "Delivered (2026-11-26T10:00:00Z, reported by the courier)"},
                new String[] {"CANCELLED", "Cancelled at the customer's request: changed my mind"});
        for (int i = 0; i < old.size(); i++) {
            jdbc.sql("insert into order_timeline (order_id, at, status, message) values (:id, :at, :status, :message)")
                    .param("id", orderId).param("at", AT.plusMinutes(i)).param("status", old.get(i)[0])
                    .param("message", old.get(i)[1]).update();
        }

        // when
        migrate(database, "16");

        // then: the customer's entries in their order, in plain words
        assertThat(messages(jdbc, orderId, "CUSTOMER")).containsExactly(
                "Order received",
                "We are checking a detail of your order before it goes to our warehouse.",
                "Cancelled after our check of your order. You get a full refund.",
                "Refunded 9.99 EUR.",
                "Your parcel is packed.",
                "Picking your items",
                "In transit",
                "Delivered",
                "Cancelled at the customer's request: changed my mind");
        // and staff keep every detail, the decision with who and the comment among them
        assertThat(messages(jdbc, orderId, "STAFF")).containsExactlyInAnyOrder(
                "Automatic checks passed",
                old.get(2)[1],
                "Review escalated to customer-service-leads",
                "Cancelled in discrepancy review: 'Review discrepancy' completed by admin: CANCEL (customer called, typo)",
                "Refunded 9.99 (reference re_1)",
                old.get(6)[1], old.get(7)[1], old.get(8)[1], old.get(9)[1], old.get(10)[1], old.get(12)[1],
                old.get(13)[1]);
        assertThat(String.join("\n", messages(jdbc, orderId, "CUSTOMER")))
                .doesNotContain("admin", "typo", "catalog price", "MUG-ECO-01", "re_1", "BOX-S", "2026-11-26T");
    }

    private static void migrate(DataSource database, String target) {
        Flyway.configure().dataSource(database).locations("classpath:db/migration").target(target).load().migrate();
    }

    private static List<String> messages(JdbcClient jdbc, UUID orderId, String audience) {
        return jdbc.sql("select message from order_timeline where order_id = :id and audience = :audience order by id")
                .param("id", orderId).param("audience", audience).query(String.class).list();
    }
}
