package dev.orderflow.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time spent by the three parties of a run, read from {@code /proc}: the service, PostgreSQL (every
 * {@code postgres} process) and this load generator. On a machine shared by all three, it says who is the limit.
 */
final class CpuMeter {

    /** CPU seconds used so far by each party. */
    record Usage(double app, double database, double loadGenerator) {
        Usage minus(Usage before) {
            return new Usage(app - before.app, database - before.database, loadGenerator - before.loadGenerator);
        }
    }

    /** Linux's USER_HZ: /proc reports CPU time in ticks of 1/100 s on every common platform. */
    private static final double TICKS_PER_SECOND = 100.0;

    private CpuMeter() {
    }

    /**
     * CPU seconds of the service {@code appPid}, of the PostgreSQL server whose postmaster is {@code postmasterPid}
     * (itself, its processes and the backends it reaped; -1: every {@code postgres} process on the machine) and of
     * this load generator.
     */
    static Usage read(long appPid, long postmasterPid) throws IOException {
        double database = 0;
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : (Iterable<Path>) processes.filter(p -> p.getFileName().toString().matches("\\d+"))::iterator) {
                String[] stat = stat(process);
                boolean ours = postmasterPid < 0 || process.getFileName().toString().equals(String.valueOf(postmasterPid))
                        || (stat != null && Long.parseLong(stat[3]) == postmasterPid);
                if (stat != null && stat[1].equals("(postgres)") && ours) {
                    // with the children it reaped: the postmaster accounts for backends that have exited
                    database += seconds(stat) + (Long.parseLong(stat[15]) + Long.parseLong(stat[16])) / TICKS_PER_SECOND;
                }
            }
        }
        return new Usage(seconds(stat(Path.of("/proc", String.valueOf(appPid)))), database,
                seconds(stat(Path.of("/proc", String.valueOf(ProcessHandle.current().pid())))));
    }

    /** The parent of process {@code pid}, or -1 when it is gone. */
    static long parentOf(long pid) {
        String[] stat = stat(Path.of("/proc", String.valueOf(pid)));
        return stat == null ? -1 : Long.parseLong(stat[3]);
    }

    private static String[] stat(Path process) {
        try {
            return Files.readString(process.resolve("stat")).split(" ");
        } catch (IOException gone) {
            return null;
        }
    }

    /** utime + stime of the process itself. */
    private static double seconds(String[] stat) {
        return stat == null ? 0 : (Long.parseLong(stat[13]) + Long.parseLong(stat[14])) / TICKS_PER_SECOND;
    }
}
