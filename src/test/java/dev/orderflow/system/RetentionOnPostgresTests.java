package dev.orderflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderflow.support.PostgresIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * The retention purge on PostgreSQL ({@link RetentionScenario}), and its indexes built concurrently by migration
 * V18, valid.
 */
@TestPropertySource(properties = "orderflow.retention.enabled=false")
class RetentionOnPostgresTests extends PostgresIntegrationTest {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    RetentionPurge purge;
    @Autowired
    MeterRegistry registry;

    @Test
    void oldRowsGoRecentAndStillNeededRowsStay() {
        new RetentionScenario(jdbc).oldRowsGoAndWhatIsRecentOrStillNeededStays(purge, registry);
    }

    @Test
    void theRetentionIndexesAreThereAndValid() {
        for (String index : RetentionIndexesMigration.INDEXES.keySet()) {
            assertThat(jdbc.sql("""
                    select i.indisvalid from pg_class c join pg_index i on i.indexrelid = c.oid where c.relname = :name
                    """).param("name", index).query(Boolean.class).optional()).as(index).contains(true);
        }
    }
}
