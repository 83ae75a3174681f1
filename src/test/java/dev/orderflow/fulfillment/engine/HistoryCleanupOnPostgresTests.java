package dev.orderflow.fulfillment.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import dev.orderflow.support.EmbeddedPostgresDatabase;
import dev.orderflow.support.PostgresIntegrationTest;
import org.camunda.bpm.engine.HistoryService;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Camunda's history cleanup as application.yaml configures it (removal-time based, around the clock, 500 per
 * batch, one job), on PostgreSQL: history of orders past their time to live goes, newer history stays. Logs how
 * many rows a second it removed (a figure for the sizing in docs/decisions/retention.md, not an assertion).
 */
class HistoryCleanupOnPostgresTests extends PostgresIntegrationTest {

    private static final Logger log = LoggerFactory.getLogger(HistoryCleanupOnPostgresTests.class);
    private static final int PAST = 20_000;
    private static final int FUTURE = 1_000;

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> EmbeddedPostgresDatabase.jdbcUrl("history_cleanup"));
    }

    @Autowired
    JdbcClient jdbc;

    @Autowired
    HistoryService history;

    @Test
    void historyPastItsTimeToLiveIsRemovedAndNewerHistoryStays() {
        // given: finished orders whose history fell due for removal (ended 31 days ago and earlier), and newer ones
        jdbc.sql("""
                insert into ACT_HI_PROCINST (ID_, PROC_INST_ID_, BUSINESS_KEY_, PROC_DEF_KEY_, PROC_DEF_ID_, START_TIME_,
                    END_TIME_, REMOVAL_TIME_, ROOT_PROC_INST_ID_, STATE_)
                select 'old-' || n, 'old-' || n, 'order-' || n, 'OrderFulfillmentProcess', 'OrderFulfillmentProcess:1:x',
                       now() - interval '31 days' - n * interval '1 second', now() - interval '31 days',
                       now() - interval '1 day' - n * interval '1 second', 'old-' || n, 'COMPLETED'
                  from generate_series(1, :past) n
                """).param("past", PAST).update();
        jdbc.sql("""
                insert into ACT_HI_PROCINST (ID_, PROC_INST_ID_, BUSINESS_KEY_, PROC_DEF_KEY_, PROC_DEF_ID_, START_TIME_,
                    END_TIME_, REMOVAL_TIME_, ROOT_PROC_INST_ID_, STATE_)
                select 'new-' || n, 'new-' || n, 'order-new-' || n, 'OrderFulfillmentProcess', 'OrderFulfillmentProcess:1:x',
                       now() - interval '1 day', now() - interval '1 day',
                       now() + interval '29 days', 'new-' || n, 'COMPLETED'
                  from generate_series(1, :future) n
                """).param("future", FUTURE).update();
        jdbc.sql("analyze ACT_HI_PROCINST").update();

        // when: the cleanup runs (its job is there from the start; this makes it due now)
        long started = System.nanoTime();
        history.cleanUpHistoryAsync(true);

        // then
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(200))
                .until(() -> count("old-%") == 0);
        double seconds = (System.nanoTime() - started) / 1e9;
        log.info("History cleanup removed {} process instances in {} s: {} rows/s (batch size 500, one job)",
                PAST, String.format("%.1f", seconds), Math.round(PAST / seconds));
        assertThat(count("new-%")).isEqualTo(FUTURE);
    }

    private int count(String ids) {
        return jdbc.sql("select count(*) from ACT_HI_PROCINST where ID_ like :ids").param("ids", ids)
                .query(Integer.class).single();
    }
}
