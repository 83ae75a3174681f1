package dev.orderflow.order;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Timeline messages are bounded in characters a person sees, and never cut an emoji in two. */
class TimelineMessageTests {

    private static final String EMOJI = "\uD83D\uDE1E";

    @Test
    void messageWithinTheBoundIsKeptAsItIs() {
        String message = "Cancelled at the customer's request: " + EMOJI.repeat(500);

        assertThat(OrderRepository.truncate(message)).isEqualTo(message);
    }

    @Test
    void longerMessageIsCutAtACharacterAndSaysSo() {
        // given: one emoji more than the bound, so a cut by UTF-16 units would split a surrogate pair
        String message = "x" + EMOJI.repeat(OrderRepository.MAX_TIMELINE_MESSAGE);

        // when
        String cut = OrderRepository.truncate(message);

        // then
        assertThat(cut.codePointCount(0, cut.length())).isEqualTo(OrderRepository.MAX_TIMELINE_MESSAGE);
        assertThat(cut).endsWith(EMOJI + "\u2026");
        assertThat(cut.codePoints().filter(c -> Character.getType(c) == Character.SURROGATE)).isEmpty();
    }
}
