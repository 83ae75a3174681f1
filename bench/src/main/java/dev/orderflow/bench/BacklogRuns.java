package dev.orderflow.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.orderflow.bench.Benchmark.ConfigurationRun;

/**
 * The tuned service on a database with a backlog ({@link Backlog}), loaded step by step and measured after each
 * step; on the full backlog also the phase at half the saturating rate, with history cleanup running.
 */
record BacklogRuns(int finishedOrders, Duration templateTook, List<Step> steps, Map<String, Long> rowsAfterLoading,
        Map<String, Double> rowsPerTemplateOrder, String clonesProved, CleanupPace cleanupPace) {

    /**
     * History cleanup on the full backlog, watched from the moment the service is started on it (cleanup runs around
     * the clock by itself): process instances past their removal time then, and how long until none was left
     * ({@code drainedAfter} null: some were left when the measured phases ended, {@code leftAtEnd} of them).
     */
    record CleanupPace(long dueAtStart, Duration drainedAfter, long leftAtEnd, Duration watched) {
        /** Instances removed per second; a lower bound, as the watch includes the service's start. */
        double instancesPerSecond() {
            Duration took = drainedAfter != null ? drainedAfter : watched;
            return (dueAtStart - leftAtEnd) / Math.max(0.001, took.toMillis() / 1000.0);
        }
    }

    /** One step: how much of the backlog was loaded, how long that took, and what the service did on it. */
    record Step(int percent, int copies, Backlog.Loaded loaded, ConfigurationRun run) {
        int finishedOrders() {
            return copies * Backlog.TEMPLATE_FINISHED;
        }
    }

    static final String DATABASE = "orderflow_backlog";

    static BacklogRuns run(BenchDatabase database, Options options) throws Exception {
        database.recreate(DATABASE);
        Backlog backlog = new Backlog(database, DATABASE, options.backlog());
        Instant templateStarted = Instant.now();
        Benchmark.say("backlog: the real service runs the template orders (" + Backlog.TEMPLATE_FINISHED + " finished, "
                + Backlog.TEMPLATE_SHIPPED + " shipped, " + Backlog.TEMPLATE_AWAITING_RESTOCK + " awaiting restock)");
        try (AppUnderTest app = AppUnderTest.start("backlog-template", options, database, DATABASE, null, List.of())) {
            Storefront storefront = new Storefront(app.baseUrl());
            storefront.stockUp(100_000);
            backlog.runTemplate(app, storefront);
        }
        backlog.snapshot();
        Duration templateTook = Duration.between(templateStarted, Instant.now());
        Benchmark.say("backlog: template taken in " + templateTook.toSeconds() + " s; " + backlog.fullCopies()
                + " copies make the full backlog");

        List<Step> steps = new ArrayList<>();
        Map<String, Long> rows = null;
        String proved = null;
        CleanupPace pace = null;
        for (int percent : options.backlogSteps()) {
            int copies = Math.max(1, (int) Math.round(backlog.fullCopies() * percent / 100.0));
            Benchmark.say("backlog: loading to " + percent + " % (" + copies * Backlog.TEMPLATE_FINISHED
                    + " finished orders)");
            Backlog.Loaded loaded = backlog.loadTo(copies);
            Benchmark.say(String.format("backlog: %d rows in %.1f s", loaded.rows(), loaded.took().toMillis() / 1000.0));
            boolean full = percent == 100;
            if (full) {
                rows = backlog.rowCounts();
            }
            String name = "backlog-" + percent;
            long dueAtStart = full ? database.historyPastRemovalTime(DATABASE) : 0;
            Instant started = Instant.now();
            java.util.concurrent.atomic.AtomicReference<Duration> drained = new java.util.concurrent.atomic.AtomicReference<>();
            java.util.concurrent.ScheduledExecutorService watch = java.util.concurrent.Executors
                    .newSingleThreadScheduledExecutor();
            if (full && dueAtStart > 0) {
                watch.scheduleWithFixedDelay(() -> {
                    try {
                        if (drained.get() == null && database.historyPastRemovalTime(DATABASE) == 0) {
                            drained.set(Duration.between(started, Instant.now()));
                        }
                    } catch (java.sql.SQLException unavailable) {
                        Benchmark.say("history cleanup watch: " + unavailable.getMessage());
                    }
                }, 1, 1, java.util.concurrent.TimeUnit.SECONDS);
            }
            try (AppUnderTest app = AppUnderTest.start(name, options, database, DATABASE, null, List.of())) {
                if (full) {
                    proved = backlog.proveClonesAreReal(app);
                    Benchmark.say("backlog: " + proved);
                }
                ConfigurationRun run = Benchmark.measureOn(app, name, String.valueOf(percent), database, DATABASE,
                        options, full, false, full, Instant.now().minusSeconds(5));
                steps.add(new Step(percent, copies, loaded, run));
            } finally {
                watch.shutdownNow();
            }
            if (full) {
                pace = new CleanupPace(dueAtStart, drained.get(),
                        drained.get() != null ? 0 : database.historyPastRemovalTime(DATABASE),
                        Duration.between(started, Instant.now()));
            }
        }
        Map<String, Double> perOrder = backlog.rowsPerTemplateOrder();
        database.drop(DATABASE);
        return new BacklogRuns(options.backlog(), templateTook, steps, rows, perOrder, proved, pace);
    }

    Step full() {
        return steps.get(steps.size() - 1);
    }

    Duration loadTook() {
        return steps.stream().map(step -> step.loaded().took()).reduce(Duration.ZERO, Duration::plus);
    }
}
