package dev.orderflow.resilience;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Orderflow as a separate operating-system process (profile {@code postgres}), started from the test's own
 * classpath, so that it can be killed with SIGKILL like a crashed machine. Each start takes a free port from the
 * system ({@code server.port=0}); {@link #baseUrl()} follows the port the node's web server reports in its log,
 * across restarts.
 */
final class AppNode implements AutoCloseable {

    static final String STOREFRONT_PASSWORD = "resilience-storefront";
    static final String STAFF_PASSWORD = "resilience-staff";

    private final String name;
    private final String jdbcUrl;
    private final Path log;
    private static final Pattern STARTED_ON_PORT = Pattern.compile("Tomcat started on port (\\d+)");

    private final Map<String, String> extraProperties;
    private volatile int port;
    /** Where this start's lines begin in the log, which keeps the lines of earlier starts. */
    private long logOffset;
    private Process process;

    AppNode(String name, String jdbcUrl, Path logDirectory, Map<String, String> extraProperties) throws IOException {
        this.name = name;
        this.jdbcUrl = jdbcUrl;
        this.log = logDirectory.resolve(name + ".log");
        this.extraProperties = extraProperties;
        Files.deleteIfExists(log);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    Path log() {
        return log;
    }

    void start() throws IOException, InterruptedException {
        // the application's own classpath: the tests' without the test classes, each entry once
        String classpath = java.util.Arrays.stream(System.getProperty("surefire.test.class.path",
                        System.getProperty("java.class.path")).split(java.io.File.pathSeparator))
                .filter(entry -> !entry.contains("test-classes"))
                .map(entry -> entry.replaceAll("/+$", ""))
                .distinct()
                .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:TieredStopAtLevel=1", "-cp", classpath,
                "-Dserver.port=0",
                "-Dspring.datasource.url=" + jdbcUrl,
                "-Dspring.datasource.username=postgres",
                "-Dspring.datasource.password=postgres",
                "-Dspring.flyway.locations=classpath:db/migration,classpath:db/demo",
                "-Dorderflow.notifications.relay-interval=PT0.5S"));
        extraProperties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("dev.orderflow.OrderflowApplication");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("SPRING_PROFILES_ACTIVE", "postgres");
        builder.environment().put("ORDERFLOW_STOREFRONT_PASSWORD", STOREFRONT_PASSWORD);
        builder.environment().put("ORDERFLOW_STAFF_PASSWORD", STAFF_PASSWORD);
        builder.environment().put("ORDERFLOW_ADMIN_PASSWORD", "resilience-admin");
        builder.environment().put("ORDERFLOW_WEBHOOK_SECRET", "resilience-webhook");
        builder.environment().put("ORDERFLOW_SIMULATION_ENABLED", "true");
        logOffset = Files.exists(log) ? Files.size(log) : 0;
        port = 0;
        process = builder.start();
        awaitHealthy(Duration.ofSeconds(120));
    }

    /** Like pulling the plug: SIGKILL, no shutdown hooks, no goodbye to the database. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                kill();
            }
        }
    }

    long countInLog(String text) throws IOException {
        return Files.readAllLines(log).stream().filter(line -> line.contains(text)).count();
    }

    private void awaitHealthy(Duration timeout) throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        Instant until = Instant.now().plus(timeout);
        while (Instant.now().isBefore(until)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " stopped while starting; see " + log);
            }
            if (!readPort()) {
                java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
                continue;
            }
            try {
                var answer = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200 && answer.body().contains("\"UP\"")) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.onSpinWait();
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
        }
        throw new IllegalStateException(name + " not healthy within " + timeout + "; see " + log);
    }

    /** Whether this start's web server has said which port the system gave it. */
    private boolean readPort() {
        if (port != 0) {
            return true;
        }
        try (var in = Files.newInputStream(log)) {
            in.skipNBytes(logOffset);
            Matcher started = STARTED_ON_PORT.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            if (started.find()) {
                port = Integer.parseInt(started.group(1));
                return true;
            }
        } catch (IOException notYet) {
            // no log yet
        }
        return false;
    }
}
