package dev.orderflow.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One benchmark run: the database's ceiling (pgbench), then Orderflow twice on the same server, once with
 * Camunda's out-of-the-box settings and once as configured in {@code application.yaml}, each on an empty
 * database of its own, and a table of the figures and their ratios.
 */
public final class Benchmark {

    /** The starter's defaults and history level full, layered over application.yaml for the reference run. */
    static final Path OUT_OF_THE_BOX = Path.of("bench/camunda-out-of-the-box.yaml");
    /** An order that has not moved for this long is stuck: no step of the happy path waits for anything. */
    static final Duration PATIENCE = Duration.ofSeconds(60);

    private Benchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (List.of(args).contains("--help")) {
            System.out.print(Options.USAGE);
            return;
        }
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException wrong) {
            System.err.println(wrong.getMessage());
            System.err.print(Options.USAGE);
            System.exit(2);
            return;
        }
        Files.createDirectories(options.outputDirectory());
        try (BenchDatabase database = BenchDatabase.start(options)) {
            say("database: " + database.description());
            PgBench pgbench = new PgBench(database, options);
            say("reference: pgbench TPC-B, " + options.concurrency() + " clients, " + options.referenceDuration());
            double tpcB = pgbench.tpcB(options.concurrency());
            say("reference: single-row insert + commit, " + options.concurrency() + " clients");
            double singleRow = pgbench.singleRowInserts(options.concurrency());
            ConfigurationRun outOfTheBox = options.outOfTheBox()
                    ? measure("out-of-the-box", OUT_OF_THE_BOX, database, options, false)
                    : null;
            ConfigurationRun tuned = measure("tuned", null, database, options, true);
            BacklogRuns backlog = options.backlog() > 0 ? BacklogRuns.run(database, options) : null;
            Report report = new Report(options, database.description(), tpcB, singleRow, outOfTheBox, tuned, backlog);
            String table = report.render();
            System.out.println();
            System.out.println(table);
            Path file = options.outputDirectory().resolve(
                    "run-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".md");
            Files.writeString(file, table);
            say("written to " + file);
            if (!report.allOrdersShipped()) {
                System.exit(1);
            }
        }
    }

    private static ConfigurationRun measure(String name, Path configuration, BenchDatabase database, Options options,
            boolean withSteadyPhase) throws Exception {
        String databaseName = "orderflow_" + name.replace('-', '_');
        database.recreate(databaseName);
        say(name + ": starting Orderflow on database " + databaseName);
        boolean profiling = options.jfr() && withSteadyPhase;
        // JFR started in a warm JVM deoptimizes and recompiles much of it: when profiling, it runs from the start,
        // so the warm-up pays for that and the measured phase only opens a second recording
        List<String> jvmOptions = profiling
                ? List.of("-XX:StartFlightRecording:name=startup,settings=default,maxage=2m")
                : List.of();
        try (AppUnderTest app = AppUnderTest.start(name, options, database, databaseName, configuration, jvmOptions)) {
            ConfigurationRun run = measureOn(app, name, "", database, databaseName, options, withSteadyPhase,
                    profiling, false, Instant.EPOCH);
            app.close();
            // the next configuration starts on a server without this one's dirty pages and vacuum work
            database.drop(databaseName);
            return run;
        }
    }

    /**
     * Warm-up, the measured closed loop and (if asked) the phase at half the saturating rate, on a running service.
     * {@code suffix} makes the batches' references new on a database that holds earlier ones; {@code since} is when
     * this phase's orders are placed at the earliest; {@code historyCleanup} triggers Camunda's history cleanup
     * as the half-rate phase starts and measures its rows removed against rows written.
     */
    static ConfigurationRun measureOn(AppUnderTest app, String name, String suffix, BenchDatabase database,
            String databaseName, Options options, boolean withSteadyPhase, boolean profiling, boolean historyCleanup,
            Instant since) throws Exception {
        Storefront storefront = new Storefront(app.baseUrl());
        storefront.stockUp(100_000);
        Shipments shipments = new Shipments(database, databaseName, since);
        if (options.warmupOrders() > 0) {
            say(name + ": warming up with " + options.warmupOrders() + " orders");
            storefront.placeClosedLoop("warmup" + suffix, options.warmupOrders(), options.concurrency());
            shipments.await("warmup" + suffix + "-", options.warmupOrders(), PATIENCE);
        }

        say(name + ": placing " + options.orders() + " orders at concurrency " + options.concurrency());
        database.quiesce(databaseName);
        BenchDatabase.settleStatistics();
        database.resetStatementStatistics();
        BenchDatabase.Counters countersBefore = database.counters(databaseName);
        // on the full backlog, each table's growth per order is counted exactly (sizing retention)
        BenchDatabase.TableActivity tablesBefore = historyCleanup ? database.rowCounts(databaseName) : null;
        CpuMeter.Usage cpuBefore = CpuMeter.read(app.pid(), database.postmasterPid());
        app.sampleHeap();
        if (profiling) {
            app.startRecording();
        }
        Storefront.Placed placed = storefront.placeClosedLoop("measured" + suffix, options.orders(), options.concurrency());
        Shipments.Outcome outcome = shipments.await("measured" + suffix + "-", options.orders(), PATIENCE);
        CpuMeter.Usage cpu = CpuMeter.read(app.pid(), database.postmasterPid()).minus(cpuBefore);
        String profile = null;
        if (profiling) {
            Path recording = options.outputDirectory().resolve(name + ".jfr");
            app.stopRecording(recording);
            profile = JfrSummary.summarize(recording);
        }
        BenchDatabase.settleStatistics();
        BenchDatabase.Counters counters = database.counters(databaseName).minus(countersBefore);
        BenchDatabase.TableActivity tables = historyCleanup
                ? database.rowCounts(databaseName).minus(tablesBefore) : null;
        String topStatements = "by time:\n" + database.topStatements(databaseName, "total_exec_time", 12)
                + "\nmost often:\n" + database.topStatements(databaseName, "calls", 30);
        say(name + ": " + outcome.shipped() + " shipped, " + String.format("%.1f", outcome.ordersPerSecond())
                + " orders/s end to end");

        SteadyRun steady = null;
        if (withSteadyPhase && options.steady().toMillis() > 0 && outcome.shipped() > 0) {
            steady = steady(app, storefront, shipments, options, outcome.ordersPerSecond() / 2, suffix, database,
                    databaseName, historyCleanup);
        }
        return new ConfigurationRun(name, placed, outcome, counters, cpu, app.peakHeapBytes(),
                app.peakResidentBytes(), topStatements, profile, steady, tables);
    }

    /** Orders at half the saturating rate: the latency a storefront sees in normal business, and a soak test. */
    private static SteadyRun steady(AppUnderTest app, Storefront storefront, Shipments shipments, Options options,
            double rate, String suffix, BenchDatabase database, String databaseName, boolean historyCleanup)
            throws Exception {
        say(String.format("tuned: %.1f orders/s (half the saturating rate) for %s", rate, options.steady()));
        BenchDatabase.TableActivity tablesBefore = null;
        long dueBefore = 0;
        if (historyCleanup) {
            BenchDatabase.settleStatistics();
            dueBefore = database.historyPastRemovalTime(databaseName);
            tablesBefore = database.tableActivity(databaseName);
            say("history cleanup triggered: " + app.triggerHistoryCleanup());
        }
        List<Long> heapAfterGc = Collections.synchronizedList(new ArrayList<>());
        ScheduledExecutorService heapProbe = Executors.newSingleThreadScheduledExecutor();
        if (options.soak()) {
            heapProbe.scheduleAtFixedRate(() -> {
                try {
                    heapAfterGc.add(app.heapAfterFullGc());
                } catch (Exception unavailable) {
                    say("heap probe failed: " + unavailable);
                }
            }, 0, 1, TimeUnit.MINUTES);
        }
        Storefront.Placed placed = storefront.placeAtRate("steady" + suffix, rate, options.steady());
        heapProbe.shutdownNow();
        Shipments.Outcome outcome = shipments.await("steady" + suffix + "-", placed.latencies().count(), PATIENCE);
        if (options.soak()) {
            heapAfterGc.add(app.heapAfterFullGc());
        }
        HistoryCleanup cleanup = null;
        if (historyCleanup) {
            BenchDatabase.settleStatistics();
            BenchDatabase.TableActivity tables = database.tableActivity(databaseName).minus(tablesBefore);
            cleanup = new HistoryCleanup(tables, dueBefore, database.historyPastRemovalTime(databaseName));
        }
        return new SteadyRun(rate, placed, outcome, List.copyOf(heapAfterGc), cleanup);
    }

    static void say(String line) {
        System.out.println("[" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("HH:mm:ss")) + "] " + line);
    }

    /** Everything measured for one configuration of the service. */
    record ConfigurationRun(String name, Storefront.Placed placed, Shipments.Outcome outcome,
            BenchDatabase.Counters database, CpuMeter.Usage cpu, long peakHeapBytes, long peakResidentBytes,
            String topStatements, String profile, SteadyRun steady, BenchDatabase.TableActivity tables) {
    }

    /** The phase at half the saturating rate. */
    record SteadyRun(double rate, Storefront.Placed placed, Shipments.Outcome outcome, List<Long> heapAfterFullGc,
            HistoryCleanup historyCleanup) {
    }

    /**
     * What history cleanup did while orders came in: rows inserted and deleted per table (PostgreSQL's statistics)
     * and the process instances past their removal time before and after.
     */
    record HistoryCleanup(BenchDatabase.TableActivity tables, long instancesDueBefore, long instancesDueAfter) {
    }
}
