package dev.orderflow.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** The REST API as a storefront, staff and the courier use it, for integration tests. */
public final class OrderflowApi {

    public static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT = new ParameterizedTypeReference<>() {
    };

    private final TestRestTemplate http;
    private final String storefrontPassword;
    private final String staffPassword;
    private final String webhookSecret;

    public OrderflowApi(TestRestTemplate http, String storefrontPassword, String staffPassword, String webhookSecret) {
        this.http = http;
        this.storefrontPassword = storefrontPassword;
        this.staffPassword = staffPassword;
        this.webhookSecret = webhookSecret;
    }

    public TestRestTemplate storefront() {
        return http.withBasicAuth("storefront", storefrontPassword);
    }

    public TestRestTemplate staff() {
        return http.withBasicAuth("staff", staffPassword);
    }

    /** An order of {@code quantity} x {@code sku} at {@code unitPrice}, shipped to Berlin. */
    public static String order(String sku, int quantity, String unitPrice) {
        return """
                {
                  "externalReference": "SHOP-IT",
                  "customer": { "name": "Ada Lovelace", "email": "ada@example.com" },
                  "shippingAddress": { "line1": "Unter den Linden 1", "line2": null, "city": "Berlin",
                                       "postalCode": "10117", "country": "DE" },
                  "currency": "EUR",
                  "paymentReference": "pay_it",
                  "lines": [ { "sku": "%s", "quantity": %d, "unitPrice": "%s" } ]
                }""".formatted(sku, quantity, unitPrice);
    }

    public ResponseEntity<Map<String, Object>> place(String body) {
        return storefront().exchange("/api/orders", HttpMethod.POST, json(body), JSON_OBJECT);
    }

    /** Places the order and returns its id. */
    public String placed(String body) {
        return (String) place(body).getBody().get("orderId");
    }

    public Map<String, Object> get(String orderId) {
        return storefront().exchange("/api/orders/" + orderId, HttpMethod.GET, null, JSON_OBJECT).getBody();
    }

    /** The order as staff read it: with {@code internalNotes}. */
    public Map<String, Object> getAsStaff(String orderId) {
        return staff().exchange("/api/orders/" + orderId, HttpMethod.GET, null, JSON_OBJECT).getBody();
    }

    public Map<String, Object> awaitStatus(String orderId, String status) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> get(orderId), order -> status.equals(order.get("status")));
    }

    public ResponseEntity<String> decideStock(String orderId, String decision) {
        return storefront().postForEntity("/api/orders/" + orderId + "/stock-decision",
                json("{\"decision\":\"" + decision + "\"}"), String.class);
    }

    public ResponseEntity<String> cancel(String orderId, String reason) {
        return storefront().postForEntity("/api/orders/" + orderId + "/cancellation",
                json("{\"reason\":\"" + reason + "\"}"), String.class);
    }

    public ResponseEntity<Map<String, Object>> restock(String sku, int quantity) {
        return staff().exchange("/api/inventory/" + sku + "/restock", HttpMethod.POST,
                json("{\"quantity\":" + quantity + "}"), JSON_OBJECT);
    }

    public Map<String, Object> stock(String sku) {
        return storefront().exchange("/api/inventory/" + sku, HttpMethod.GET, null, JSON_OBJECT).getBody();
    }

    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> notifications(String orderId) {
        return (List<Map<String, Object>>) storefront()
                .exchange("/api/orders/" + orderId + "/notifications", HttpMethod.GET, null, JSON_OBJECT).getBody()
                .get("items");
    }

    /** The courier reports on a parcel, signed with the current time and the service's webhook secret. */
    public ResponseEntity<String> courierEvent(String trackingNumber, String body) {
        return http.postForEntity("/api/shipments/" + trackingNumber + "/events",
                new HttpEntity<>(body, CourierSignature.headers(trackingNumber, body, webhookSecret)), String.class);
    }

    /** A courier event as JSON: {@code type} happened at {@code at} (ISO-8601). */
    public static String courierEventBody(String eventId, String type, String at) {
        return """
                {"eventId":"%s","type":"%s","at":"%s"}""".formatted(eventId, type, at);
    }

    @SuppressWarnings("unchecked")
    public static List<String> timeline(Map<String, Object> order, String field) {
        return ((List<Map<String, Object>>) order.get("timeline")).stream().map(e -> (String) e.get(field)).toList();
    }

    /** One field of each of the order's internal notes (staff only), oldest first; empty when it has none. */
    @SuppressWarnings("unchecked")
    public static List<String> internalNotes(Map<String, Object> order, String field) {
        List<Map<String, Object>> notes = (List<Map<String, Object>>) order.get("internalNotes");
        return notes == null ? List.of() : notes.stream().map(e -> (String) e.get(field)).toList();
    }

    public static HttpEntity<String> json(String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return new HttpEntity<>(body, headers);
    }
}
