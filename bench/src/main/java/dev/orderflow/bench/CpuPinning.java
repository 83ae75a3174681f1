package dev.orderflow.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Gives processes cores of their own with {@code taskset} (util-linux), so that the database and the service
 * nodes stop competing for the same cores: what separate machines would give them, as far as one machine can.
 * Threads and processes started later inherit the affinity of the thread or process that starts them, so pinning a
 * running JVM or PostgreSQL's postmaster covers what they start afterwards too.
 */
final class CpuPinning {

    private CpuPinning() {
    }

    /** Every thread of process {@code pid} (and those it starts later) runs on {@code cpus} only, e.g. "0" or "1-3". */
    static void pin(long pid, String cpus) throws IOException, InterruptedException {
        Process taskset = new ProcessBuilder("taskset", "-a", "-p", "-c", cpus, String.valueOf(pid))
                .redirectErrorStream(true).start();
        String output = new String(taskset.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (taskset.waitFor() != 0) {
            throw new IllegalStateException("taskset -a -p -c " + cpus + " " + pid + " failed: " + output);
        }
    }

    /**
     * PostgreSQL on {@code cpus}: its postmaster and every
     * process it has started (checkpointer, WAL writer, autovacuum, backends); backends started later inherit it.
     *
     * @return how many processes were pinned
     */
    static int pinPostgres(long postmaster, String cpus) throws IOException, InterruptedException {
        List<Long> pinned = new ArrayList<>(List.of(postmaster));
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : (Iterable<Path>) processes.filter(p -> p.getFileName().toString().matches("\\d+"))::iterator) {
                long pid = Long.parseLong(process.getFileName().toString());
                if (CpuMeter.parentOf(pid) == postmaster) {
                    pinned.add(pid);
                }
            }
        }
        for (long pid : pinned) {
            try {
                pin(pid, cpus);
            } catch (IllegalStateException exited) {
                // a backend that ended between the listing and taskset
            }
        }
        return pinned.size();
    }
}
