package dev.orderflow.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.orderflow.bench.Benchmark.ConfigurationRun;

/** The table of one run, in Markdown: what bench/run prints and what bench/RESULTS.md quotes. */
final class Report {

    private static final double MIB = 1024.0 * 1024.0;

    private final Options options;
    private final String database;
    private final double tpcB;
    private final double singleRow;
    private final ConfigurationRun outOfTheBox;
    private final ConfigurationRun tuned;
    private final BacklogRuns backlog;

    Report(Options options, String database, double tpcB, double singleRow, ConfigurationRun outOfTheBox,
            ConfigurationRun tuned, BacklogRuns backlog) {
        this.backlog = backlog;
        this.options = options;
        this.database = database;
        this.tpcB = tpcB;
        this.singleRow = singleRow;
        this.outOfTheBox = outOfTheBox;
        this.tuned = tuned;
    }

    /** Every order accepted and shipped, in every phase: otherwise bench/run exits 1. */
    boolean allOrdersShipped() {
        return shippedAll(tuned) && (outOfTheBox == null || shippedAll(outOfTheBox)) && steadyShippedAll(tuned)
                && (backlog == null || backlog.steps().stream().allMatch(
                        step -> shippedAll(step.run()) && steadyShippedAll(step.run())));
    }

    private static boolean steadyShippedAll(ConfigurationRun run) {
        return run.steady() == null || (run.steady().placed().failed() == 0
                && run.steady().outcome().shipped() == run.steady().placed().latencies().count());
    }

    private boolean shippedAll(ConfigurationRun run) {
        return stuck(run) == 0 && run.placed().failed() == 0;
    }

    String render() {
        StringBuilder out = new StringBuilder();
        out.append("## Orderflow benchmark, ").append(LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE))
                .append("\n\n");
        out.append("Machine: ").append(machine()).append("  \nDatabase: ").append(database).append("  \nLoad: ")
                .append(options.orders()).append(" orders per configuration at concurrency ")
                .append(options.concurrency()).append(" after ").append(options.warmupOrders())
                .append(" warm-up orders; 1–3 lines each, every order takes the happy path to SHIPPED.\n\n");

        List<ConfigurationRun> runs = outOfTheBox == null ? List.of(tuned) : List.of(outOfTheBox, tuned);
        out.append("| | ").append(runs.stream().map(run -> label(run.name())).collect(Collectors.joining(" | ")))
                .append(" |\n|---|").append("---:|".repeat(runs.size())).append('\n');
        row(out, runs, "accepted orders/s (API)", run -> f1(run.placed().perSecond()));
        row(out, runs, "API latency p50 / p95 / p99 (ms)", run -> latency(run.placed().latencies()));
        row(out, runs, "**end-to-end orders/s** (first placed → last SHIPPED)",
                run -> "**" + f1(run.outcome().ordersPerSecond()) + "**");
        row(out, runs, "placement → SHIPPED median / p99 (s)", run -> String.format("%.2f / %.2f",
                run.outcome().placementToShipped().percentileMillis(50) / 1000,
                run.outcome().placementToShipped().percentileMillis(99) / 1000));
        row(out, runs, "DB commits per order", run -> f1((double) run.database().commits() / options.orders()));
        row(out, runs, "DB statements per order", run -> run.database().statements() < 0 ? "n/a"
                : f1((double) run.database().statements() / options.orders()));
        row(out, runs, "CPU ms per order: service / PostgreSQL / load generator", run -> String.format("%.1f / %.1f / %.1f",
                run.cpu().app() * 1000 / options.orders(), run.cpu().database() * 1000 / options.orders(),
                run.cpu().loadGenerator() * 1000 / options.orders()));
        row(out, runs, "peak heap used / peak RSS (MiB)", run -> String.format("%.0f / %.0f", run.peakHeapBytes() / MIB,
                run.peakResidentBytes() / MIB));
        row(out, runs, "orders not SHIPPED / API errors", run -> stuck(run) + " / " + run.placed().failed());
        row(out, runs, "customer mails not yet sent when the last order shipped",
                run -> String.valueOf(run.outcome().mailsUnsent()));

