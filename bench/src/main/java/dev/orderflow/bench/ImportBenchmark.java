package dev.orderflow.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The catalog import's benchmark ({@code bench/import}): the packaged service on PostgreSQL as {@code bench/run}
 * starts it, but with a small heap ({@code --heap}, default 512m), imports 10,000 and 100,000 products as CSV and as
 * JSON: new, the same again (all unchanged), then with new prices (all updated). Prints the time of each request,
 * rows per second and the service's peak heap during it (jstat samples every 500 ms: used heap including garbage
 * not yet collected, so an upper bound). Not a test: figures for bench/RESULTS.md.
 */
public final class ImportBenchmark {

    private static final String HEADER = "sku,name,unitPrice,weightGrams,lengthMm,widthMm,heightMm,binLocation,"
            + "maxQuantityPerOrder,active";

    private ImportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<Integer> sizes = List.of(10_000, 100_000);
        String heap = "512m";
        List<String> rest = new ArrayList<>();
        for (String arg : args) {
            if (arg.startsWith("--heap=")) {
                heap = arg.substring("--heap=".length());
            } else if (arg.startsWith("--rows=")) {
                sizes = java.util.Arrays.stream(arg.substring("--rows=".length()).split(","))
                        .map(Integer::valueOf).toList();
            } else if (arg.equals("--help")) {
                System.out.print("""
                        bench/import [--rows=10000,100000] [--heap=512m] [--jdbc-url=... --db-user=... --db-password=...]
                                     [--app-jar=target/orderflow-0.1.0-SNAPSHOT.jar] [--out=bench/results]
                        """);
                return;
            } else {
                rest.add(arg);
            }
        }
        Options options = Options.parse(rest.toArray(String[]::new));
        Files.createDirectories(options.outputDirectory());
        StringBuilder table = new StringBuilder();
        try (BenchDatabase database = BenchDatabase.start(options)) {
            String databaseName = "orderflow_import";
            database.recreate(databaseName);
            Benchmark.say("database: " + database.description());
            try (AppUnderTest app = AppUnderTest.start("import", options, database, databaseName, null,
                    List.of("-Xms" + heap, "-Xmx" + heap))) {
                HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
                app.sampleHeap();
                Benchmark.say("warming up: 2 x 2,000 rows, not counted");
                post(app, http, "text/csv", csv("WARM-CSV", 2000, "1.00"));
                post(app, http, "application/json", json("WARM-JSON", 2000, "1.00"));
                table.append("service heap: -Xmx").append(heap).append("; database: ").append(database.description())
                        .append("\n\n| format | rows | import | body | time | rows/s | created / updated / unchanged"
                                + " | peak heap |\n|---|---:|---|---:|---:|---:|---|---:|\n");
                for (int rows : sizes) {
                    for (String format : List.of("csv", "json")) {
                        String prefix = format.toUpperCase() + rows;
                        String type = format.equals("csv") ? "text/csv" : "application/json";
                        byte[] fresh = format.equals("csv") ? csv(prefix, rows, "12.50") : json(prefix, rows, "12.50");
                        byte[] repriced = format.equals("csv") ? csv(prefix, rows, "13.75") : json(prefix, rows, "13.75");
                        table.append(measure(app, http, format, rows, "new", type, fresh));
                        table.append(measure(app, http, format, rows, "again, unchanged", type, fresh));
                        table.append(measure(app, http, format, rows, "new prices, updated", type, repriced));
                    }
                }
                table.append("\nservice peak RSS over the whole run: ").append(app.peakResidentBytes() / (1024 * 1024))
                        .append(" MiB\n");
            }
            database.drop(databaseName);
        }
        System.out.println();
        System.out.println(table);
        Path file = options.outputDirectory().resolve(
                "import-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".md");
        Files.writeString(file, table);
        Benchmark.say("written to " + file);
    }

    private static String measure(AppUnderTest app, HttpClient http, String format, int rows, String what,
            String type, byte[] body) throws Exception {
        app.heapAfterFullGc();
        app.resetPeakHeap();
        long start = System.nanoTime();
        String counts = post(app, http, type, body);
        double seconds = (System.nanoTime() - start) / 1e9;
        Thread.sleep(600); // one more heap sample after the answer
        String line = String.format("| %s | %,d | %s | %.1f MiB | %.2f s | %,.0f | %s | %d MiB |%n", format, rows, what,
                body.length / (1024.0 * 1024.0), seconds, rows / seconds, counts,
                app.peakHeapBytes() / (1024 * 1024));
        Benchmark.say(line.trim());
        return line;
    }

    private static String post(AppUnderTest app, HttpClient http, String type, byte[] body) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/api/products/import"))
                .header("Content-Type", type)
                .header("Authorization", AppUnderTest.basic("staff", AppUnderTest.STAFF_PASSWORD))
                .timeout(Duration.ofMinutes(10))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("import answered " + answer.statusCode() + ": " + answer.body());
        }
        // {"created":1,"updated":2,"unchanged":3} -> 1 / 2 / 3
        return answer.body().replaceAll("[^0-9,]", "").replace(",", " / ");
    }

    private static byte[] csv(String prefix, int rows, String price) {
        StringBuilder csv = new StringBuilder(rows * 80).append(HEADER).append('\n');
        for (int i = 0; i < rows; i++) {
            csv.append(prefix).append('-').append(i).append(",\"Bench product ").append(i).append(", bamboo\",")
                    .append(price).append(",320,120,90,100,A-").append(i % 1000).append(",20,true\n");
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] json(String prefix, int rows, String price) {
        StringBuilder json = new StringBuilder(rows * 200).append('[');
        for (int i = 0; i < rows; i++) {
            json.append(i == 0 ? "" : ",\n").append("{\"sku\":\"").append(prefix).append('-').append(i)
                    .append("\",\"name\":\"Bench product ").append(i).append(", bamboo\",\"unitPrice\":\"").append(price)
                    .append("\",\"weightGrams\":320,\"lengthMm\":120,\"widthMm\":90,\"heightMm\":100,\"binLocation\":\"A-")
                    .append(i % 1000).append("\",\"maxQuantityPerOrder\":20,\"active\":true}");
        }
        return json.append(']').toString().getBytes(StandardCharsets.UTF_8);
    }
}
