package dev.orderflow.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The load generator: a storefront placing orders through the REST API the way docs/api.md asks (Basic auth,
 * an Idempotency-Key per order, catalog prices), so that every order takes the happy path to SHIPPED.
 */
final class Storefront {

    /** One product of the catalog, as {@code GET /api/inventory} lists it. */
    record Product(String sku, String unitPrice) {
    }

    /** What one batch of placements saw: per-request latencies and the requests that did not end in 201. */
    record Placed(Latencies latencies, int failed, long startedNanos, long endedNanos) {
        double perSecond() {
            return latencies.count() / ((endedNanos - startedNanos) / 1e9);
        }
    }

    /** One item of {@code GET /api/inventory}: an object without nested objects, fields in any order. */
    private static final Pattern ITEM = Pattern.compile("\\{[^{}]*}");
    private static final Pattern SKU = Pattern.compile("\"sku\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern UNIT_PRICE = Pattern.compile("\"unitPrice\"\\s*:\\s*\"([0-9.]+)\"");

    private static final Pattern ORDER_ID = Pattern.compile("\"orderId\"\\s*:\\s*\"([^\"]+)\"");

    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final List<Product> catalog = new ArrayList<>();

    Storefront(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** Reads the catalog and restocks every product by {@code units}, so that no order runs out of stock. */
    void stockUp(int units) throws IOException, InterruptedException {
        HttpResponse<String> inventory = http.send(get("/api/inventory?page=0&size=100"), HttpResponse.BodyHandlers.ofString());
        Matcher item = ITEM.matcher(inventory.body());
        while (item.find()) {
            Matcher sku = SKU.matcher(item.group());
            Matcher price = UNIT_PRICE.matcher(item.group());
            // the backlog's out-of-stock product is never restocked: that would wake every order waiting for it
            if (sku.find() && price.find() && !sku.group(1).equals(Backlog.AWAITING_RESTOCK_SKU)) {
                catalog.add(new Product(sku.group(1), price.group(1)));
            }
        }
        if (catalog.isEmpty()) {
            throw new IllegalStateException("empty catalog: " + inventory.statusCode() + " " + inventory.body());
        }
        for (Product product : catalog) {
            HttpResponse<String> restocked = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/inventory/"
                            + product.sku() + "/restock"))
                    .header("Authorization", AppUnderTest.basic("staff", AppUnderTest.STAFF_PASSWORD))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"quantity\": " + units + "}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (restocked.statusCode() != 200) {
                throw new IllegalStateException("restock of " + product.sku() + ": " + restocked.body());
            }
        }
    }

    /**
     * Closed loop: {@code concurrency} connections place the {@code count} orders of {@code batch} back to back.
     * Each order's external reference and Idempotency-Key is {@code batch-n}.
     */
    Placed placeClosedLoop(String batch, int count, int concurrency) throws InterruptedException {
        Latencies latencies = new Latencies(count);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        ExecutorService connections = Executors.newFixedThreadPool(concurrency);
        long started = System.nanoTime();
        for (int c = 0; c < concurrency; c++) {
            connections.execute(() -> {
                for (int n = next.getAndIncrement(); n < count; n = next.getAndIncrement()) {
                    long sent = System.nanoTime();
                    if (!place(batch, n)) {
                        failed.incrementAndGet();
                    }
                    latencies.record(System.nanoTime() - sent);
                }
            });
        }
        connections.shutdown();
        connections.awaitTermination(1, TimeUnit.HOURS);
        return new Placed(latencies, failed.get(), started, System.nanoTime());
    }

    /**
     * Open loop: one order every {@code 1/rate} seconds for {@code duration}, whatever the answers take. Latency
     * counts from when a request was due, not when it was sent, so a stalled service cannot hide its queue.
     */
    Placed placeAtRate(String batch, double rate, Duration duration) throws InterruptedException {
        int count = (int) Math.round(rate * duration.toMillis() / 1000.0);
        Latencies latencies = new Latencies(count);
        AtomicInteger failed = new AtomicInteger();
        ExecutorService requests = Executors.newFixedThreadPool(256);
        long started = System.nanoTime();
        long interval = (long) (1e9 / rate);
        for (int i = 0; i < count; i++) {
            long due = started + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            int n = i;
            requests.execute(() -> {
                if (!place(batch, n)) {
                    failed.incrementAndGet();
                }
                latencies.record(System.nanoTime() - due);
            });
        }
        requests.shutdown();
        requests.awaitTermination(1, TimeUnit.HOURS);
        return new Placed(latencies, failed.get(), started, System.nanoTime());
    }

    /**
     * Places order {@code reference} for one unit of {@code sku} at {@code unitPrice}, whatever its stock; the new
     * order's id, or an exception naming the answer.
     */
    String placeOne(String reference, String sku, String unitPrice) throws IOException, InterruptedException {
        String body = """
                {"externalReference":"%s","customer":{"name":"Customer %s","email":"%s@example.com"},
                 "shippingAddress":{"line1":"1 Benchstraße","city":"Berlin","postalCode":"10117","country":"DE"},
                 "currency":"EUR","paymentReference":"pay-%s","lines":[{"sku":"%s","quantity":1,"unitPrice":"%s"}]}""".formatted(
                reference, reference, reference, reference, sku, unitPrice);
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/orders"))
                .header("Authorization", AppUnderTest.basic("storefront", AppUnderTest.STOREFRONT_PASSWORD))
                .header("Content-Type", "application/json").header("Idempotency-Key", reference)
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        Matcher id = ORDER_ID.matcher(answer.body());
        if (answer.statusCode() != 201 || !id.find()) {
            throw new IllegalStateException("order " + reference + ": " + answer.statusCode() + " " + answer.body());
        }
        return id.group(1);
    }

    private boolean place(String batch, int n) {
        String reference = batch + "-" + n;
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/orders"))
                    .header("Authorization", AppUnderTest.basic("storefront", AppUnderTest.STOREFRONT_PASSWORD))
                    .header("Content-Type", "application/json")
                    .header("Idempotency-Key", reference)
                    .timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString(order(reference, n))).build(), HttpResponse.BodyHandlers.ofString());
            return answer.statusCode() == 201;
        } catch (IOException | InterruptedException failed) {
            return false;
        }
    }

    /** Order {@code n}: one to three lines of different products, catalog prices, a German address. */
    private String order(String reference, int n) {
        int lines = 1 + n % 3;
        StringBuilder items = new StringBuilder();
        for (int line = 0; line < lines; line++) {
            Product product = catalog.get((n * 7 + line * 5) % catalog.size());
            items.append(line == 0 ? "" : ",").append("""
                    {"sku":"%s","quantity":%d,"unitPrice":"%s"}""".formatted(product.sku(), 1 + (n + line) % 2,
                    product.unitPrice()));
        }
        return """
                {"externalReference":"%s","customer":{"name":"Customer %d","email":"customer%d@example.com"},
                 "shippingAddress":{"line1":"%d Benchstraße","city":"Berlin","postalCode":"10117","country":"DE"},
                 "currency":"EUR","paymentReference":"pay-%s","lines":[%s]}""".formatted(reference, n, n, n,
                reference, items);
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Authorization", AppUnderTest.basic("storefront", AppUnderTest.STOREFRONT_PASSWORD)).build();
    }
}
