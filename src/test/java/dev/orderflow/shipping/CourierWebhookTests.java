package dev.orderflow.shipping;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import dev.orderflow.support.CourierSignature;
import dev.orderflow.support.LocalRunTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** The courier's webhook: signature first, then the body, then the tracking number. */
class CourierWebhookTests extends LocalRunTest {

    private static final String EVENT = """
            {"eventId":"evt-webhook-test","type":"IN_TRANSIT","at":"2026-11-26T10:00:00Z"}""";

    @Test
    void missingSignatureIs401() {
        assertThat(post("SIM-UNKNOWN", EVENT, null).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void signatureOfAnotherBodyIs401() {
        String signature = CourierSignature.sign(EVENT.replace("IN_TRANSIT", "DELIVERED"), "courier-secret");

        assertThat(post("SIM-UNKNOWN", EVENT, signature).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void unknownTrackingNumberIs404() {
        ResponseEntity<Map> answer = post("SIM-UNKNOWN", EVENT, CourierSignature.sign(EVENT, "courier-secret"));

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void signedButInvalidEventIs400WithPointers() {
        String body = """
                {"eventId":"","type":"TELEPORTED","at":"2026-11-26T10:00:00Z"}""";

        ResponseEntity<Map> answer = post("SIM-UNKNOWN", body, CourierSignature.sign(body, "courier-secret"));

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(answer.getBody().toString()).contains("/type");
    }

    @Test
    void signedEventWithAMissingFieldIs400() {
        String body = """
                {"eventId":"evt-x","type":"DELIVERED"}""";

        ResponseEntity<Map> answer = post("SIM-UNKNOWN", body, CourierSignature.sign(body, "courier-secret"));

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(answer.getBody().toString()).contains("/at");
    }

    private ResponseEntity<Map> post(String trackingNumber, String body, String signature) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        if (signature != null) {
            headers.set("X-Orderflow-Signature", signature);
        }
        return http.postForEntity("/api/shipments/" + trackingNumber + "/events", new HttpEntity<>(body, headers),
                Map.class);
    }
}
