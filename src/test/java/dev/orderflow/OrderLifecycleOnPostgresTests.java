package dev.orderflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.orderflow.support.CourierSignature;
import dev.orderflow.support.PostgresIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * An order placed through the REST API on a real PostgreSQL, carried by the job executor to SHIPPED, then
 * to DELIVERED by the courier's signed webhook.
 */
class OrderLifecycleOnPostgresTests extends PostgresIntegrationTest {

    @Autowired
    TestRestTemplate http;

    @Test
    void orderTravelsFromPlacementToDelivery() {
        // given
        int mugsBefore = (Integer) stock("MUG-ECO-02").get("onHand");

        // when
        ResponseEntity<Map<String, Object>> placed = storefront().exchange("/api/orders", HttpMethod.POST,
                json(ORDER), MAP);

        // then: accepted at once, the lifecycle runs on its own
        assertThat(placed.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(placed.getBody()).containsEntry("status", "RECEIVED").containsEntry("total", "29.80");
        String orderId = (String) placed.getBody().get("orderId");
        assertThat(placed.getHeaders().getLocation()).hasToString("/api/orders/" + orderId);

        Map<String, Object> shipped = awaitStatus(orderId, "SHIPPED");
        assertThat(shipped).containsEntry("courier", "simulated");
        String trackingNumber = (String) shipped.get("trackingNumber");
        assertThat(trackingNumber).startsWith("SIM-");
        assertThat(statusesOnTimeline(shipped)).containsSubsequence("RECEIVED", "PICKING", "PACKED", "SHIPPED");
        assertThat(stock("MUG-ECO-02")).containsEntry("onHand", mugsBefore - 2).containsEntry("reserved", 0);

        // when: the courier reports the delivery, twice (couriers retry)
        String event = """
                {"eventId":"evt-%s","type":"DELIVERED","at":"2026-11-26T10:00:00Z"}""".formatted(orderId);
        assertThat(courierEvent(trackingNumber, event).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(courierEvent(trackingNumber, event).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);

        // then
        Map<String, Object> delivered = awaitStatus(orderId, "DELIVERED");
        assertThat(timelineMessages(delivered)).containsOnlyOnce("Delivered")
                .filteredOn(message -> message.startsWith("Courier reported the delivery")).hasSize(1);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(notifications(orderId))
                .extracting(n -> n.get("type") + ":" + n.get("state"))
                .containsExactly("ORDER_CONFIRMED:SENT", "SHIPPED:SENT", "DELIVERED:SENT"));
    }

    @Test
    void webhookWithAWrongSignatureChangesNothing() {
        String body = """
                {"eventId":"evt-forged","type":"DELIVERED","at":"2026-11-26T10:00:00Z"}""";
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.set("X-Orderflow-Signature", CourierSignature.sign(body, "not-the-secret"));

        ResponseEntity<String> answer = http.postForEntity("/api/shipments/SIM-ANY/events",
                new HttpEntity<>(body, headers), String.class);

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    }

    private static final String ORDER = """
            {
              "externalReference": "SHOP-PG-1",
              "customer": { "name": "Ada Lovelace", "email": "ada@example.com" },
              "shippingAddress": { "line1": "12 Analytical St", "line2": null, "city": "London",
                                   "postalCode": "NW1 6XE", "country": "GB" },
              "currency": "EUR",
              "paymentReference": "pay_8f3a21",
              "lines": [ { "sku": "MUG-ECO-02", "quantity": 2, "unitPrice": "14.90" } ]
            }""";

    private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
    };

    private TestRestTemplate storefront() {
        return http.withBasicAuth("storefront", STOREFRONT_PASSWORD);
    }

    private static HttpEntity<String> json(String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return new HttpEntity<>(body, headers);
    }

    private Map<String, Object> awaitStatus(String orderId, String status) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> storefront().exchange("/api/orders/" + orderId, HttpMethod.GET, null, MAP).getBody(),
                        order -> status.equals(order.get("status")));
    }

    @SuppressWarnings("unchecked")
    private static List<String> statusesOnTimeline(Map<String, Object> order) {
        return ((List<Map<String, Object>>) order.get("timeline")).stream().map(e -> (String) e.get("status"))
                .toList();
    }

    @SuppressWarnings("unchecked")
    private static List<String> timelineMessages(Map<String, Object> order) {
        return ((List<Map<String, Object>>) order.get("timeline")).stream().map(e -> (String) e.get("message"))
                .toList();
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> notifications(String orderId) {
        return (List<Map<String, Object>>) storefront()
                .exchange("/api/orders/" + orderId + "/notifications", HttpMethod.GET, null, MAP).getBody()
                .get("items");
    }

    private Map<String, Object> stock(String sku) {
        return storefront().exchange("/api/inventory/" + sku, HttpMethod.GET, null, MAP).getBody();
    }

    private ResponseEntity<String> courierEvent(String trackingNumber, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.set("X-Orderflow-Signature", CourierSignature.sign(body, WEBHOOK_SECRET));
        return http.postForEntity("/api/shipments/" + trackingNumber + "/events", new HttpEntity<>(body, headers),
                String.class);
    }
}
