package dev.orderflow.bench;

import java.io.IOException;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The PostgreSQL server everything in one run talks to: the references (pgbench) and both configurations of
 * Orderflow, each in a database of its own. Embedded by default, or a server given by URL.
 */
final class BenchDatabase implements AutoCloseable {

    /** Counters of one database, read from {@code pg_stat_database} and {@code pg_stat_statements}. */
    record Counters(long commits, long statements) {
        Counters minus(Counters before) {
            return new Counters(commits - before.commits, statements < 0 ? -1 : statements - before.statements);
        }
    }

    /**
     * Rows inserted and deleted per table ({@code pg_stat_user_tables}) between two snapshots, and the seconds
     * between them.
     */
    record TableActivity(Map<String, Long> inserted, Map<String, Long> deleted, long atNanos) {
        TableActivity minus(TableActivity before) {
            Map<String, Long> inserts = new TreeMap<>();
            Map<String, Long> deletes = new TreeMap<>();
            inserted.forEach((table, rows) -> inserts.put(table, rows - before.inserted.getOrDefault(table, 0L)));
            deleted.forEach((table, rows) -> deletes.put(table, rows - before.deleted.getOrDefault(table, 0L)));
            return new TableActivity(inserts, deletes, atNanos - before.atNanos);
        }

        double seconds() {
            return atNanos / 1e9;
        }

        /** Rows inserted into, and deleted from, the tables whose names start with {@code prefix}. */
        long inserted(String prefix) {
            return inserted.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).mapToLong(Map.Entry::getValue).sum();
        }

