package dev.orderflow.support;

import java.io.IOException;
import java.io.UncheckedIOException;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.test.context.TestConfiguration;

/**
 * One real PostgreSQL server per test JVM, started by the tests themselves: no Docker, no installed server.
 * Every Spring context that uses it holds a {@link Lease}; the server stops when the last context closes,
 * so no engine or connection pool ever sees it vanish under its feet.
 */
public final class EmbeddedPostgresDatabase {

    private static EmbeddedPostgres server;
    private static int leases;

    private EmbeddedPostgresDatabase() {
    }

    public static synchronized String jdbcUrl() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().setServerConfig("max_connections", "300").start();
            } catch (IOException e) {
                throw new UncheckedIOException("embedded PostgreSQL did not start", e);
            }
        }
        return server.getJdbcUrl("postgres", "postgres");
    }

    private static synchronized void acquire() {
        leases++;
    }

    private static synchronized void release() throws IOException {
        if (--leases == 0 && server != null) {
            server.close();
            server = null;
        }
    }

    /** Keeps the server running while the Spring context that imports it is open. */
    @TestConfiguration(proxyBeanMethods = false)
    public static class Lease implements DisposableBean {

        public Lease() {
            acquire();
        }

        @Override
        public void destroy() throws IOException {
            release();
        }
    }
}
