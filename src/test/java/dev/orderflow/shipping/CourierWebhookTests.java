package dev.orderflow.shipping;

import static dev.orderflow.support.OrderflowApi.courierEventBody;
import static dev.orderflow.support.OrderflowApi.order;
import static dev.orderflow.support.OrderflowApi.timeline;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.orderflow.support.CourierSignature;
import dev.orderflow.support.LocalRunTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The courier's webhook: the signature (timestamp, parcel and body) first, then the body, then the tracking
 * number; event ids per parcel; fields the service does not know.
 */
class CourierWebhookTests extends LocalRunTest {

    private static final String SECRET = "courier-secret";
    private static final String EVENT = courierEventBody("evt-webhook-test", "IN_TRANSIT", "2026-11-26T10:00:00Z");

    @Test
    void callWithoutSignatureOrTimestampIs401() {
        long now = Instant.now().getEpochSecond();
        String signature = CourierSignature.sign(now, "SIM-UNKNOWN", EVENT, SECRET);

        assertUnauthorized(post("SIM-UNKNOWN", EVENT, jsonHeaders()));
        assertUnauthorized(post("SIM-UNKNOWN", EVENT, without(CourierSignature.headers(now, signature),
                CourierSignature.TIMESTAMP_HEADER)));
        assertUnauthorized(post("SIM-UNKNOWN", EVENT, without(CourierSignature.headers(now, signature),
                CourierSignature.SIGNATURE_HEADER)));
    }

    @Test
    void garbledSignatureOrTimestampIs401() {
        long now = Instant.now().getEpochSecond();
        String signature = CourierSignature.sign(now, "SIM-UNKNOWN", EVENT, SECRET);

        assertUnauthorized(post("SIM-UNKNOWN", EVENT, CourierSignature.headers(now, "not-hex-at-all")));
        assertUnauthorized(post("SIM-UNKNOWN", EVENT, CourierSignature.headers(now, signature.substring(2))));
        HttpHeaders wordyTimestamp = CourierSignature.headers(now, signature);
        wordyTimestamp.set(CourierSignature.TIMESTAMP_HEADER, "yesterday");
        assertUnauthorized(post("SIM-UNKNOWN", EVENT, wordyTimestamp));
        HttpHeaders negativeTimestamp = CourierSignature.headers(now, signature);
        negativeTimestamp.set(CourierSignature.TIMESTAMP_HEADER, "-" + now);
        assertUnauthorized(post("SIM-UNKNOWN", EVENT, negativeTimestamp));
    }

    @Test
    void signatureWithAnotherSecretIs401() {
        assertUnauthorized(post("SIM-UNKNOWN", EVENT, CourierSignature.headers("SIM-UNKNOWN", EVENT, "not-the-secret")));
    }

    @Test
    void signatureOfAnotherBodyIs401() {
        long now = Instant.now().getEpochSecond();
        String signature = CourierSignature.sign(now, "SIM-UNKNOWN", EVENT.replace("IN_TRANSIT", "DELIVERED"), SECRET);

        assertUnauthorized(post("SIM-UNKNOWN", EVENT, CourierSignature.headers(now, signature)));
    }

    @Test
    void signatureForAnotherTimestampIs401() {
        long now = Instant.now().getEpochSecond();
        String signature = CourierSignature.sign(now - 10, "SIM-UNKNOWN", EVENT, SECRET);

        assertUnauthorized(post("SIM-UNKNOWN", EVENT, CourierSignature.headers(now, signature)));
    }

    @Test
    void signatureForOneParcelReplayedOnAnotherIs401AndChangesNothing() {
        // given: two parcels with the courier; the courier signed an event for the first
        Parcel first = shipped();
        Parcel second = shipped();
        String body = courierEventBody("evt-replay", "DELIVERED", Instant.now().toString());
        HttpHeaders signedForFirst = CourierSignature.headers(first.trackingNumber(), body, SECRET);

        // when: someone replays it against the second parcel
        ResponseEntity<Map> replayed = post(second.trackingNumber(), body, signedForFirst);

        // then
        assertUnauthorized(replayed);
        assertThat(api.get(second.orderId())).containsEntry("status", "SHIPPED");
        assertThat(timeline(api.get(second.orderId()), "message")).noneMatch(m -> m.startsWith("Courier reported"));
    }