        long deleted(String prefix) {
            return deleted.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).mapToLong(Map.Entry::getValue).sum();
        }
    }

    private static final String VERSION_AND_DURABILITY = "select current_setting('server_version')"
            + " || ', fsync=' || current_setting('fsync') || ', synchronous_commit='"
            + " || current_setting('synchronous_commit')";

    private final EmbeddedPostgres embedded;
    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private final String adminDatabase;
    private final String description;
    private boolean statementsTracked;
    private String serverVersion = "";
    private long postmasterPid = -1;

    private BenchDatabase(EmbeddedPostgres embedded, String host, int port, String user, String password,
            String adminDatabase, String description) {
        this.embedded = embedded;
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
        this.adminDatabase = adminDatabase;
        this.description = description;
    }

    static BenchDatabase start(Options options) throws IOException, SQLException {
        BenchDatabase database;
        if (options.jdbcUrl() == null) {
            // zonky's embedded server (PostgreSQL 14 binaries from Maven Central), made as durable as production:
            // zonky starts it with fsync and synchronous_commit off, which would flatter every commit
            EmbeddedPostgres embedded = EmbeddedPostgres.builder()
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                    .setServerConfig("pg_stat_statements.track_utility", "off")
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("shared_buffers", "256MB")
                    .start();
            database = new BenchDatabase(embedded, "localhost", embedded.getPort(), "postgres", "", "postgres",
                    "embedded PostgreSQL (zonky)");
        } else {
            URI uri = URI.create(options.jdbcUrl().replaceFirst("^jdbc:", ""));
            String adminDatabase = uri.getPath() == null || uri.getPath().length() < 2 ? "postgres" : uri.getPath().substring(1);
            database = new BenchDatabase(null, uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(),
                    options.dbUser(), options.dbPassword(), adminDatabase, "PostgreSQL at " + uri.getHost());
        }
        try (Connection connection = database.connect(database.adminDatabase);
                Statement statement = connection.createStatement()) {
            try (ResultSet version = statement.executeQuery(VERSION_AND_DURABILITY)) {
                version.next();
                database.serverVersion = version.getString(1);
            }
            try (ResultSet backend = statement.executeQuery("select pg_backend_pid()")) {
                backend.next();
                // the backend's parent, when the server runs on this machine: the postmaster
                database.postmasterPid = CpuMeter.parentOf(backend.getLong(1));
            }
            try {
                statement.execute("create extension if not exists pg_stat_statements");
                statement.executeQuery("select count(*) from pg_stat_statements").close();
                database.statementsTracked = true;
            } catch (SQLException notLoaded) {
                Benchmark.say("pg_stat_statements is not loaded on this server: statements per order not measured");
            }
        }
        return database;
    }

    String description() {
        return description + " " + serverVersion;
    }

    /**
     * The server's postmaster process on this machine, whose processes are the database's CPU; -1 when the server
     * runs elsewhere (its CPU is then not measured apart from other PostgreSQL servers here).
     */
    long postmasterPid() {
        return postmasterPid;
    }

    String host() {
        return host;
    }

    int port() {
        return port;
    }

    String user() {
        return user;
    }

    String password() {
        return password;
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), user, password);
    }

    /** A new, empty database; one that is left over from an earlier run is dropped first. */
    void recreate(String database) throws SQLException {
        try (Connection connection = connect(adminDatabase); Statement statement = connection.createStatement()) {
            statement.execute("drop database if exists " + database + " with (force)");
            statement.execute("create database " + database);
        }
    }

    /**
     * Before measuring: statistics for the planner (what autovacuum would have gathered after the warm-up) and
     * a checkpoint, so no configuration pays for the writes of what ran before it.
     */
    void quiesce(String database) throws SQLException {
        try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
            statement.execute("analyze");
            checkpoint(statement);
        }
    }

    /** CHECKPOINT needs a superuser (PostgreSQL 15+: pg_checkpoint); without, the run goes on unquiesced. */
    private static void checkpoint(Statement statement) {
        try {
            statement.execute("checkpoint");
        } catch (SQLException notAllowed) {
            Benchmark.say("no checkpoint between phases: " + notAllowed.getMessage());
        }
    }

    void drop(String database) throws SQLException {
        try (Connection connection = connect(adminDatabase); Statement statement = connection.createStatement()) {
            statement.execute("drop database if exists " + database + " with (force)");
            checkpoint(statement);
        }
    }

    Counters counters(String database) throws SQLException {
        try (Connection connection = connect(adminDatabase); Statement statement = connection.createStatement()) {
            // the statistics collector publishes at most every half second
            statement.execute("select pg_stat_clear_snapshot()");
            long commits;
            try (ResultSet row = statement.executeQuery(
                    "select xact_commit from pg_stat_database where datname = '" + database + "'")) {
                row.next();
                commits = row.getLong(1);
            }
            long statements = -1;
            if (statementsTracked) {
                try (ResultSet row = statement.executeQuery("""
                        select coalesce(sum(calls), 0) from pg_stat_statements s
                        join pg_database d on d.oid = s.dbid where d.datname = '%s'""".formatted(database))) {
                    row.next();
                    statements = row.getLong(1);
                }
            }
            return new Counters(commits, statements);
        }
    }

    /** Rows inserted and deleted so far in every table of the public schema. */
    TableActivity tableActivity(String database) throws SQLException {
        Map<String, Long> inserted = new TreeMap<>();
        Map<String, Long> deleted = new TreeMap<>();
        try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
            statement.execute("select pg_stat_clear_snapshot()");
            try (ResultSet rows = statement.executeQuery(
                    "select relname, n_tup_ins, n_tup_del from pg_stat_user_tables where schemaname = 'public'")) {
                while (rows.next()) {
                    inserted.put(rows.getString(1), rows.getLong(2));
                    deleted.put(rows.getString(1), rows.getLong(3));
                }
            }
        }
        return new TableActivity(inserted, deleted, System.nanoTime());
    }

    /**
     * The rows of every table of the public schema, counted ({@code count(*)}), as "inserted" of a
     * {@link TableActivity}: the difference of two is each table's net growth, exact (PostgreSQL 14's statistics
     * leave an idle connection's last counts unreported until it is used again).
     */
    TableActivity rowCounts(String database) throws SQLException {
        Map<String, Long> rows = new TreeMap<>();
        try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
            java.util.List<String> tables = new java.util.ArrayList<>();
            try (ResultSet names = statement.executeQuery(
                    "select relname from pg_stat_user_tables where schemaname = 'public'")) {
                while (names.next()) {
                    tables.add(names.getString(1));
                }
            }
            for (String table : tables) {
                try (ResultSet count = statement.executeQuery("select count(*) from public." + table)) {
                    count.next();
                    rows.put(table, count.getLong(1));
                }
            }
        }
        return new TableActivity(rows, Map.of(), System.nanoTime());
    }

    /** Camunda's process instances whose history is past its removal time: history cleanup's work. */
    long historyPastRemovalTime(String database) throws SQLException {
        try (Connection connection = connect(database); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(
                        "select count(*) from act_hi_procinst where removal_time_ < localtimestamp")) {
            row.next();
            return row.getLong(1);
        }
    }

    /** From now on, pg_stat_statements counts afresh (for the statements that took the most time). */
    void resetStatementStatistics() throws SQLException {
        if (statementsTracked) {
            try (Connection connection = connect(adminDatabase); Statement statement = connection.createStatement()) {
                statement.execute("select pg_stat_statements_reset()");
            }
        }
    }

    /** The statements of one database that took the most time or ran most often: "where the database's time goes". */
    String topStatements(String database, String orderBy, int limit) throws SQLException {
        if (!statementsTracked) {
            return "(pg_stat_statements not loaded)";
        }
        StringBuilder top = new StringBuilder();
        try (Connection connection = connect(adminDatabase); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("""
                        select calls, round(total_exec_time::numeric, 0) as ms, regexp_replace(query, '\\s+', ' ', 'g')
                        from pg_stat_statements s join pg_database d on d.oid = s.dbid
                        where d.datname = '%s' order by %s desc limit %d""".formatted(database, orderBy, limit))) {
            while (rows.next()) {
                String query = rows.getString(3);
                top.append(String.format("%9d calls %7d ms  %s%n", rows.getLong(1), rows.getLong(2),
                        query.length() > 110 ? query.substring(0, 110) + "…" : query));
            }
        }
        return top.toString();
    }

    /** Wait until the statistics collector has published the last transactions (PostgreSQL 14: up to 500 ms). */
    static void settleStatistics() throws InterruptedException {
        Thread.sleep(1200);
    }

    @Override
    public void close() throws IOException {
        if (embedded != null) {
            embedded.close();
        }
    }
}
