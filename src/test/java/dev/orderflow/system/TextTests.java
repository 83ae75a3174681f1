package dev.orderflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TextTests {

    private static final String HOUSE = "\uD83C\uDFE0";

    @Test
    void limitsCountCodePointsSoAnEmojiIsOneCharacter() {
        assertThat(Text.length(HOUSE.repeat(150))).isEqualTo(150);
        assertThat(Text.problemOfLine(HOUSE.repeat(200), true, 200)).isEmpty();
        assertThat(Text.problemOfLine(HOUSE.repeat(201), true, 200)).contains("must be at most 200 characters");
        assertThat(Text.problemOfLine("Zoë Łódź 日本", true, 11)).isEmpty();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"", " ", "   ", "\u200B", "\u200B\u200C\u200D", "\u2060", "\uFEFF", "\u00A0", "\u3000",
            "\u2003", "\u3164", "\u2800", "\u2800\u2800", "\u00AD", "\u00AD\u2800\u200B", "\u115F", "\u0301",
            " \u200B "})
    void requiredTextNeedsAVisibleCharacter(String invisible) {
        assertThat(Text.problemOfLine(invisible, true, 200)).isPresent();
        assertThat(Text.hasVisibleCharacter(invisible)).isFalse();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"A", "Ada", " Ada ", "\u200BA", HOUSE, "ß", "é", "日", "1", "-", ".", "\u00E9\u0301"})
    void visibleTextIsFine(String visible) {
        assertThat(Text.problemOfLine(visible, true, 200)).isEmpty();
    }

    @ParameterizedTest(name = "U+{0}")
    @ValueSource(ints = {0x00, 0x07, 0x09, 0x0A, 0x0D, 0x1B, 0x7F, 0x85, 0x9F, 0x2028, 0x2029, 0x202E, 0x2066, 0x2069})
    void singleLineTextRefusesControlsLineBreaksAndBidiOverrides(int codePoint) {
        String text = "Ada" + Character.toString(codePoint) + "Lovelace";

        assertThat(Text.problemOfLine(text, true, 200)).isPresent();
        assertThat(Text.problemOfLine(text, false, 200)).isPresent();
    }

    @Test
    void paragraphsMayHaveLineBreaksAndTabsButNoOtherControls() {
        assertThat(Text.problemOfParagraph("changed\r\nmy\tmind", false, 500)).isEmpty();
        assertThat(Text.problemOfParagraph("changed\u2028my\u2029mind", false, 500)).isEmpty();
        assertThat(Text.problemOfParagraph("changed\u0000my mind", false, 500)).isPresent();
        assertThat(Text.problemOfParagraph("changed\u001Bmy mind", false, 500)).isPresent();
    }

    @ParameterizedTest(name = "U+{0}")
    @ValueSource(ints = {0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069})
    void noTextHoldsBidirectionalOverrides(int codePoint) {
        // a stock note "5 damaged" that displays as something else to the next clerk
        String text = "5 " + Character.toString(codePoint) + "degamad";

        assertThat(Text.problemOfParagraph(text, false, 500)).get().asString().contains("bidirectional");
        assertThat(Text.problemOfLine(text, false, 200)).get().asString().contains("bidirectional");
    }

    @Test
    void rightToLeftScriptsNeedNoOverridesAndAreFine() {
        assertThat(Text.problemOfLine("\u05D3\u05D5\u05D3 \u05DB\u05D4\u05DF", true, 200)).isEmpty();
        assertThat(Text.problemOfParagraph("\u0634\u0643\u0631\u0627\u064B\n\u200Fnote", false, 500)).isEmpty();
    }

    @Test
    void loneSurrogatesAreRefused() {
        assertThat(Text.problemOfLine("Ada\uD83C", true, 200)).get().asString().contains("surrogate");
        assertThat(Text.problemOfLine("\uDFE0Ada", false, 200)).isPresent();
        assertThat(Text.problemOfLine(HOUSE + "Ada", false, 200)).isEmpty();
    }

    @Test
    void absentTextIsFineUnlessRequired() {
        assertThat(Text.problemOfLine(null, false, 10)).isEmpty();
        assertThat(Text.problemOfLine(null, true, 10)).contains("is required");
    }
}
