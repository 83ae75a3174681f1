package dev.orderflow.fulfillment.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.orderflow.support.EmbeddedPostgresDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * How {@link JobAcquisitionIndex} builds its indexes on PostgreSQL, on a table of 200,000 jobs shaped like
 * Camunda's {@code ACT_RU_JOB} (the columns the indexes and due dates use) in a database of its own: nodes that
 * start together, a leftover of an interrupted build, jobs written without a due date.
 */
class JobAcquisitionIndexBuildOnPostgresTests {

    private final PGSimpleDataSource dataSource = new PGSimpleDataSource();
    private JdbcClient jdbc;

    @BeforeEach
    void jobTable() {
        dataSource.setURL(EmbeddedPostgresDatabase.jdbcUrl("job_index_build"));
        jdbc = JdbcClient.create(dataSource);
        jdbc.sql("drop table if exists ACT_RU_JOB").update();
        jdbc.sql("""
                create table ACT_RU_JOB (ID_ varchar(64) primary key, DUEDATE_ timestamp, RETRIES_ integer,
                    SUSPENSION_STATE_ integer, LOCK_OWNER_ varchar(255), LOCK_EXP_TIME_ timestamp,
                    PROCESS_INSTANCE_ID_ varchar(64))
                """).update();
        jdbc.sql("""
                insert into ACT_RU_JOB (ID_, DUEDATE_, RETRIES_, SUSPENSION_STATE_, PROCESS_INSTANCE_ID_)
                select 'job-' || n, now() + (n % 14400) * interval '1 minute', 3, 1, 'instance-' || n
                  from generate_series(1, 200000) n
                """).update();
    }

    @Test
    void nodesStartingTogetherBuildTheIndexesOnceAndAllSeeThemValid() throws Exception {
        // given: four nodes starting at the same moment
        ExecutorService nodes = Executors.newFixedThreadPool(4);
        List<Future<Void>> started = new ArrayList<>();
        for (int node = 0; node < 4; node++) {
            started.add(nodes.submit((Callable<Void>) () -> {
                JobAcquisitionIndex.ensureIndex(dataSource, "ACT_RU_JOB", Duration.ofMillis(50));
                return null;
            }));
        }

        // then: none failed, and each came back only once both indexes were valid
        for (Future<Void> node : started) {
            node.get();
        }
        nodes.shutdown();
        assertThat(state(JobAcquisitionIndex.INDEX)).isEqualTo(JobAcquisitionIndex.State.VALID);
        assertThat(state(JobAcquisitionIndex.LOCKED_INDEX)).isEqualTo(JobAcquisitionIndex.State.VALID);
        assertThat(jdbc.sql("select count(*) from pg_indexes where tablename = 'act_ru_job' and indexname like 'orderflow%'")
                .query(Integer.class).single()).isEqualTo(2);
    }

    @Test
    void anInvalidLeftoverOfAnInterruptedBuildIsDroppedAndBuiltAgain() throws Exception {
        // given: a concurrent build that failed half-way leaves an INVALID index under the name
        assertThatThrownBy(() -> jdbc.sql("create unique index concurrently " + JobAcquisitionIndex.INDEX
                + " on ACT_RU_JOB (SUSPENSION_STATE_)").update()).hasMessageContaining("could not create unique index");
        assertThat(state(JobAcquisitionIndex.INDEX)).isEqualTo(JobAcquisitionIndex.State.INVALID);

        // when
        JobAcquisitionIndex.ensureIndex(dataSource, "ACT_RU_JOB", Duration.ofMillis(50));

        // then: the index is the acquisition's, and valid
        assertThat(state(JobAcquisitionIndex.INDEX)).isEqualTo(JobAcquisitionIndex.State.VALID);
        assertThat(jdbc.sql("select indexdef from pg_indexes where indexname = :name")
                .param("name", JobAcquisitionIndex.INDEX).query(String.class).single())
                .doesNotContainIgnoringCase("unique").containsIgnoringCase("(duedate_)");
    }

    @Test
    void jobsWithoutADueDateGetOneInBatchesAndTheCheckAfterStartLooksAtAcquirableOnesOnly() throws Exception {
        // given: 2,500 jobs an earlier version wrote without due date, 10 of them suspended
        jdbc.sql("""
                insert into ACT_RU_JOB (ID_, DUEDATE_, RETRIES_, SUSPENSION_STATE_, PROCESS_INSTANCE_ID_)
                select 'old-' || n, null, 3, case when n <= 10 then 2 else 1 end, 'old-instance-' || n
                  from generate_series(1, 2500) n
                """).update();

        // when: the check every few minutes runs, then the one at start
        int acquirable = JobAcquisitionIndex.giveDueDates(dataSource, "ACT_RU_JOB", true);
        int rest = JobAcquisitionIndex.giveDueDates(dataSource, "ACT_RU_JOB", false);

        // then
        assertThat(acquirable).isEqualTo(2490);
        assertThat(rest).isEqualTo(10);
        assertThat(jdbc.sql("select count(*) from ACT_RU_JOB where DUEDATE_ is null").query(Integer.class).single())
                .isZero();
    }

    private JobAcquisitionIndex.State state(String index) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return JobAcquisitionIndex.state(connection, index);
        }
    }
}
