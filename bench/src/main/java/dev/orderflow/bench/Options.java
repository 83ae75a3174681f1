package dev.orderflow.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What {@code bench/run} was asked to do; every option has a default, so a bare {@code bench/run} is the full run. */
record Options(int orders, int concurrency, int warmupOrders, Duration steady, boolean soak, boolean outOfTheBox,
        boolean jfr, Duration referenceDuration, int pgbenchScale, String jdbcUrl, String dbUser, String dbPassword,
        Path appJar, Path outputDirectory, int backlog, List<Integer> backlogSteps) {

    /** {@code --backlog} without a size: the busy shop after some weeks (finished orders). */
    static final int FULL_BACKLOG = 1_000_000;

    static final String USAGE = """
            usage: bench/run [option=value ...]
              --orders=2000            orders placed in each measured run
              --concurrency=16         storefront connections placing them (closed loop)
              --warmup=300             orders placed and shipped before measuring (JIT, caches), not counted
              --steady=PT30S           then orders at half the saturating rate for this long (API latency, nothing stuck)
              --soak                   steady phase of ten minutes with the heap measured after a full GC every minute
              --out-of-the-box=true    also run Camunda with the starter's defaults (the "tuned ÷ default" reference)
              --jfr                    record a JFR profile of the tuned run and print where the time goes
              --reference=PT20S        length of each pgbench reference run
              --pgbench-scale=10       pgbench scale factor (10 = 1 million accounts)
              --jdbc-url=URL           a PostgreSQL server to use instead of the embedded one (user needs CREATEDB)
              --db-user=postgres --db-password=...
              --app-jar=target/orderflow-0.1.0-SNAPSHOT.jar
              --out=bench/results
              --backlog[=1000000]      also measure on a database filled like a busy shop's after some weeks: this
                                       many finished orders (our tables and Camunda's history), 20 % as many shipped
                                       orders waiting for delivery and 2 % waiting for restock (with their timers),
                                       cloned from orders the real service ran; printed beside the empty database
              --backlog-steps=25,50,100  measure after loading these percentages of the backlog, one after another
            """;

    private static final Set<String> FLAGS = Set.of("soak", "jfr", "backlog");

    static Options parse(String... args) {
        Map<String, String> given = new HashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("not an option: " + arg);
            }
            String[] pair = arg.substring(2).split("=", 2);
            if (pair.length == 1 && !FLAGS.contains(pair[0])) {
                throw new IllegalArgumentException("--" + pair[0] + " needs a value (--" + pair[0] + "=...)");
            }
            given.put(pair[0], pair.length == 1 ? "true" : pair[1]);
        }
        boolean soak = Boolean.parseBoolean(given.remove("soak"));
        String backlog = given.getOrDefault("backlog", "0");
        Options options = new Options(
                positive(given, "orders", "2000"),
                positive(given, "concurrency", "16"),
                Integer.parseInt(given.getOrDefault("warmup", "300")),
                Duration.parse(given.getOrDefault("steady", soak ? "PT10M" : "PT30S")),
                soak,
                Boolean.parseBoolean(given.getOrDefault("out-of-the-box", "true")),
                Boolean.parseBoolean(given.getOrDefault("jfr", "false")),
                Duration.parse(given.getOrDefault("reference", "PT20S")),
                positive(given, "pgbench-scale", "10"),
                given.get("jdbc-url"),
                given.getOrDefault("db-user", "postgres"),
                given.getOrDefault("db-password", ""),
                Path.of(given.getOrDefault("app-jar", "target/orderflow-0.1.0-SNAPSHOT.jar")),
                Path.of(given.getOrDefault("out", "bench/results")),
                backlog.equals("true") ? FULL_BACKLOG : Integer.parseInt(backlog.replace("_", "")),
                steps(given.getOrDefault("backlog-steps", "25,50,100")));
        if (options.backlog() < 0 || (options.backlog() > 0 && options.backlog() < Backlog.MIN_FINISHED)) {
            throw new IllegalArgumentException("--backlog must be at least " + Backlog.MIN_FINISHED
                    + " finished orders (the orders it is cloned from)");
        }
        given.keySet().removeAll(Set.of("orders", "concurrency", "warmup", "steady", "out-of-the-box", "jfr",
                "reference", "pgbench-scale", "jdbc-url", "db-user", "db-password", "app-jar", "out", "backlog",
                "backlog-steps"));
        if (!given.isEmpty()) {
            throw new IllegalArgumentException("unknown option(s): " + given.keySet());
        }
        if (!Files.isRegularFile(options.appJar())) {
            throw new IllegalArgumentException("no application jar at " + options.appJar()
                    + " (bench/run builds it with ./mvnw package)");
        }
        return options;
    }

    /** Ascending percentages from 1 to 100 that end at 100: the backlog is loaded step by step. */
    private static List<Integer> steps(String list) {
        List<Integer> steps = new ArrayList<>();
        for (String step : list.split(",")) {
            steps.add(Integer.parseInt(step.trim().replace("%", "")));
        }
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i) < 1 || steps.get(i) > 100 || (i > 0 && steps.get(i) <= steps.get(i - 1))) {
                throw new IllegalArgumentException("--backlog-steps: ascending percentages from 1 to 100, e.g. 25,50,100");
            }
        }
        if (steps.get(steps.size() - 1) != 100) {
            throw new IllegalArgumentException("--backlog-steps must end at 100 (the full backlog)");
        }
        return List.copyOf(steps);
    }

    private static int positive(Map<String, String> given, String name, String fallback) {
        int value = Integer.parseInt(given.getOrDefault(name, fallback));
        if (value < 1) {
            throw new IllegalArgumentException("--" + name + " must be at least 1");
        }
        return value;
    }
}
