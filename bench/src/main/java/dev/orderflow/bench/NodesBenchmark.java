package dev.orderflow.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code bench/nodes}: Orderflow as one, two and three nodes on one PostgreSQL, with the database on a core of its
 * own and the nodes on the others (taskset), after a run of one node with every core shared. Says how many orders
 * per second each configuration carries, what an order costs the nodes and the database in CPU, and how busy the
 * database's core was: the rate at which PostgreSQL becomes the limit follows from that, measured, not guessed.
 */
public final class NodesBenchmark {

    static final String USAGE = """
            usage: bench/nodes [option=value ...]
              --nodes=1,2,3            node counts measured with PostgreSQL on core 0 and the nodes on the others
              every option of bench/run that applies: --orders, --concurrency, --warmup, --jdbc-url, --app-jar, --out
            """;
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    /** One configuration's figures. Busy: CPU seconds used per second of the run (1.0 = one whole core). */
    record NodesRun(String label, int nodes, Storefront.Placed placed, Shipments.Outcome outcome, CpuMeter.Usage cpu,
            double seconds) {

        double ordersPerSecond() {
            return outcome.ordersPerSecond();
        }

        double databaseBusy() {
            return cpu.database() / seconds;
        }

        double nodesBusy() {
            return cpu.app() / seconds;
        }

        double perOrderMillis(double cpuSeconds) {
            return cpuSeconds * 1000 / outcome.shipped();
        }
    }

    private NodesBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<Integer> nodeCounts = List.of(1, 2, 3);
        List<String> rest = new ArrayList<>();
        for (String arg : args) {
            if (arg.equals("--help")) {
                System.out.print(USAGE);
                return;
            } else if (arg.startsWith("--nodes=")) {
                nodeCounts = Arrays.stream(arg.substring("--nodes=".length()).split(",")).map(Integer::valueOf).toList();
            } else {
                rest.add(arg);
            }
        }
        Options options = Options.parse(rest.toArray(String[]::new));
        int cores = Runtime.getRuntime().availableProcessors();
        if (cores < 2) {
            System.err.println("bench/nodes needs at least 2 cores: one for PostgreSQL, the rest for the nodes");
            System.exit(2);
        }
        String databaseCores = "0";
        String nodeCores = cores == 2 ? "1" : "1-" + (cores - 1);
        Files.createDirectories(options.outputDirectory());
        List<NodesRun> runs = new ArrayList<>();
        try (BenchDatabase database = BenchDatabase.start(options)) {
            Benchmark.say("database: " + database.description());
            runs.add(measure("1 node, every core shared", 1, null, database, options));
            if (database.postmasterPid() < 0) {
                System.err.println("bench/nodes pins PostgreSQL to a core: it needs the server on this machine");
                System.exit(2);
            }
            int pinned = CpuPinning.pinPostgres(database.postmasterPid(), databaseCores);
            Benchmark.say("PostgreSQL pinned to core " + databaseCores + " (" + pinned + " processes)");
            for (int nodes : nodeCounts) {
                runs.add(measure(nodes + (nodes == 1 ? " node" : " nodes") + " on core " + nodeCores
                        + ", PostgreSQL on core " + databaseCores, nodes, nodeCores, database, options));
            }
            String table = render(options, database.description(), cores, runs);
            System.out.println();
            System.out.println(table);
            Path file = options.outputDirectory().resolve(
                    "nodes-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".md");
            Files.writeString(file, table);
            Benchmark.say("written to " + file);
        }
        boolean allShipped = runs.stream().allMatch(run -> run.placed().failed() == 0
                && run.outcome().shipped() == run.placed().latencies().count());
        if (!allShipped) {
            System.exit(1);
        }
    }

    private static NodesRun measure(String label, int nodes, String nodeCores, BenchDatabase database, Options options)
            throws Exception {
        String databaseName = "orderflow_nodes";
        database.recreate(databaseName);
        Benchmark.say(label + ": starting");
        List<AppUnderTest> apps = new ArrayList<>();
        try {
            for (int i = 0; i < nodes; i++) {
                // one after the other: the first creates the schema, the others find it
                AppUnderTest app = AppUnderTest.start("node-" + nodes + "-" + (i + 1), options, database, databaseName,
                        null, List.of());
                apps.add(app);
                if (nodeCores != null) {
                    CpuPinning.pin(app.pid(), nodeCores);
                }
            }
            List<Storefront> storefronts = new ArrayList<>();
            for (AppUnderTest app : apps) {
                Storefront storefront = new Storefront(app.baseUrl());
                // reads the catalog; each node's restock adds to the same stock rows
                storefront.stockUp(100_000 / nodes);
                storefronts.add(storefront);
            }
            Shipments shipments = new Shipments(database, databaseName);
            if (options.warmupOrders() > 0) {
                placeOnEveryNode(storefronts, "warmup", options.warmupOrders(), options.concurrency());
                shipments.await("warmup-", options.warmupOrders(), PATIENCE);
            }
            database.quiesce(databaseName);
            BenchDatabase.settleStatistics();
            CpuMeter.Usage before = cpu(apps, database);
            Storefront.Placed placed = placeOnEveryNode(storefronts, "measured", options.orders(), options.concurrency());
            Shipments.Outcome outcome = shipments.await("measured-", options.orders(), PATIENCE);
            CpuMeter.Usage used = cpu(apps, database).minus(before);
            double seconds = Duration.between(outcome.firstPlaced(), outcome.lastShipped()).toNanos() / 1e9;
            NodesRun run = new NodesRun(label, nodes, placed, outcome, used, seconds);
            Benchmark.say(String.format("%s: %d shipped, %.1f orders/s, PostgreSQL %.0f %% of a core", label,
                    outcome.shipped(), run.ordersPerSecond(), run.databaseBusy() * 100));
            return run;
        } finally {
            for (AppUnderTest app : apps) {
                app.close();
            }
            database.drop(databaseName);
        }
    }

