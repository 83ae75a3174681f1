package dev.orderflow.resilience;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Orderflow as a separate operating-system process (profile {@code postgres}), started from the test's own
 * classpath, so that it can be killed with SIGKILL like a crashed machine. Each start takes a free port from the
 * system ({@code server.port=0}); the node writes the port it got to a file (Spring Boot's
 * {@code WebServerPortFileWriter}), and {@link #baseUrl()} follows it across restarts.
 */
final class AppNode implements AutoCloseable {

    static final String STOREFRONT_PASSWORD = "resilience-storefront";
    static final String STAFF_PASSWORD = "resilience-staff";

    private final String name;
    private final String jdbcUrl;
    private final Path log;
    private final Path portFile;
    private final Map<String, String> extraProperties;
    private volatile int port;
    private Process process;

    AppNode(String name, String jdbcUrl, Path logDirectory, Map<String, String> extraProperties) throws IOException {
        this.name = name;
        this.jdbcUrl = jdbcUrl;
        this.log = logDirectory.resolve(name + ".log");
        this.portFile = logDirectory.resolve(name + ".port");
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
                "-Dcontext.listener.classes=org.springframework.boot.web.context.WebServerPortFileWriter",
                "-DPORTFILE=" + portFile,
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
        Files.deleteIfExists(portFile);
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

    /** Whether the node has written the port it listens on (once its web server is up). */
    private boolean readPort() {
        try {
            String written = Files.exists(portFile) ? Files.readString(portFile).trim() : "";
            if (written.matches("\\d{1,5}")) {
                port = Integer.parseInt(written);
                return true;
            }
        } catch (IOException notYet) {
            // being written
        }
        return false;
    }
}
