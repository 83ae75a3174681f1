package dev.orderflow.system;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The retention purge on H2 (the local run's database): old rows go, recent ones and those still needed stay
 * ({@link RetentionScenario}). The scheduled run is off, so only the test purges.
 */
@SpringBootTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:retention-tests;DB_CLOSE_DELAY=-1;DB_CLOSE_ON_EXIT=FALSE",
        "camunda.bpm.generate-unique-process-engine-name=true",
        "spring.autoconfigure.exclude=org.camunda.bpm.spring.boot.starter.webapp.CamundaBpmWebappAutoConfiguration",
        "orderflow.retention.enabled=false"
})
class RetentionTests {

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
    void theRetentionIndexesExist() {
        for (String index : RetentionIndexesMigration.INDEXES.keySet()) {
            org.assertj.core.api.Assertions.assertThat(jdbc.sql(
                    "select count(*) from information_schema.indexes where lower(index_name) = :name")
                    .param("name", index).query(Integer.class).single()).as(index).isPositive();
        }
    }
}