    @Test
    void timestampMoreThanFiveMinutesOldOrAheadIs401() {
        // a minute clear of the 300 s limit: the service's clock moves on while a busy machine answers
        for (long offset : List.of(-360L, 360L, -86_400L, -Instant.now().getEpochSecond())) {
            long sentAt = Instant.now().getEpochSecond() + offset;
            String signature = CourierSignature.sign(sentAt, "SIM-UNKNOWN", EVENT, SECRET);
            ResponseEntity<Map> answer = post("SIM-UNKNOWN", EVENT, CourierSignature.headers(sentAt, signature));
            assertUnauthorized(answer);
            assertThat(answer.getBody().get("detail").toString()).as("sent at " + sentAt).contains("seconds away");
        }
    }

    @Test
    void timestampWithinFiveMinutesEitherWayIsAccepted() {
        for (long offset : List.of(-240L, 240L)) {
            long sentAt = Instant.now().getEpochSecond() + offset;
            String signature = CourierSignature.sign(sentAt, "SIM-UNKNOWN", EVENT, SECRET);
            // past the signature: the unknown parcel is what is left to complain about
            assertThat(post("SIM-UNKNOWN", EVENT, CourierSignature.headers(sentAt, signature)).getStatusCode())
                    .as("sent at " + sentAt).isEqualTo(HttpStatus.NOT_FOUND);
        }
    }

