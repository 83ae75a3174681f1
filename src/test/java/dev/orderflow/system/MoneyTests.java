package dev.orderflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MoneyTests {

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @ValueSource(strings = {"12.50", "12.5", "12", "0.50", "0", "0.00", "999999999999.99", "1.01", "100"})
    void acceptsDigitsWithAtMostTwoDecimals(String text) {
        assertThat(Money.parse(text)).contains(new BigDecimal(text));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @ValueSource(strings = {" 12.50", "12.50 ", "\t12.50", "12.500", "0012.50", "00.50", "01", "-12.50", "+12.50",
            "-0.00", "1e3", "1E3", "12.5e0", ".50", "12.", "12,50", "1,000.00", "1 000", "NaN", "Infinity",
            "0x10", "１２.５０", "12.50\n", "", " ", "1234567890123.00", "12..50", "12.5.0", "\u00A012.50"})
    void refusesEverythingElse(String text) {
        assertThat(Money.parse(text)).isEmpty();
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @ValueSource(strings = {"12.50", "0.05", "7"})
    void formatWritesWhatWasRead(String text) {
        assertThat(Money.format(Money.parse(text).orElseThrow())).isEqualTo(text);
    }
}
