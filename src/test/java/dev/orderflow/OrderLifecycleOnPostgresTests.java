package dev.orderflow;

import static dev.orderflow.support.OrderflowApi.order;
import static dev.orderflow.support.OrderflowApi.timeline;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import dev.orderflow.support.CourierSignature;
import dev.orderflow.support.PostgresIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * An order placed through the REST API on a real PostgreSQL, carried by the job executor to SHIPPED, then
 * to DELIVERED by the courier's signed webhook.
 */
class OrderLifecycleOnPostgresTests extends PostgresIntegrationTest {

    @Test
    void orderTravelsFromPlacementToDelivery() {
        // given
        int mugsBefore = (Integer) api.stock("MUG-ECO-02").get("onHand");

        // when
        ResponseEntity<Map<String, Object>> placed = api.place(order("MUG-ECO-02", 2, "14.90"));

        // then: accepted at once, the lifecycle runs on its own
        assertThat(placed.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(placed.getBody()).containsEntry("status", "RECEIVED").containsEntry("total", "29.80");
        String orderId = (String) placed.getBody().get("orderId");
        assertThat(placed.getHeaders().getLocation()).hasToString("/api/orders/" + orderId);

        Map<String, Object> shipped = api.awaitStatus(orderId, "SHIPPED");
        assertThat(shipped).containsEntry("courier", "simulated");
        String trackingNumber = (String) shipped.get("trackingNumber");
        assertThat(trackingNumber).startsWith("SIM-");
        assertThat(timeline(shipped, "status")).containsSubsequence("RECEIVED", "PICKING", "PACKED", "SHIPPED");
        assertThat(api.stock("MUG-ECO-02")).containsEntry("onHand", mugsBefore - 2).containsEntry("reserved", 0);

        // when: the courier reports the delivery, twice (couriers retry)
        String event = """
                {"eventId":"evt-%s","type":"DELIVERED","at":"2026-11-26T10:00:00Z"}""".formatted(orderId);
        assertThat(api.courierEvent(trackingNumber, event).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(api.courierEvent(trackingNumber, event).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);

        // then
        Map<String, Object> delivered = api.awaitStatus(orderId, "DELIVERED");
        // one entry for the delivery: the lifecycle's, with the courier's time (issue #14; it used to be two)
        assertThat(timeline(delivered, "message")).filteredOn(message -> message.startsWith("Delivered")
                || message.startsWith("Courier reported")).containsExactly(
                        "Delivered (26 Nov 2026, 10:00 UTC, reported by the courier)");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(api.notifications(orderId))
                .extracting(n -> n.get("type") + ":" + n.get("state"))
                .containsExactly("ORDER_CONFIRMED:SENT", "SHIPPED:SENT", "DELIVERED:SENT"));
    }

    @Test
    void webhookWithAWrongSignatureChangesNothing() {
        String body = """
                {"eventId":"evt-forged","type":"DELIVERED","at":"2026-11-26T10:00:00Z"}""";
        HttpHeaders headers = CourierSignature.headers("SIM-ANY", body, "not-the-secret");

        ResponseEntity<String> answer = http.postForEntity("/api/shipments/SIM-ANY/events",
                new HttpEntity<>(body, headers), String.class);

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    }

}