    @Test
    void unknownTrackingNumberIs404() {
        ResponseEntity<Map> answer = post("SIM-UNKNOWN", EVENT, CourierSignature.headers("SIM-UNKNOWN", EVENT, SECRET));

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void signedButInvalidEventIs400WithAPointerForEachProblem() {
        String body = """
                {"eventId":"","type":"TELEPORTED","at":"last tuesday"}""";

        ResponseEntity<Map> answer = post("SIM-UNKNOWN", body, CourierSignature.headers("SIM-UNKNOWN", body, SECRET));

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(pointers(answer)).containsExactlyInAnyOrder("/eventId", "/type", "/at");
    }

    @Test
    void signedEventWithAMissingFieldIs400() {
        String body = """
                {"eventId":"evt-x","type":"DELIVERED"}""";

        ResponseEntity<Map> answer = post("SIM-UNKNOWN", body, CourierSignature.headers("SIM-UNKNOWN", body, SECRET));

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(pointers(answer)).containsExactly("/at");
    }

    @Test
    void eventFromTheFutureIs400() {
        // given: a parcel with the courier, and an event dated an hour ahead of the service's clock
        Parcel parcel = shipped();
        String body = courierEventBody("evt-future", "IN_TRANSIT", Instant.now().plusSeconds(3600).toString());

        // when
        ResponseEntity<Map> answer = post(parcel.trackingNumber(), body,
                CourierSignature.headers(parcel.trackingNumber(), body, SECRET));

        // then: refused, so that it cannot make the real events after it look old
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(pointers(answer)).containsExactly("/at");
        assertThat(timeline(api.get(parcel.orderId()), "message")).noneMatch(message -> message.startsWith("In transit"));
    }

    @Test
    void signedEventOfTheWrongShapeIs400() {
        String body = """
                {"eventId":"evt-x","type":7,"at":"2026-11-26T10:00:00Z"}""";

        ResponseEntity<Map> answer = post("SIM-UNKNOWN", body, CourierSignature.headers("SIM-UNKNOWN", body, SECRET));

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(pointers(answer)).containsExactly("/type");
        assertThat(post("SIM-UNKNOWN", "not json", CourierSignature.headers("SIM-UNKNOWN", "not json", SECRET))
                .getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    }

    @Test
    void signedBodyThatIsNotWellFormedUtf8Is400() {
        // "evt-\u002F" with the slash as an overlong two-byte form (0xC0 0xAF)
        byte[] body = "{\"eventId\":\"evt-??\",\"type\":\"IN_TRANSIT\",\"at\":\"2026-11-26T10:00:00Z\"}"
                .getBytes(StandardCharsets.US_ASCII);
        int at = new String(body, StandardCharsets.US_ASCII).indexOf("??");
        body[at] = (byte) 0xC0;
        body[at + 1] = (byte) 0xAF;
        long now = Instant.now().getEpochSecond();
        HttpHeaders headers = CourierSignature.headers(now, CourierSignature.sign(now, "SIM-UNKNOWN", body, SECRET));

        ResponseEntity<Map> answer = http.postForEntity("/api/shipments/SIM-UNKNOWN/events",
                new HttpEntity<>(body, headers), Map.class);

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void fieldsTheServiceDoesNotKnowAreIgnored() {
        // given
        Parcel parcel = shipped();
        String body = """
                {"eventId":"evt-extra","type":"IN_TRANSIT","at":"%s","depot":"Leipzig",
                 "scan":{"by":"robot-7","codes":[1,2,3]},"eta":null}""".formatted(Instant.now());

        // when
        ResponseEntity<Map> answer = post(parcel.trackingNumber(), body,
                CourierSignature.headers(parcel.trackingNumber(), body, SECRET));

        // then
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(timeline(api.get(parcel.orderId()), "message")).anyMatch(message -> message.startsWith("In transit"));
    }

    @Test
    void theSameEventIdOnAnotherParcelIsAnotherEvent() {
        // given: two parcels with the courier
        Parcel first = shipped();
        Parcel second = shipped();
        String body = courierEventBody("evt-1", "IN_TRANSIT", Instant.now().toString());

        // when: the courier numbers each parcel's events from 1
        assertThat(api.courierEvent(first.trackingNumber(), body).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(api.courierEvent(second.trackingNumber(), body).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);

        // then: both took effect
        assertThat(timeline(api.get(first.orderId()), "message")).filteredOn(m -> m.startsWith("In transit")).hasSize(1);
        assertThat(timeline(api.get(second.orderId()), "message")).filteredOn(m -> m.startsWith("In transit")).hasSize(1);
    }

    @Test
    void theSameEventAgainIsAcceptedWithoutASecondEffect() {
        // given
        Parcel parcel = shipped();
        String body = courierEventBody("evt-again", "PICKED_UP", Instant.now().toString());

        // when
        assertThat(api.courierEvent(parcel.trackingNumber(), body).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(api.courierEvent(parcel.trackingNumber(), body).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);

        // then
        assertThat(timeline(api.get(parcel.orderId()), "message"))
                .filteredOn(m -> m.startsWith("Picked up by the courier")).hasSize(1);
    }

    /** An order with the courier. */
    private record Parcel(String orderId, String trackingNumber) {
    }

    private Parcel shipped() {
        String orderId = api.placed(order("PEN-BAMBOO", 1, "2.50"));
        return new Parcel(orderId, (String) api.awaitStatus(orderId, "SHIPPED").get("trackingNumber"));
    }

    @SuppressWarnings("unchecked")
    private static List<String> pointers(ResponseEntity<Map> answer) {
        return ((List<Map<String, Object>>) answer.getBody().get("errors")).stream()
                .map(error -> (String) error.get("pointer")).toList();
    }

    private static void assertUnauthorized(ResponseEntity<Map> answer) {
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    }

    private static HttpHeaders jsonHeaders() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return headers;
    }

    private static HttpHeaders without(HttpHeaders headers, String name) {
        headers.remove(name);
        return headers;
    }

    private ResponseEntity<Map> post(String trackingNumber, String body, HttpHeaders headers) {
        return http.postForEntity("/api/shipments/" + trackingNumber + "/events", new HttpEntity<>(body, headers),
                Map.class);
    }
}
