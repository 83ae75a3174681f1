package dev.orderflow.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Watches the orders of one batch in the service's own tables (read-only), without adding API load: how many
 * have reached SHIPPED, and when each was placed and shipped (the order's {@code created_at} and the SHIPPED
 * entry of its timeline, both written by the service).
 */
final class Shipments {

    /** The batch's end-to-end figures. {@code stuck} counts orders by status that never shipped. */
    record Outcome(int shipped, Map<String, Integer> stuck, Latencies placementToShipped, Instant firstPlaced,
            Instant lastShipped, int mailsUnsent) {
        double ordersPerSecond() {
            return shipped / (Duration.between(firstPlaced, lastShipped).toNanos() / 1e9);
        }
    }

    private final BenchDatabase database;
    private final String databaseName;
    private final Instant placedSince;

    Shipments(BenchDatabase database, String databaseName) {
        this(database, databaseName, Instant.EPOCH);
    }

    /**
     * Looks only at orders placed since {@code placedSince}: on a database with a backlog, the index on
     * {@code created_at} keeps the watching from scanning every order of the past weeks.
     */
    Shipments(BenchDatabase database, String databaseName, Instant placedSince) {
        this.database = database;
        this.databaseName = databaseName;
        this.placedSince = placedSince;
    }

    /**
     * Waits until every order whose external reference starts with {@code prefix} has shipped; gives up when
     * none has shipped for {@code patience}.
     */
    Outcome await(String prefix, int expected, Duration patience) throws SQLException, InterruptedException {
        try (Connection connection = database.connect(databaseName)) {
            int shipped = -1;
            Instant lastProgress = Instant.now();
            while (true) {
                int now = countShipped(connection, prefix);
                if (now != shipped) {
                    shipped = now;
                    lastProgress = Instant.now();
                }
                if (shipped >= expected || Instant.now().isAfter(lastProgress.plus(patience))) {
                    break;
                }
                Thread.sleep(250);
            }
            return outcome(connection, prefix);
        }
    }

    private int countShipped(Connection connection, String prefix) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "select count(*) from customer_order where external_reference like ? and status = 'SHIPPED'"
                        + " and created_at >= ?")) {
            query.setString(1, prefix + "%");
            query.setObject(2, since());
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }

    private Outcome outcome(Connection connection, String prefix) throws SQLException {
        List<Long> durations = new ArrayList<>();
        Instant firstPlaced = null;
        Instant lastShipped = null;
        try (PreparedStatement query = connection.prepareStatement("""
                select o.created_at, min(t.at) from customer_order o
                join order_timeline t on t.order_id = o.id and t.status = 'SHIPPED'
                where o.external_reference like ? and o.created_at >= ? group by o.id, o.created_at""")) {
            query.setString(1, prefix + "%");
            query.setObject(2, since());
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    Instant placed = rows.getObject(1, OffsetDateTime.class).toInstant();
                    Instant shipped = rows.getObject(2, OffsetDateTime.class).toInstant();
                    durations.add(Duration.between(placed, shipped).toNanos());
                    firstPlaced = firstPlaced == null || placed.isBefore(firstPlaced) ? placed : firstPlaced;
                    lastShipped = lastShipped == null || shipped.isAfter(lastShipped) ? shipped : lastShipped;
                }
            }
        }
        Map<String, Integer> stuck = new LinkedHashMap<>();
        try (PreparedStatement query = connection.prepareStatement("""
                select status, count(*) from customer_order where external_reference like ? and status <> 'SHIPPED'
                and created_at >= ? group by status order by status""")) {
            query.setString(1, prefix + "%");
            query.setObject(2, since());
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    stuck.put(rows.getString(1), rows.getInt(2));
                }
            }
        }
        int mailsUnsent;
        try (PreparedStatement query = connection.prepareStatement("""
                select count(*) from notification_outbox n join customer_order o on o.id = n.order_id
                where o.external_reference like ? and o.created_at >= ? and n.state <> 'SENT'""")) {
            query.setString(1, prefix + "%");
            query.setObject(2, since());
            try (ResultSet row = query.executeQuery()) {
                row.next();
                mailsUnsent = row.getInt(1);
            }
        }
        return new Outcome(durations.size(), stuck,
                Latencies.of(durations.stream().mapToLong(Long::longValue).toArray()), firstPlaced, lastShipped,
                mailsUnsent);
    }

    private OffsetDateTime since() {
        return placedSince.atOffset(java.time.ZoneOffset.UTC);
    }
}
