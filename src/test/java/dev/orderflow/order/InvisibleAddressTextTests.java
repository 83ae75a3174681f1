package dev.orderflow.order;

import static dev.orderflow.support.OrderflowApi.internalNotes;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import dev.orderflow.support.LocalRunTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * City and postal code are not required by the request (docs/api.md) but by the review: one made of invisible
 * characters only counts as missing there, as it would be refused in a required field.
 */
class InvisibleAddressTextTests extends LocalRunTest {

    @ParameterizedTest(name = "[{index}] U+{0}")
    @ValueSource(strings = {"200B", "2800", "00AD", "3164", "00A0"})
    void cityOfInvisibleCharactersOnlySendsTheOrderToReview(String codePoint) {
        // given
        String invisible = Character.toString(Integer.parseInt(codePoint, 16));
        String body = OrderflowTestOrders.valid().replace("London", invisible + invisible);

        // when
        String orderId = api.placed(body);

        // then
        api.awaitStatus(orderId, "UNDER_REVIEW");
        assertThat(internalNotes(api.getAsStaff(orderId), "message"))
                .anySatisfy(message -> assertThat(message).contains("no city"));
    }

    @ParameterizedTest(name = "[{index}] U+{0}")
    @ValueSource(strings = {"200B", "2800", "00AD"})
    void postalCodeOfInvisibleCharactersOnlySendsTheOrderToReview(String codePoint) {
        // given
        String invisible = Character.toString(Integer.parseInt(codePoint, 16));
        String body = OrderflowTestOrders.valid().replace("NW1 6XE", invisible);

        // when
        String orderId = api.placed(body);

        // then
        api.awaitStatus(orderId, "UNDER_REVIEW");
        assertThat(internalNotes(api.getAsStaff(orderId), "message"))
                .anySatisfy(message -> assertThat(message).contains("no postal code"));
    }
}
