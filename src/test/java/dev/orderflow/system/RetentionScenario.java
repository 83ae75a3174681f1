package dev.orderflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Rows of every kind the retention purge knows, old and recent, still needed and no longer, written straight into
 * the tables; then one purge, and what is left. Shared by the H2 and the PostgreSQL test.
 */
final class RetentionScenario {

    private static final Instant NOW = Instant.now();
    private static final Instant YEARS_AGO = NOW.minus(Duration.ofDays(800));
    private static final Instant MONTHS_AGO = NOW.minus(Duration.ofDays(100));
    private static final Instant DAYS_AGO = NOW.minus(Duration.ofDays(10));
    private static final Instant HOUR_AGO = NOW.minus(Duration.ofHours(1));

    private final JdbcClient jdbc;
    private final String tag = UUID.randomUUID().toString().substring(0, 8);

    RetentionScenario(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Writes the rows, purges, and checks what went and what stayed. */
    void oldRowsGoAndWhatIsRecentOrStillNeededStays(RetentionPurge purge, MeterRegistry registry) {
        // given: orders finished long ago, finished recently, and open for long
        UUID deliveredLongAgo = order("DELIVERED", YEARS_AGO);
        UUID cancelledLongAgo = order("CANCELLED", YEARS_AGO);
        UUID deliveredRecently = order("DELIVERED", DAYS_AGO);
        UUID openForLong = order("AWAITING_RESTOCK", YEARS_AGO);
        for (UUID order : new UUID[] {deliveredLongAgo, cancelledLongAgo, openForLong}) {
            timeline(order, YEARS_AGO);
            timeline(order, YEARS_AGO);
        }
        timeline(deliveredRecently, YEARS_AGO);
        timeline(deliveredRecently, DAYS_AGO);
        // 2,500 sent mails of an order long done (more than two purge batches), a recent one, one failed months
        // ago, one failed long ago, and one never sent (pending) long ago
        jdbc.sql("""
                insert into notification_outbox (order_id, type, recipient, subject, state, attempts, next_attempt_at,
                    created_at, sent_at)
                select :order, 'T' || x, 'a@example.com', 's', 'SENT', 1, :at, :at, :at from system_range(1, 2500)
                """.replace("system_range(1, 2500)", seriesOf(2500))).param("order", deliveredLongAgo)
                .param("at", Timestamp.from(MONTHS_AGO)).update();
        mail(deliveredRecently, "SENT", DAYS_AGO);
        mail(cancelledLongAgo, "FAILED", MONTHS_AGO);
        mail(openForLong, "FAILED", YEARS_AGO);
        mail(openForLong, "PENDING", YEARS_AGO);
        idempotencyKey(deliveredLongAgo, MONTHS_AGO);
        idempotencyKey(deliveredRecently, HOUR_AGO);
        courierEvent(deliveredLongAgo, "APPLIED", MONTHS_AGO);
        courierEvent(openForLong, "APPLIED", MONTHS_AGO);
        courierEvent(openForLong, "PENDING", null);
        double removedBefore = removed(registry);

        // when
        purge.purge();

        // then: timelines of orders finished long ago are gone; the open order and the recent one keep theirs
        assertThat(timelineEntries(deliveredLongAgo)).isZero();
        assertThat(timelineEntries(cancelledLongAgo)).isZero();
        assertThat(timelineEntries(openForLong)).isEqualTo(2);
        assertThat(timelineEntries(deliveredRecently)).isEqualTo(2);
        // the orders themselves stay, with their status
        assertThat(jdbc.sql("select count(*) from customer_order where id in (:ids)")
                .param("ids", java.util.List.of(deliveredLongAgo, cancelledLongAgo, deliveredRecently, openForLong))
                .query(Integer.class).single()).isEqualTo(4);
        // mails: sent months ago gone (all 2,500, in batches), sent recently stays; failed months ago stays, failed
        // years ago goes; never sent stays whatever its age
        assertThat(mails(deliveredLongAgo)).isZero();
        assertThat(mails(deliveredRecently)).isEqualTo(1);
        assertThat(mails(cancelledLongAgo)).isEqualTo(1);
        assertThat(jdbc.sql("select state from notification_outbox where order_id = :id").param("id", openForLong)
                .query(String.class).list()).containsExactly("PENDING");
        // idempotency keys: months old gone, an hour old stays (a storefront retrying now still gets its order)
        assertThat(keys(deliveredLongAgo)).isZero();
        assertThat(keys(deliveredRecently)).isEqualTo(1);
        // courier events: settled long ago of a finished order gone; of an open order, and pending, stay
        assertThat(events(deliveredLongAgo)).isZero();
        assertThat(events(openForLong)).isEqualTo(2);
        // and counted
        assertThat(removed(registry) - removedBefore).isEqualTo(4 + 2500 + 1 + 1 + 1);
    }

    private String seriesOf(int n) {
        return isPostgres() ? "generate_series(1, " + n + ") x" : "system_range(1, " + n + ") t(x)";
    }

    private boolean isPostgres() {
        try {
            return jdbc.sql("select version()").query(String.class).single().startsWith("PostgreSQL");
        } catch (RuntimeException h2HasNoVersionFunction) {
            return false;
        }
    }

    private UUID order(String status, Instant updatedAt) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                insert into customer_order (id, status, customer_name, customer_email, ship_line1, ship_city,
                    ship_country, currency, total, tracking_token, created_at, updated_at)
                values (:id, :status, 'Ada', 'ada@example.com', '1 Street', 'London', 'GB', 'EUR', 10.00, :token,
                    :created, :updated)""")
                .param("id", id).param("status", status).param("token", tag + id)
                .param("created", Timestamp.from(updatedAt.minus(Duration.ofDays(3))))
                .param("updated", Timestamp.from(updatedAt)).update();
        return id;
    }

    private void timeline(UUID order, Instant at) {
        jdbc.sql("insert into order_timeline (order_id, at, status, message) values (:order, :at, 'RECEIVED', 'm')")
                .param("order", order).param("at", Timestamp.from(at)).update();
    }

    private void mail(UUID order, String state, Instant at) {
        jdbc.sql("""
                insert into notification_outbox (order_id, type, recipient, subject, state, attempts, next_attempt_at,
                    created_at, sent_at)
                values (:order, :type, 'a@example.com', 's', :state, 1, :next, :at, :sent)""")
                .param("order", order).param("type", switch (state) {
                    case "SENT" -> "SHIPPED";
                    case "FAILED" -> "CANCELLED";
                    default -> "DELIVERED";
                })
                // a pending mail is not due before tomorrow: the relay leaves it alone during the test
                .param("state", state).param("at", Timestamp.from(at))
                .param("next", Timestamp.from("PENDING".equals(state) ? NOW.plus(Duration.ofDays(1)) : at))
                .param("sent", "SENT".equals(state) ? Timestamp.from(at) : null).update();
    }

    private void idempotencyKey(UUID order, Instant at) {
        jdbc.sql("""
                insert into idempotency_record (client_id, idempotency_key, request_hash, order_id, response_body,
                    created_at) values ('storefront', :key, 'h', :order, '{}', :at)""")
                .param("key", tag + order).param("order", order).param("at", Timestamp.from(at)).update();
    }

    private void courierEvent(UUID order, String state, Instant settledAt) {
        Instant at = settledAt == null ? HOUR_AGO : settledAt;
        jdbc.sql("""
                insert into courier_event_inbox (tracking_number, event_id, order_id, type, occurred_at, received_at,
                    state, settled_at) values (:tracking, :event, :order, 'DELIVERED', :at, :at, :state, :settled)""")
                .param("tracking", "T" + tag).param("event", UUID.randomUUID().toString()).param("order", order)
                .param("at", Timestamp.from(at)).param("state", state)
                .param("settled", settledAt == null ? null : Timestamp.from(settledAt)).update();
    }

    private int timelineEntries(UUID order) {
        return count("order_timeline", order);
    }

    private int mails(UUID order) {
        return count("notification_outbox", order);
    }

    private int keys(UUID order) {
        return count("idempotency_record", order);
    }

    private int events(UUID order) {
        return count("courier_event_inbox", order);
    }

    private int count(String table, UUID order) {
        return jdbc.sql("select count(*) from " + table + " where order_id = :id").param("id", order)
                .query(Integer.class).single();
    }

    private static double removed(MeterRegistry registry) {
        return registry.find("orderflow.retention.removed.rows").counters().stream()
                .mapToDouble(counter -> counter.count()).sum();
    }
}
