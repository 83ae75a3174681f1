package dev.orderflow.fulfillment.engine;

import static dev.orderflow.support.OrderflowApi.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import dev.orderflow.support.EmbeddedPostgresDatabase;
import dev.orderflow.support.PostgresIntegrationTest;
import org.apache.ibatis.cache.CacheKey;
import org.apache.ibatis.executor.Executor;
import org.apache.ibatis.mapping.BoundSql;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.mapping.ParameterMapping;
import org.apache.ibatis.plugin.Interceptor;
import org.apache.ibatis.plugin.Intercepts;
import org.apache.ibatis.plugin.Invocation;
import org.apache.ibatis.plugin.Signature;
import org.apache.ibatis.reflection.MetaObject;
import org.apache.ibatis.session.ResultHandler;
import org.apache.ibatis.session.RowBounds;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Job acquisition on a database full of waiting timers, on PostgreSQL: the index {@code orderflow_job_due} is
 * there after start, Camunda's real acquisition statement (captured as the job executor runs it) reads it instead
 * of the table, jobs from before due dates were ensured still run, and orders still ship.
 */
class JobAcquisitionOnPostgresTests extends PostgresIntegrationTest {

    private static final Logger log = LoggerFactory.getLogger(JobAcquisitionOnPostgresTests.class);

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> EmbeddedPostgresDatabase.jdbcUrl("job_acquisition"));
    }

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    ProcessEngine engine;

    @Autowired
    JobAcquisitionIndex acquisitionIndex;

    @AfterEach
    void removeFakeTimers() {
        jdbc.sql("delete from ACT_RU_JOB where ID_ like 'waiting-%'").update();
    }

    @Test
    void theAcquisitionIndexIsValidAfterStart() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(indexState()).isEqualTo("VALID"));
        assertThat(jdbc.sql("select indexdef from pg_indexes where indexname = :name")
                .param("name", JobAcquisitionIndex.INDEX).query(String.class).single())
                .containsIgnoringCase("(duedate_)").containsIgnoringCase("retries_ > 0")
                .containsIgnoringCase("suspension_state_ = 1");
        assertThat(jdbc.sql("select indexdef from pg_indexes where indexname = :name")
                .param("name", JobAcquisitionIndex.LOCKED_INDEX).query(String.class).single())
                .containsIgnoringCase("lock_owner_ IS NOT NULL");
    }

    @Test
    void acquisitionWithTwoHundredTwentyThousandFutureTimersReadsTheIndexNotTheTable() throws Exception {
        // given: 220,000 timers due in the coming days, ten due jobs another node is running, statistics current
        await().atMost(Duration.ofSeconds(30)).until(() -> "VALID".equals(indexState()));
        jdbc.sql("""
                insert into ACT_RU_JOB (ID_, REV_, TYPE_, DUEDATE_, PROCESS_INSTANCE_ID_, EXECUTION_ID_, RETRIES_,
                    SUSPENSION_STATE_, EXCLUSIVE_, HANDLER_TYPE_, HANDLER_CFG_, PRIORITY_, SEQUENCE_COUNTER_)
                select 'waiting-' || n, 1, 'timer', now() + (n % 14400) * interval '1 minute' + interval '1 hour',
                       'instance-' || n, 'execution-' || n, 3, 1, true, 'timer-transition', 'Event_Delivered', 0, 1
                  from generate_series(1, 220000) n
                """).update();
        jdbc.sql("""
                insert into ACT_RU_JOB (ID_, REV_, TYPE_, DUEDATE_, PROCESS_INSTANCE_ID_, EXECUTION_ID_, RETRIES_,
                    SUSPENSION_STATE_, EXCLUSIVE_, HANDLER_TYPE_, HANDLER_CFG_, PRIORITY_, SEQUENCE_COUNTER_,
                    LOCK_OWNER_, LOCK_EXP_TIME_)
                select 'waiting-running-' || n, 1, 'message', now() - interval '1 second', 'instance-r' || n,
                       'execution-r' || n, 3, 1, true, 'async-continuation', 'transition-create-scope', 0, 1,
                       'another-node', now() + interval '1 hour'
                  from generate_series(1, 10) n
                """).update();
        jdbc.sql("analyze ACT_RU_JOB").update();

        // when: the job executor acquires (it looks at least every max-wait, 5 s)
        Acquisition acquisition = captureNextAcquisition();

        // then: the statement has no "DUEDATE_ is null or", is ordered by due date, and reads the index
        assertThat(acquisition.sql()).doesNotContainIgnoringCase("DUEDATE_ is null")
                .containsIgnoringCase("order by RES.DUEDATE_");
        String plan = explain(acquisition, false);
        log.info("Acquisition plan with 220,000 future timers, for any \"now\" (generic plan):\n{}",
                plan);
        assertThat(plan).contains("Index Scan using " + JobAcquisitionIndex.INDEX)
                .contains(" using " + JobAcquisitionIndex.LOCKED_INDEX).doesNotContain("Seq Scan");
        String analyzed = explain(acquisition, true);
        log.info("Acquisition, executed:\n{}", analyzed);
        assertThat(analyzed).doesNotContain("Seq Scan");
        assertThat(rowsRemovedByFilter(analyzed)).isLessThan(100);
        assertThat(analyzed).contains("rows=3 loops=1");
        String camundaDefault = explain(new Acquisition(acquisition.sql()
                .replaceAll("(?is)order by\\s+RES\\.DUEDATE_\\s+asc", "")
                .replaceFirst("(?i)RES\\.DUEDATE_ <= \\?", "RES.DUEDATE_ is null or RES.DUEDATE_ <= ?"),
                acquisition.values()), true, true);
        log.info("The acquisition as Camunda writes it by default, on its schema as it ships (for comparison):\n{}",
                camundaDefault);
    }

    @Test
    void aJobWithoutADueDateFromBeforeStillRuns() {
        // given: an order waiting for a stock decision, whose timer (written by an earlier version) has no due date
        String orderId = api.placed(order("HEADPH-WOOD", 1, "79.00"));
        api.awaitStatus(orderId, "AWAITING_STOCK_DECISION");
        String timer = jdbc.sql("""
                select j.ID_ from ACT_RU_JOB j join ACT_RU_EXECUTION e on e.ID_ = j.PROCESS_INSTANCE_ID_
                 where e.BUSINESS_KEY_ = :orderId and j.TYPE_ = 'timer'
                """).param("orderId", orderId).query(String.class).single();
        jdbc.sql("update ACT_RU_JOB set DUEDATE_ = null where ID_ = :id").param("id", timer).update();

        // when: the node looks for jobs without a due date
        acquisitionIndex.giveDueDatesToNewcomers();

        // then: the timer ran: the decision was not taken in time, the default (refund) applies
        assertThat(await().atMost(Duration.ofSeconds(30)).until(() -> api.get(orderId),
                o -> "CANCELLED".equals(o.get("status")))).containsEntry("cancellationReason", "OUT_OF_STOCK_REFUND");
    }

    @Test
    void ordersStillShip() {
        String orderId = api.placed(order("MUG-ECO-01", 2, "12.50"));
        api.awaitStatus(orderId, "SHIPPED");
    }

    private String indexState() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            JobAcquisitionIndex.State due = JobAcquisitionIndex.state(connection, JobAcquisitionIndex.INDEX);
            JobAcquisitionIndex.State locked = JobAcquisitionIndex.state(connection, JobAcquisitionIndex.LOCKED_INDEX);
            return due == locked ? due.name() : due + "/" + locked;
        }
    }

    record Acquisition(String sql, List<Object> values) {
    }

    /** The next selectNextJobsToExecute the job executor runs, with its parameter values. */
    private Acquisition captureNextAcquisition() {
        AtomicReference<Acquisition> captured = new AtomicReference<>();
        var configuration = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
                .getSqlSessionFactory().getConfiguration();
        configuration.addInterceptor(new Capture(captured));
        return await().atMost(Duration.ofSeconds(20)).until(captured::get, a -> a != null);
    }

    @Intercepts({
            @Signature(type = Executor.class, method = "query",
                    args = {MappedStatement.class, Object.class, RowBounds.class, ResultHandler.class}),
            @Signature(type = Executor.class, method = "query",
                    args = {MappedStatement.class, Object.class, RowBounds.class, ResultHandler.class, CacheKey.class,
                            BoundSql.class})})
    record Capture(AtomicReference<Acquisition> captured) implements Interceptor {
        @Override
        public Object intercept(Invocation invocation) throws Throwable {
            MappedStatement statement = (MappedStatement) invocation.getArgs()[0];
            if (statement.getId().endsWith("selectNextJobsToExecute") && captured.get() == null) {
                Object parameter = invocation.getArgs()[1];
                BoundSql bound = statement.getBoundSql(parameter);
                MetaObject meta = statement.getConfiguration().newMetaObject(parameter);
                List<Object> values = new ArrayList<>();
                for (ParameterMapping mapping : bound.getParameterMappings()) {
                    String property = mapping.getProperty();
                    values.add(bound.hasAdditionalParameter(property) ? bound.getAdditionalParameter(property)
                            : meta.getValue(property));
                }
                captured.compareAndSet(null, new Acquisition(bound.getSql(), values));
            }
            return invocation.proceed();
        }

        @Override
        public Object plugin(Object target) {
            return org.apache.ibatis.plugin.Plugin.wrap(target, this);
        }

        @Override
        public void setProperties(Properties properties) {
        }
    }

    /**
     * EXPLAIN of the statement as a server-side prepared statement with the given values: {@code generic}, the
     * plan for any "now" that the driver's prepared statement gets after its fifth run, else with the values.
     */
    private String explain(Acquisition acquisition, boolean analyze) throws SQLException {
        return explain(acquisition, analyze, false);
    }

    private String explain(Acquisition acquisition, boolean analyze, boolean withoutOurIndexes) throws SQLException {
        String sql = acquisition.sql();
        StringBuilder numbered = new StringBuilder();
        int marker = 0;
        for (char c : sql.toCharArray()) {
            numbered.append(c == '?' ? "$" + (++marker) : String.valueOf(c));
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (var statement = connection.createStatement()) {
                statement.execute("set local plan_cache_mode = " + (analyze ? "force_custom_plan" : "force_generic_plan"));
                if (analyze) {
                    // three jobs due now that nobody runs yet, seen by this transaction only (rolled back)
                    statement.execute("""
                            insert into ACT_RU_JOB (ID_, REV_, TYPE_, DUEDATE_, PROCESS_INSTANCE_ID_, EXECUTION_ID_,
                                RETRIES_, SUSPENSION_STATE_, EXCLUSIVE_, HANDLER_TYPE_, HANDLER_CFG_, PRIORITY_,
                                SEQUENCE_COUNTER_)
                            select 'waiting-due-' || n, 1, 'message', now() - interval '1 second', 'instance-d' || n,
                                   'execution-d' || n, 3, 1, true, 'async-continuation', 'transition-create-scope', 0, 1
                              from generate_series(1, 3) n
                            """);
                }
                if (withoutOurIndexes) {
                    // Camunda's schema as it ships (drop index is transactional: rolled back below)
                    statement.execute("drop index " + JobAcquisitionIndex.INDEX);
                    statement.execute("drop index " + JobAcquisitionIndex.LOCKED_INDEX);
                }
                statement.execute("prepare acquisition(" + String.join(", ", acquisition.values().stream()
                        .map(v -> v instanceof Date ? "timestamp" : v instanceof Number ? "bigint"
                                : v instanceof Boolean ? "boolean" : "text").toList()) + ") as " + numbered);
            }
            List<String> literals = acquisition.values().stream().map(v -> v instanceof Date date
                    ? "'" + new Timestamp(date.getTime()) + "'" : v instanceof String text ? "'" + text + "'"
                    : String.valueOf(v)).toList();
            try (PreparedStatement explain = connection.prepareStatement("explain ("
                    + (analyze ? "analyze, buffers, " : "") + "costs) execute acquisition("
                    + String.join(", ", literals) + ")")) {
                StringBuilder plan = new StringBuilder();
                try (ResultSet rows = explain.executeQuery()) {
                    while (rows.next()) {
                        plan.append(rows.getString(1)).append('\n');
                    }
                }
                return plan.toString();
            } finally {
                connection.rollback();
                try (var statement = connection.createStatement()) {
                    statement.execute("deallocate acquisition");
                }
                connection.setAutoCommit(true);
            }
        }
    }

    private static long rowsRemovedByFilter(String plan) {
        return plan.lines().filter(line -> line.contains("Rows Removed by Filter"))
                .mapToLong(line -> Long.parseLong(line.replaceAll(".*Rows Removed by Filter: (\\d+).*", "$1")))
                .sum();
    }
}
