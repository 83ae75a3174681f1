package dev.orderflow.resilience;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A storefront that places orders the way docs/api.md asks: one Idempotency-Key per order, retried until
 * the service answers, so an order accepted just before a crash is never placed twice.
 */
final class Storefront {

    static final List<String[]> PRODUCTS = List.of(new String[] {"PEN-BAMBOO", "2.50"},
            new String[] {"NOTEBOOK-A5", "6.90"}, new String[] {"SOAP-OLIVE", "4.90"},
            new String[] {"TOTE-CANVAS", "9.50"});
    private static final Pattern ORDER_ID = Pattern.compile("\"orderId\":\"([0-9a-f-]{36})\"");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** Places order number {@code n}; tries the given nodes in turn until one accepts it. */
    String place(int n, List<AppNode> nodes) throws InterruptedException {
        String[] product = PRODUCTS.get(n % PRODUCTS.size());
        String body = """
                {"externalReference": "RES-%d",
                 "customer": {"name": "Load %d", "email": "load%d@example.com"},
                 "shippingAddress": {"line1": "1 Test St", "city": "Berlin", "postalCode": "10117", "country": "DE"},
                 "currency": "EUR", "paymentReference": "pay-%d",
                 "lines": [{"sku": "%s", "quantity": 1, "unitPrice": "%s"}]}""".formatted(n, n, n, n, product[0],
                product[1]);
        Instant giveUp = Instant.now().plus(Duration.ofMinutes(3));
        for (int attempt = 0; Instant.now().isBefore(giveUp); attempt++) {
            AppNode node = nodes.get((n + attempt) % nodes.size());
            try {
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(node.baseUrl() + "/api/orders"))
                        .header("Content-Type", "application/json")
                        .header("Idempotency-Key", "resilience-" + n)
                        .header("Authorization", basic("storefront", AppNode.STOREFRONT_PASSWORD))
                        .timeout(Duration.ofSeconds(10))
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 201) {
                    Matcher id = ORDER_ID.matcher(answer.body());
                    if (id.find()) {
                        return id.group(1);
                    }
                }
                if (answer.statusCode() / 100 == 4) {
                    throw new IllegalStateException("order " + n + " refused: " + answer.statusCode() + " " + answer.body());
                }
            } catch (IOException down) {
                // the node is down or restarting: the same key again, maybe elsewhere
            }
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
        }
        throw new IllegalStateException("order " + n + " was never accepted");
    }

    /** What placing order {@code n} answers right now, without retrying (its key is not reused later). */
    int statusOf(AppNode node, int n) throws InterruptedException {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(node.baseUrl() + "/api/orders"))
                    .header("Content-Type", "application/json")
                    .header("Idempotency-Key", "resilience-probe-" + n)
                    .header("Authorization", basic("storefront", AppNode.STOREFRONT_PASSWORD))
                    .timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString("""
                            {"externalReference": "PROBE-%d", "customer": {"name": "Probe", "email": "probe@example.com"},
                             "shippingAddress": {"line1": "1 Test St", "city": "Berlin", "postalCode": "10117", "country": "DE"},
                             "currency": "EUR", "lines": [{"sku": "PEN-BAMBOO", "quantity": 1, "unitPrice": "2.50"}]}"""
                            .formatted(n))).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
        } catch (IOException e) {
            return -1;
        }
    }

    void restock(AppNode node, String sku, int quantity) throws IOException, InterruptedException {
        var answer = http.send(HttpRequest.newBuilder(URI.create(node.baseUrl() + "/api/inventory/" + sku + "/restock"))
                .header("Content-Type", "application/json")
                .header("Authorization", basic("staff", AppNode.STAFF_PASSWORD))
                .POST(HttpRequest.BodyPublishers.ofString("{\"quantity\": " + quantity + "}")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("restock of " + sku + " failed: " + answer.body());
        }
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
