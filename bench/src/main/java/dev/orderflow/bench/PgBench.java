package dev.orderflow.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The database's own ceiling, measured on the same server in the same run: pgbench's TPC-B-like transaction
 * (five statements, one commit) and the smallest durable unit of work, one single-row insert and its commit.
 */
final class PgBench {

    static final String DATABASE = "bench_pgbench";
    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");

    private final BenchDatabase database;
    private final Options options;
    private final Path executable;

    PgBench(BenchDatabase database, Options options) {
        this.database = database;
        this.options = options;
        this.executable = find();
    }

    /** pgbench from the PATH or a Debian PostgreSQL installation. */
    private static Path find() {
        List<Path> candidates = new ArrayList<>();
        for (String directory : System.getenv().getOrDefault("PATH", "").split(":")) {
            candidates.add(Path.of(directory, "pgbench"));
        }
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            versions.sorted().forEach(version -> candidates.add(version.resolve("bin/pgbench")));
        } catch (IOException none) {
            // no Debian PostgreSQL packages
        }
        return candidates.stream().filter(Files::isExecutable).findFirst().orElseThrow(() -> new IllegalStateException(
                "pgbench not found: install it (Debian/Ubuntu: apt-get install postgresql-client)"));
    }

    /** pgbench's TPC-B-like script at {@code concurrency} clients; transactions per second. */
    double tpcB(int concurrency) throws Exception {
        database.recreate(DATABASE);
        run(List.of("-i", "-q", "-s", String.valueOf(options.pgbenchScale())));
        return tps(run(clients(concurrency, List.of())));
    }

    /** One single-row insert and its commit per transaction, at {@code concurrency} clients. */
    double singleRowInserts(int concurrency) throws Exception {
        try (Connection connection = database.connect(DATABASE); Statement statement = connection.createStatement()) {
            statement.execute("drop table if exists single_row");
            statement.execute("""
                    create table single_row (id bigint generated always as identity primary key,
                    at timestamptz not null default now(), payload text not null)""");
        }
        Path script = Files.createTempFile("single-row-insert", ".sql");
        try {
            Files.writeString(script, "insert into single_row (payload) values ('order placed');\n",
                    StandardCharsets.UTF_8);
            return tps(run(clients(concurrency, List.of("-f", script.toString()))));
        } finally {
            Files.deleteIfExists(script);
        }
    }

    private List<String> clients(int concurrency, List<String> script) {
        List<String> arguments = new ArrayList<>(List.of("-n", "-c", String.valueOf(concurrency), "-j", "2",
                "-T", String.valueOf(options.referenceDuration().toSeconds())));
        arguments.addAll(script);
        return arguments;
    }

    private String run(List<String> arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(executable.toString(), "-h", database.host(),
                "-p", String.valueOf(database.port()), "-U", database.user()));
        command.addAll(arguments);
        command.add(DATABASE);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PGPASSWORD", database.password());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("pgbench failed: " + String.join(" ", command) + "\n" + output);
        }
        return output;
    }

    private static double tps(String output) throws SQLException {
        Matcher tps = TPS.matcher(output);
        if (!tps.find()) {
            throw new IllegalStateException("no tps in pgbench's output:\n" + output);
        }
        return Double.parseDouble(tps.group(1));
    }
}