    /**
     * The storefront's connections spread over the nodes, as a load balancer would: each node gets its share of
     * the orders and of the connections; external references are {@code batch-n<node>-<n>}.
     */
    private static Storefront.Placed placeOnEveryNode(List<Storefront> storefronts, String batch, int orders,
            int concurrency) throws Exception {
        int nodes = storefronts.size();
        ExecutorService loadGenerators = Executors.newFixedThreadPool(nodes);
        List<Future<Storefront.Placed>> parts = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            Storefront storefront = storefronts.get(i);
            int share = orders / nodes + (i < orders % nodes ? 1 : 0);
            int connections = Math.max(1, concurrency / nodes);
            String nodeBatch = batch + "-n" + (i + 1);
            parts.add(loadGenerators.submit(() -> storefront.placeClosedLoop(nodeBatch, share, connections)));
        }
        List<Latencies> latencies = new ArrayList<>();
        int failed = 0;
        long started = Long.MAX_VALUE;
        long ended = Long.MIN_VALUE;
        for (Future<Storefront.Placed> part : parts) {
            Storefront.Placed placed = part.get();
            latencies.add(placed.latencies());
            failed += placed.failed();
            started = Math.min(started, placed.startedNanos());
            ended = Math.max(ended, placed.endedNanos());
        }
        loadGenerators.shutdown();
        return new Storefront.Placed(Latencies.merge(latencies), failed, started, ended);
    }

    /** CPU seconds so far: every node together, PostgreSQL, this load generator. */
    private static CpuMeter.Usage cpu(List<AppUnderTest> apps, BenchDatabase database) throws java.io.IOException {
        double nodes = 0;
        CpuMeter.Usage last = null;
        for (AppUnderTest app : apps) {
            last = CpuMeter.read(app.pid(), database.postmasterPid());
            nodes += last.app();
        }
        return new CpuMeter.Usage(nodes, last.database(), last.loadGenerator());
    }

    static String render(Options options, String database, int cores, List<NodesRun> runs) {
        StringBuilder out = new StringBuilder();
        out.append("## Orderflow on several nodes, ").append(LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE))
                .append("\n\nMachine: ").append(cores).append(" cores  \nDatabase: ").append(database)
                .append("  \nLoad: ").append(options.orders()).append(" orders per configuration at concurrency ")
                .append(options.concurrency()).append(" (spread over the nodes) after ").append(options.warmupOrders())
                .append(" warm-up orders.\n\n");
        out.append("| configuration | end-to-end orders/s | API p99 (ms) | CPU ms per order: nodes / PostgreSQL"
                + " | PostgreSQL busy (cores) | nodes busy (cores) | orders/s at which PostgreSQL's core would be full |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|\n");
        for (NodesRun run : runs) {
            out.append(String.format("| %s | %.1f | %.1f | %.1f / %.1f | %.2f | %.2f | %.0f |%n", run.label(),
                    run.ordersPerSecond(), run.placed().latencies().percentileMillis(99),
                    run.perOrderMillis(run.cpu().app()), run.perOrderMillis(run.cpu().database()), run.databaseBusy(),
                    run.nodesBusy(), run.ordersPerSecond() / Math.max(run.databaseBusy(), 1e-9)));
        }
        out.append("\nNot shipped / API errors: ");
        for (NodesRun run : runs) {
            out.append(run.label()).append(": ").append(run.placed().latencies().count() - run.outcome().shipped())
                    .append(" / ").append(run.placed().failed()).append("; ");
        }
        out.append("\n\nThe last column assumes the order mix stays the same and PostgreSQL's work per order does not "
                + "grow with its load (lock waits do): an upper bound for one database core.\n");
        return out.toString();
    }
}
