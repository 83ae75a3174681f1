package dev.orderflow.fulfillment.engine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.Locale;

import javax.sql.DataSource;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The indexes that serve Camunda's job acquisition, {@value #INDEX} on {@code ACT_RU_JOB (DUEDATE_)} and
 * {@value #LOCKED_INDEX} on the jobs being run, and the due dates they rely on.
 *
 * <p>Camunda's schema has no index for the acquisition query, so every acquisition read every waiting job: each
 * shipped order's delivery timer, each waiting order's restock timer. With {@code ensure-job-due-date-not-null}
 * and {@code job-executor-acquire-by-due-date} on (application.yaml) the query is {@code DUEDATE_ <= now ... order
 * by DUEDATE_ limit n}: on this index it reads the due jobs only. Its test that no other job of the same process
 * instance is running reads the locked jobs on {@value #LOCKED_INDEX}; without it PostgreSQL hashed every row of
 * the table for that test (docs/decisions/flat-job-acquisition.md).
 *
 * <p>Camunda creates and updates its tables while the engine is built, after Flyway, so the index is made here,
 * once the engine is built. On PostgreSQL it is a partial index ({@code where RETRIES_ > 0 and SUSPENSION_STATE_ =
 * 1}, as the query says; the other {@code where LOCK_OWNER_ is not null}), built {@code CONCURRENTLY} in the background, so neither a start nor the running nodes wait
 * for it on a large table (acquisition works without it, only slower): one node at a time (advisory lock), and a
 * leftover of an interrupted build ({@code INVALID}) is dropped and built again. On H2 they are plain indexes.
 *
 * <p>Jobs created before due dates were ensured (an earlier Orderflow, or a node of one during a rolling upgrade)
 * may have none; the query no longer finds those, so they get "now" as due date: all of them at start, the
 * acquirable ones again every {@code orderflow.engine.job-due-date-check-interval}, 1,000 rows per transaction.
 */
@Component
class JobAcquisitionIndex extends AbstractProcessEnginePlugin {

    static final String INDEX = "orderflow_job_due";
    /**
     * The jobs being run now (locked), few at any time: the query's "no other job of the same process instance is
     * running" test reads these instead of the whole table.
     */
    static final String LOCKED_INDEX = "orderflow_job_locked";
    /** any fixed number of ours: the advisory lock that lets one node at a time build the index */
    static final long BUILD_LOCK = 0x4f72646572L;
    static final int BATCH = 1000;

    private static final Logger log = LoggerFactory.getLogger(JobAcquisitionIndex.class);

    private volatile DataSource dataSource;
    private volatile String table = "ACT_RU_JOB";

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        ProcessEngineConfigurationImpl configuration =
                (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        String prefix = configuration.getDatabaseTablePrefix() == null ? "" : configuration.getDatabaseTablePrefix();
        this.table = prefix + "ACT_RU_JOB";
        this.dataSource = configuration.getDataSource();
        DataSource source = dataSource;
        String jobs = table;
        Thread builder = new Thread(() -> {
            try {
                giveDueDates(source, jobs, false);
                ensureIndex(source, jobs, Duration.ofSeconds(5));
            } catch (SQLException | RuntimeException e) {
                log.warn("The job acquisition index {} was not made: acquisition reads every waiting job until a"
                        + " restart makes it ({})", INDEX, e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "orderflow-job-index");
        builder.setDaemon(true);
        builder.start();
    }

    /** Acquirable jobs without a due date (written by a node of an earlier version) get one. */
    @Scheduled(initialDelayString = "${orderflow.engine.job-due-date-check-interval}",
            fixedDelayString = "${orderflow.engine.job-due-date-check-interval}")
    void giveDueDatesToNewcomers() {
        if (dataSource == null) {
            return;
        }
        try {
            giveDueDates(dataSource, table, true);
        } catch (SQLException e) {
            log.warn("Could not give jobs without a due date one: {}", e.getMessage());
        }
    }

    /**
     * Sets the due date of jobs that have none to now, {@value #BATCH} per transaction; returns how many.
     * {@code acquirableOnly}: only those acquisition would take (the index covers them), else all of them.
     */
    static int giveDueDates(DataSource dataSource, String table, boolean acquirableOnly) throws SQLException {
        String which = "DUEDATE_ is null" + (acquirableOnly ? " and RETRIES_ > 0 and SUSPENSION_STATE_ = 1" : "");
        String sql = "update " + table + " set DUEDATE_ = ? where ID_ in (select ID_ from " + table + " where " + which
                + " fetch first " + BATCH + " rows only)";
        int total = 0;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            try (PreparedStatement update = connection.prepareStatement(sql)) {
                int done;
                do {
                    update.setTimestamp(1, new Timestamp(ClockUtil.getCurrentTime().getTime()));
                    done = update.executeUpdate();
                    total += done;
                } while (done == BATCH);
            }
        }
        if (total > 0) {
            log.info("{} jobs had no due date (written before due dates were ensured); they are due now", total);
        }
        return total;
    }

    /**
     * Makes the index if it is missing or invalid, and returns once it is valid. While another node builds it
     * (holding the advisory lock), looks again every {@code pause}; if that node dies, its lock goes with its
     * session and this node builds it. Blocks while it builds: call it off the start-up path.
     */
    static void ensureIndex(DataSource dataSource, String table, Duration pause)
            throws SQLException, InterruptedException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            if (!connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres")) {
                try (var statement = connection.createStatement()) {
                    statement.execute("create index if not exists " + INDEX + " on " + table + " (DUEDATE_)");
                    statement.execute("create index if not exists " + LOCKED_INDEX + " on " + table
                            + " (LOCK_EXP_TIME_)");
                }
                return;
            }
        }
        while (true) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                if (state(connection, INDEX) == State.VALID && state(connection, LOCKED_INDEX) == State.VALID) {
                    return;
                }
                if (tryLock(connection)) {
                    try {
                        build(connection, table);
                        return;
                    } finally {
                        unlock(connection);
                    }
                }
            }
            // another node builds it; it is done when valid, or that node died and the lock is free again
            Thread.sleep(pause.toMillis());
        }
    }

    enum State { MISSING, INVALID, VALID }

    static State state(Connection connection, String index) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("""
                select i.indisvalid and i.indisready from pg_class c join pg_index i on i.indexrelid = c.oid
                 where c.relname = ? and c.relnamespace = (select oid from pg_namespace where nspname = current_schema())
                """)) {
            query.setString(1, index);
            try (ResultSet result = query.executeQuery()) {
                return !result.next() ? State.MISSING : result.getBoolean(1) ? State.VALID : State.INVALID;
            }
        }
    }

    private static void build(Connection connection, String table) throws SQLException {
        build(connection, INDEX, table + " (DUEDATE_) where RETRIES_ > 0 and SUSPENSION_STATE_ = 1");
        build(connection, LOCKED_INDEX, table + " (LOCK_EXP_TIME_, PROCESS_INSTANCE_ID_) where LOCK_OWNER_ is not null");
    }

    private static void build(Connection connection, String index, String definition) throws SQLException {
        State state = state(connection, index);
        if (state == State.VALID) {
            return;
        }
        try (var statement = connection.createStatement()) {
            if (state == State.INVALID) {
                log.warn("The job acquisition index {} is left over from an interrupted build; building it again",
                        index);
                statement.execute("drop index concurrently if exists " + index);
            }
            log.info("Building the job acquisition index {} (concurrently: jobs keep running meanwhile)", index);
            long started = System.nanoTime();
            statement.execute("create index concurrently if not exists " + index + " on " + definition);
            log.info("Job acquisition index {} built in {} ms", index, (System.nanoTime() - started) / 1_000_000);
        }
    }

    private static boolean tryLock(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("select pg_try_advisory_lock(?)")) {
            lock.setLong(1, BUILD_LOCK);
            try (ResultSet result = lock.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }

    private static void unlock(Connection connection) throws SQLException {
        try (PreparedStatement unlock = connection.prepareStatement("select pg_advisory_unlock(?)")) {
            unlock.setLong(1, BUILD_LOCK);
            unlock.execute();
        }
    }
}
