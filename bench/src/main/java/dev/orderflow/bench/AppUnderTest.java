package dev.orderflow.bench;

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
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Orderflow as a production-like process of its own: the packaged jar, profile {@code postgres}, secrets from the
 * environment, the same JVM options for every configuration. Samples its heap (actuator) and resident set (proc).
 */
final class AppUnderTest implements AutoCloseable {

    static final String STOREFRONT_PASSWORD = "bench-storefront";
    static final String STAFF_PASSWORD = "bench-staff";
    static final String ADMIN_PASSWORD = "bench-admin";
    private static final Pattern G1_HEAP = Pattern.compile("total \\d+K, used (\\d+)K");

    private final String name;
    private final int port;
    private final Process process;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final AtomicLong peakHeap = new AtomicLong();
    private Process heapSampler;

    private AppUnderTest(String name, int port, Process process, Path log) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts the jar against {@code database} with the given extra configuration file (none: the service's own
     * {@code application.yaml}, which is what production runs).
     */
    static AppUnderTest start(String name, Options options, BenchDatabase database, String databaseName,
            Path extraConfiguration, List<String> extraJvmOptions) throws IOException, InterruptedException {
        int port = freePort();
        Files.createDirectories(options.outputDirectory());
        Path log = options.outputDirectory().resolve(name + ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms1g", "-Xmx1g", "-XX:+ExitOnOutOfMemoryError"));
        // Camunda's stacks are deeper than JFR's default of 64 frames: keep whole stacks for the profile
        command.add("-XX:FlightRecorderOptions:stackdepth=256");
        command.addAll(extraJvmOptions);
        command.addAll(List.of("-jar", options.appJar().toString(),
                "--server.port=" + port,
                // the demo catalog: 22 products the storefront orders from
                "--spring.flyway.locations=classpath:db/migration,classpath:db/demo"));
        if (extraConfiguration != null) {
            command.add("--spring.config.additional-location=file:" + extraConfiguration.toAbsolutePath());
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        builder.environment().put("SPRING_PROFILES_ACTIVE", "postgres");
        builder.environment().put("SPRING_DATASOURCE_URL", database.jdbcUrl(databaseName));
        builder.environment().put("SPRING_DATASOURCE_USERNAME", database.user());
        builder.environment().put("SPRING_DATASOURCE_PASSWORD", database.password());
        builder.environment().put("ORDERFLOW_STOREFRONT_PASSWORD", STOREFRONT_PASSWORD);
        builder.environment().put("ORDERFLOW_STAFF_PASSWORD", STAFF_PASSWORD);
        builder.environment().put("ORDERFLOW_ADMIN_PASSWORD", ADMIN_PASSWORD);
        builder.environment().put("ORDERFLOW_WEBHOOK_SECRET", "bench-webhook");
        // the simulated courier and payment provider: the benchmark measures the service, not a partner's API
        builder.environment().put("ORDERFLOW_SIMULATION_ENABLED", "true");
        AppUnderTest app = new AppUnderTest(name, port, builder.start(), log);
        app.awaitHealthy(Duration.ofMinutes(3));
        return app;
    }

    /**
     * Camunda's history cleanup, due now ({@code POST /engine-rest/history/cleanup?immediatelyDue=true} as the
     * admin): it then runs batch after batch while it finds full batches of history past its removal time.
     */
    String triggerHistoryCleanup() throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(baseUrl()
                        + "/engine-rest/history/cleanup?immediatelyDue=true"))
                .header("Authorization", basic("admin", ADMIN_PASSWORD)).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        return answer.statusCode() + " " + answer.body();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Samples the used heap twice a second from now on with jstat, which reads the JVM's shared performance
     * counters and costs the service nothing; {@link #peakHeapBytes()} is the highest sample.
     */
    void sampleHeap() throws IOException {
        peakHeap.set(0);
        Process jstat = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jstat").toString(), "-gc",
                String.valueOf(process.pid()), "500").redirectErrorStream(true).start();
        heapSampler = jstat;
        Thread reader = new Thread(() -> {
            try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(jstat.getInputStream()))) {
                List<String> header = List.of(lines.readLine().trim().split("\\s+"));
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    String[] values = line.trim().split("\\s+");
                    double usedKib = 0;
                    for (String column : List.of("S0U", "S1U", "EU", "OU")) {
                        usedKib += Double.parseDouble(values[header.indexOf(column)]);
                    }
                    long used = (long) (usedKib * 1024);
                    peakHeap.accumulateAndGet(used, Math::max);
                }
            } catch (IOException | RuntimeException stopped) {
                // jstat ended with the service
            }
        }, "heap-sampler");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts a new peak: {@link #peakHeapBytes()} counts the samples from now on. */
    void resetPeakHeap() {
        peakHeap.set(0);
    }

    long peakHeapBytes() {
        return peakHeap.get();
    }

    /** The highest resident set size the process had so far (VmHWM), in bytes. */
    long peakResidentBytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return -1;
    }

    /** Heap still in use after a full collection: what the service really holds on to. */
    long heapAfterFullGc() throws IOException, InterruptedException {
        jcmd("GC.run");
        Matcher used = G1_HEAP.matcher(jcmd("GC.heap_info"));
        return used.find() ? Long.parseLong(used.group(1)) * 1024 : -1;
    }

    /** Starts a JFR recording with the low-overhead "default" settings (method samples every 20 ms). */
    void startRecording() throws IOException, InterruptedException {
        jcmd("JFR.start", "name=bench", "settings=default");
    }

    void stopRecording(Path file) throws IOException, InterruptedException {
        jcmd("JFR.stop", "name=bench", "filename=" + file.toAbsolutePath());
    }

    long pid() {
        return process.pid();
    }

    private String jcmd(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                String.valueOf(process.pid())));
        command.addAll(List.of(arguments));
        Process jcmd = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        jcmd.waitFor();
        return output;
    }

    private void awaitHealthy(Duration timeout) throws InterruptedException {
        Instant until = Instant.now().plus(timeout);
        while (Instant.now().isBefore(until)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " stopped while starting; see " + log);
            }
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200 && health.body().contains("\"UP\"")) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(name + " not healthy within " + timeout + "; see " + log);
    }

    private static int freePort() throws IOException {
        try (var socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (heapSampler != null) {
            heapSampler.destroy();
        }
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
