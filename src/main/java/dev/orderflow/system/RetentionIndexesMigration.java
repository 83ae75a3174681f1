package dev.orderflow.system;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.springframework.stereotype.Component;

/**
 * Flyway migration V18: the indexes the retention purge ({@link RetentionPurge}) deletes by. On PostgreSQL they are
 * built {@code CREATE INDEX CONCURRENTLY} (so on an existing database with millions of timeline entries writes go
 * on while they build), which cannot run in a transaction: hence a Java migration run outside one, where an
 * {@code INVALID} index left by an interrupted build is dropped and built again. On H2 they are plain indexes.
 */
@Component
class RetentionIndexesMigration implements JavaMigration {

    /** index name → table and columns */
    static final Map<String, String> INDEXES = Map.of(
            "notification_outbox_purge", "notification_outbox (state, created_at)",
            "idempotency_record_created", "idempotency_record (created_at)",
            "order_timeline_at", "order_timeline (at)",
            "courier_event_inbox_settled", "courier_event_inbox (settled_at)");

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("18");
    }

    @Override
    public String getDescription() {
        return "retention indexes";
    }

    @Override
    public Integer getChecksum() {
        return INDEXES.keySet().stream().sorted().toList().hashCode();
    }

    @Override
    public boolean canExecuteInTransaction() {
        return false;
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        boolean postgres = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT)
                .contains("postgres");
        for (var index : INDEXES.entrySet().stream().sorted(Map.Entry.comparingByKey()).toList()) {
            try (var statement = connection.createStatement()) {
                if (!postgres) {
                    statement.execute("create index if not exists " + index.getKey() + " on " + index.getValue());
                    continue;
                }
                if (invalid(connection, index.getKey())) {
                    statement.execute("drop index concurrently if exists " + index.getKey());
                }
                statement.execute("create index concurrently if not exists " + index.getKey() + " on "
                        + index.getValue());
            }
        }
    }

    private static boolean invalid(Connection connection, String index) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("""
                select not (i.indisvalid and i.indisready) from pg_class c join pg_index i on i.indexrelid = c.oid
                 where c.relname = ? and c.relnamespace = (select oid from pg_namespace where nspname = current_schema())
                """)) {
            query.setString(1, index);
            try (ResultSet result = query.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }
}
