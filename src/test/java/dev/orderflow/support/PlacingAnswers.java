package dev.orderflow.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.springframework.http.ResponseEntity;

/**
 * The answer to {@code POST /api/orders} is built from what was written, not read back: this checks, on whichever
 * database the test runs, that it says what a read of the order says.
 */
public final class PlacingAnswers {

    private PlacingAnswers() {
    }

    /**
     * Places 3 × PEN-BAMBOO at "2.5" (an amount without its second decimal) and asserts that the 201 answer, which
     * replays of its Idempotency-Key repeat, equals a read of the order to the microsecond, amounts as stored.
     */
    public static void assertTheAnswerShowsTheOrderAsStored(OrderflowApi api) {
        // given: an amount written without its second decimal
        ResponseEntity<Map<String, Object>> placed = api.place(OrderflowApi.order("PEN-BAMBOO", 3, "2.5"));
        Map<String, Object> answer = placed.getBody();

        // when: the order is read back
        Map<String, Object> read = api.get((String) answer.get("orderId"));

        // then: the answer says what a read says
        for (String field : List.of("orderId", "externalReference", "customer", "shippingAddress", "currency",
                "paymentReference", "lines", "total", "trackingUrl", "createdAt")) {
            assertThat(answer.get(field)).as(field).isEqualTo(read.get(field));
        }
        assertThat(((List<?>) answer.get("timeline")).get(0)).isEqualTo(((List<?>) read.get("timeline")).get(0));
        assertThat(answer).containsEntry("total", "7.50").containsEntry("status", "RECEIVED");
        assertThat(((List<?>) answer.get("lines"))).singleElement()
                .satisfies(line -> assertThat(((Map<?, ?>) line).get("unitPrice")).isEqualTo("2.50"));
    }
}
