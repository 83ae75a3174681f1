package dev.orderflow.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Utf8Tests {

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
            "c0af",             // overlong '/'
            "c080",             // overlong NUL
            "e080af",           // overlong '/' in three bytes
            "f08080af",         // overlong '/' in four bytes
            "eda080",           // high surrogate U+D800 encoded in UTF-8
            "edbfbf",           // low surrogate U+DFFF
            "eda0bdedb8800a",   // a surrogate pair encoded as two sequences (CESU-8)
            "c3",               // truncated at the end
            "e282",             // truncated three-byte sequence
            "c328",             // lead byte followed by ASCII
            "80",               // continuation byte alone
            "fe", "ff", "c1bf", // bytes that never occur in UTF-8
            "f4908080",         // beyond U+10FFFF
            "f880808080"})      // five-byte form
    void malformedSequencesAreRefused(String hex) {
        byte[] body = concat("{\"name\": \"Ada".getBytes(StandardCharsets.US_ASCII), HexFormat.of().parseHex(hex),
                "\"}".getBytes(StandardCharsets.US_ASCII));
        byte[] atTheEnd = concat("{\"name\": \"Ada".getBytes(StandardCharsets.US_ASCII), HexFormat.of().parseHex(hex));

        assertThat(Utf8.isWellFormed(body)).isFalse();
        assertThat(Utf8.isWellFormed(atTheEnd)).isFalse();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"Ada Lovelace", "Zoë Łódź", "日本語", "\uD83C\uDFE0\uD83D\uDC68\u200D\uD83D\uDC69", "\uFEFF{}", ""})
    void wellFormedTextPasses(String text) {
        assertThat(Utf8.isWellFormed(text.getBytes(StandardCharsets.UTF_8))).isTrue();
    }

    @Test
    void aSequenceCutBetweenTwoReadsIsStillWellFormed() throws Exception {
        byte[] house = "a\uD83C\uDFE0b".getBytes(StandardCharsets.UTF_8);
        try (InputStream in = Utf8.checking(new ByteArrayInputStream(house))) {
            // one byte at a time: every read ends inside the four-byte sequence
            byte[] one = new byte[1];
            int total = 0;
            while (in.read(one, 0, 1) > 0) {
                total++;
            }
            assertThat(total).isEqualTo(house.length);
        }
    }

    @Test
    void theErrorNamesTheOffsetOfTheBadByte() {
        byte[] body = concat("0123456789".getBytes(StandardCharsets.US_ASCII), new byte[] {(byte) 0xC0, (byte) 0xAF});

        assertThatThrownBy(() -> Utf8.checking(new ByteArrayInputStream(body)).readAllBytes())
                .isInstanceOf(Utf8.MalformedException.class)
                .hasMessageContaining("byte 10");
    }

    private static byte[] concat(byte[]... parts) {
        var out = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
