package dev.orderflow.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import dev.orderflow.support.PostgresIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * Text limits count characters as a person sees them (code points), so text at the limit made of characters
 * outside the Basic Multilingual Plane (emoji: two UTF-16 units each) is accepted and stored as sent.
 */
class TextLimitsOnPostgresTests extends PostgresIntegrationTest {

    private static final String HOUSE = "\uD83C\uDFE0";

    @Test
    void textAtItsLimitInEmojiIsAcceptedAndStoredAsSent() {
        // given: 200 emoji as the name (limit 200), 100 as the external reference (limit 100)
        String body = OrderflowTestOrders.valid().replace("Ada Lovelace", HOUSE.repeat(200))
                .replace("SHOP-10023", HOUSE.repeat(100));

        // when
        ResponseEntity<Map<String, Object>> placed = api.place(body);

        // then
        assertThat(placed.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        Map<String, Object> order = api.get((String) placed.getBody().get("orderId"));
        assertThat(order.get("externalReference")).isEqualTo(HOUSE.repeat(100));
        assertThat(order.get("customer")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("name", HOUSE.repeat(200));
    }
}