        out.append("\n| Reference and target | Measured | Target |\n|---|---:|---|\n");
        out.append("| pgbench TPC-B, ").append(options.concurrency()).append(" clients (tps) | ").append(f1(tpcB))
                .append(" | |\n");
        out.append("| single-row insert + commit, ").append(options.concurrency()).append(" clients (tps) | ")
                .append(f1(singleRow)).append(" | |\n");
        double endToEnd = tuned.outcome().ordersPerSecond();
        out.append("| end-to-end orders/s ÷ TPC-B tps | ").append(String.format("%.1f%%", 100 * endToEnd / tpcB))
                .append(" | ≥ 5% ").append(verdict(endToEnd / tpcB >= 0.05)).append(" |\n");
        if (outOfTheBox != null) {
            double ratio = endToEnd / outOfTheBox.outcome().ordersPerSecond();
            out.append("| tuned ÷ out of the box (end-to-end orders/s) | ").append(String.format("%.1f×", ratio))
                    .append(" | ≥ 3× ").append(verdict(ratio >= 3)).append(" |\n");
        }
        Benchmark.SteadyRun steady = tuned.steady();
        if (steady != null) {
            double p99 = steady.placed().latencies().percentileMillis(99);
            out.append(String.format("| API latency p50 / p95 / p99 at half the saturating rate (%.1f orders/s for %s) | %s | p99 < 100 ms %s |%n",
                    steady.rate(), options.steady(), latency(steady.placed().latencies()), verdict(p99 < 100)));
            out.append(String.format("| placement → SHIPPED at that rate, median / p99 (s) | %.2f / %.2f | |%n",
                    steady.outcome().placementToShipped().percentileMillis(50) / 1000,
                    steady.outcome().placementToShipped().percentileMillis(99) / 1000));
            out.append(String.format("| customer mails of that phase not yet sent when its last order shipped | %d | |%n",
                    steady.outcome().mailsUnsent()));
            out.append(String.format("| orders of that phase not SHIPPED / API errors | %d / %d | 0 %s |%n",
                    steady.placed().latencies().count() - steady.outcome().shipped(), steady.placed().failed(),
                    verdict(steady.outcome().shipped() == steady.placed().latencies().count()
                            && steady.placed().failed() == 0)));
            if (!steady.heapAfterFullGc().isEmpty()) {
                out.append("| heap after a full GC, minute by minute (MiB) | ")
                        .append(steady.heapAfterFullGc().stream().map(bytes -> String.format("%.0f", bytes / MIB))
                                .collect(Collectors.joining(" → ")))
                        .append(" | flat ").append(verdict(flat(steady.heapAfterFullGc()))).append(" |\n");
            }
        }
        for (ConfigurationRun run : runs) {
            if (stuck(run) > 0) {
                out.append("\nNot shipped in ").append(run.name()).append(": ").append(run.outcome().stuck()).append('\n');
            }
        }
        if (backlog != null) {
            renderBacklog(out);
        }
        out.append("\nPostgreSQL's statements (tuned, measured phase):\n\n```\n")
                .append(tuned.topStatements()).append("```\n");
        if (tuned.profile() != null) {
            out.append("\nJFR profile of the service (tuned, measured phase):\n\n```\n").append(tuned.profile())
                    .append("```\n");
        }
        return out.toString();
    }

    private void renderBacklog(StringBuilder out) {
        BacklogRuns.Step full = backlog.full();
        ConfigurationRun loaded = full.run();
        out.append("\n### Empty and full database, same run\n\nFull: ").append(String.format("%,d", full.finishedOrders()))
                .append(" finished orders, ").append(String.format("%,d", full.copies() * Backlog.TEMPLATE_SHIPPED))
                .append(" shipped and waiting for delivery, ")
                .append(String.format("%,d", full.copies() * Backlog.TEMPLATE_AWAITING_RESTOCK))
                .append(" waiting for restock (with their timers), cloned from orders the service ran (")
                .append(Backlog.TEMPLATE_FINISHED).append(" finished, ").append(Backlog.TEMPLATE_SHIPPED).append(" shipped, ")
                .append(Backlog.TEMPLATE_AWAITING_RESTOCK).append(" awaiting restock). Template ")
                .append(backlog.templateTook().toSeconds()).append(" s, loading ")
                .append(String.format("%.0f s", backlog.loadTook().toMillis() / 1000.0)).append(" in all.\n\n");
        List<ConfigurationRun> runs = List.of(tuned, loaded);
        out.append("| | empty database | full backlog |\n|---|---:|---:|\n");
        row(out, runs, "**end-to-end orders/s**", run -> "**" + f1(run.outcome().ordersPerSecond()) + "**");
        row(out, runs, "API latency p50 / p95 / p99 (ms), closed loop", run -> latency(run.placed().latencies()));
        row(out, runs, "API latency p50 / p95 / p99 (ms) at half the saturating rate",
                run -> run.steady() == null ? "n/a" : latency(run.steady().placed().latencies())
                        + String.format(" (%.1f/s)", run.steady().rate()));
        row(out, runs, "DB commits / statements per order", run -> f1((double) run.database().commits() / options.orders())
                + " / " + (run.database().statements() < 0 ? "n/a" : f1((double) run.database().statements() / options.orders())));
        row(out, runs, "CPU ms per order: service / PostgreSQL", run -> String.format("%.1f / %.1f",
                run.cpu().app() * 1000 / options.orders(), run.cpu().database() * 1000 / options.orders()));
        double ratio = loaded.outcome().ordersPerSecond() / tuned.outcome().ordersPerSecond();
        out.append(String.format("| full ÷ empty end-to-end orders/s | %.0f%% | ≥ 90%% %s |%n", 100 * ratio,
                verdict(ratio >= 0.9)));
        if (loaded.steady() != null) {
            double p99 = loaded.steady().placed().latencies().percentileMillis(99);
            out.append(String.format("| full: API p99 at half the saturating rate | %.1f ms | < 100 ms %s |%n", p99,
                    verdict(p99 < 100)));
        }

        out.append("\n### As the backlog grows\n\n| backlog loaded | finished / shipped waiting / awaiting restock | "
                + "load step (s) | rows inserted | end-to-end orders/s | API p50 / p95 / p99 (ms) | statements per order |\n"
                + "|---:|---:|---:|---:|---:|---:|---:|\n");
        out.append(String.format("| 0 %% | 0 / 0 / 0 | | | %s | %s | %s |%n", f1(tuned.outcome().ordersPerSecond()),
                latency(tuned.placed().latencies()), perOrder(tuned.database().statements())));
        for (BacklogRuns.Step step : backlog.steps()) {
            out.append(String.format("| %d %% | %,d / %,d / %,d | %.1f | %,d | %s | %s | %s |%n", step.percent(),
                    step.finishedOrders(), step.copies() * Backlog.TEMPLATE_SHIPPED,
                    step.copies() * Backlog.TEMPLATE_AWAITING_RESTOCK, step.loaded().took().toMillis() / 1000.0,
                    step.loaded().rows(), f1(step.run().outcome().ordersPerSecond()),
                    latency(step.run().placed().latencies()), perOrder(step.run().database().statements())));
        }

        out.append("\n### Rows after loading the full backlog\n\n| table | rows |\n|---|---:|\n");
        backlog.rowsAfterLoading().forEach((table, rows) -> out.append(String.format("| %s | %,d |%n", table, rows)));
        out.append("\nRows per template order (what each cloned order adds), by table: ");
        out.append(backlog.rowsPerTemplateOrder().entrySet().stream()
                .map(e -> e.getKey() + " " + String.format("%.2f", e.getValue())).collect(Collectors.joining(", ")))
                .append(".\n\nClones checked: ").append(backlog.clonesProved()).append(".\n");

        BacklogRuns.CleanupPace cleanupPace = backlog.cleanupPace();
        if (cleanupPace != null && cleanupPace.dueAtStart() > 0) {
            double writtenPerOrder = (double) loaded.tables().inserted("act_hi_") / options.orders();
            double written = writtenPerOrder * loaded.outcome().ordersPerSecond();
            out.append(String.format("%n### History cleanup on the full backlog%n%nCamunda's history cleanup runs around "
                    + "the clock by itself. When the service started on the full backlog, %,d process instances were past "
                    + "their removal time; %s, while the service carried the measured orders. Removed: at least %,.0f "
                    + "instances/s (with their rows in the other history tables; the time includes the service's start). "
                    + "Written: %.2f history rows per order × %.1f orders/s = %.1f rows/s. Removed ÷ written: at least "
                    + "%.0f×.%n", cleanupPace.dueAtStart(),
                    cleanupPace.drainedAfter() != null ? "none was left after " + cleanupPace.drainedAfter().toSeconds() + " s"
                            : String.format("%,d were left after %d s", cleanupPace.leftAtEnd(), cleanupPace.watched().toSeconds()),
                    cleanupPace.instancesPerSecond(), writtenPerOrder, loaded.outcome().ordersPerSecond(), written,
                    cleanupPace.instancesPerSecond() / Math.max(0.001, written)));
        } else if (loaded.steady() != null && loaded.steady().historyCleanup() != null) {
            Benchmark.HistoryCleanup cleanup = loaded.steady().historyCleanup();
            double seconds = cleanup.tables().seconds();
            long removed = cleanup.tables().deleted("act_hi_") + cleanup.tables().deleted("act_ge_bytearray");
            long written = cleanup.tables().inserted("act_hi_");
            double writtenPerOrder = (double) loaded.tables().inserted("act_hi_") / options.orders();
            double saturating = loaded.outcome().ordersPerSecond();
            out.append(String.format("%n### History cleanup on the full backlog%n%nTriggered as the half-rate phase "
                    + "started (`POST /engine-rest/history/cleanup?immediatelyDue=true`, as the admin), measured over "
                    + "%.0f s (PostgreSQL's row statistics). Process instances past their removal time: %,d before, "
                    + "%,d after%s.%n%n| | rows/s |%n|---|---:|%n"
                    + "| history rows removed (ACT_HI_*, ACT_GE_BYTEARRAY) | %.0f |%n"
                    + "| history rows written (ACT_HI_*) at half the saturating rate | %.0f |%n"
                    + "| history rows written at the saturating rate (%.2f per order × %.1f orders/s) | %.1f |%n",
                    seconds, cleanup.instancesDueBefore(), cleanup.instancesDueAfter(),
                    cleanup.instancesDueAfter() == 0 ? " (it ran out of work: the rate removed is a lower bound)" : "",
                    removed / seconds, written / seconds, writtenPerOrder, saturating, writtenPerOrder * saturating));
            double pace = removed / seconds / Math.max(0.001, writtenPerOrder * saturating);
            out.append(String.format("| removed ÷ written at the saturating rate | %.1f× (keeps pace: %s) |%n", pace,
                    pace >= 1 ? "yes" : "no"));
        }

        out.append("\n### Rows each order adds, by table (full backlog, measured phase: placed to SHIPPED, counted)\n\n"
                + "Net growth: the runtime rows of a shipped order (its delivery timer, subscriptions, variables) go "
                + "when it is delivered; the others stay until retention or history cleanup removes them.\n\n"
                + "| table | rows per order |\n|---|---:|\n");
        loaded.tables().inserted().forEach((table, added) -> {
            if (added != 0) {
                out.append(String.format("| %s | %.2f |%n", table, (double) added / options.orders()));
            }
        });
    }

    private String perOrder(long statements) {
        return statements < 0 ? "n/a" : f1((double) statements / options.orders());
    }

    private int stuck(ConfigurationRun run) {
        return options.orders() - run.outcome().shipped();
    }

    /** Flat: the last minute holds no more than 10% (and 16 MiB) above the lowest minute after the first. */
    private static boolean flat(List<Long> samples) {
        if (samples.size() < 3) {
            return true;
        }
        long lowest = samples.subList(1, samples.size()).stream().mapToLong(Long::longValue).min().orElseThrow();
        long last = samples.get(samples.size() - 1);
        return last <= lowest * 1.10 || last - lowest < 16 * MIB;
    }

    private static void row(StringBuilder out, List<ConfigurationRun> runs, String label,
            Function<ConfigurationRun, String> value) {
        out.append("| ").append(label).append(" | ")
                .append(runs.stream().map(value).collect(Collectors.joining(" | "))).append(" |\n");
    }

    private static String label(String name) {
        return Map.of("out-of-the-box", "Camunda out of the box", "tuned", "Orderflow (application.yaml)")
                .getOrDefault(name, name);
    }

    private static String latency(Latencies latencies) {
        return String.format("%.1f / %.1f / %.1f", latencies.percentileMillis(50), latencies.percentileMillis(95),
                latencies.percentileMillis(99));
    }

    private static String verdict(boolean met) {
        return met ? "✅ met" : "❌ not met";
    }

    private static String f1(double value) {
        return String.format("%.1f", value);
    }

    private static String machine() {
        String cpu = "unknown CPU";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(line -> line.startsWith("model name"))
                    .findFirst().map(line -> line.replaceFirst("^[^:]*:\\s*", "")).orElse(cpu);
        } catch (IOException notLinux) {
            // keep "unknown CPU"
        }
        return String.format("%d cores (%s), %.0f GiB, %s %s, Java %s", Runtime.getRuntime().availableProcessors(),
                cpu, totalMemoryGib(), System.getProperty("os.name"), System.getProperty("os.version"),
                System.getProperty("java.version"));
    }

    private static double totalMemoryGib() {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(line -> line.startsWith("MemTotal:"))
                    .findFirst().map(line -> Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0 / 1024.0)
                    .orElse(0.0);
        } catch (IOException notLinux) {
            return 0;
        }
    }
}
