package dev.orderflow.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** The out-of-stock settings, read and checked in one place for the process and the mails. */
class OutOfStockPolicyTests {

    @Test
    void theSettingsAreReadAsADurationAndADecision() {
        OutOfStockPolicy policy = new OutOfStockPolicy(Duration.ofDays(3), "WAIT");

        assertThat(policy.decisionTimeout()).isEqualTo(Duration.ofDays(3));
        assertThat(policy.defaultDecision()).isEqualTo(StockDecision.WAIT);
    }

    @Test
    void anUnknownDefaultDecisionIsRefusedNamingThePropertyAndTheAllowedValues() {
        assertThatThrownBy(() -> new OutOfStockPolicy(Duration.ofDays(3), "refund"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("orderflow.out-of-stock.default-decision must be WAIT or REFUND, not 'refund'");
    }

    @Test
    void aTimeToChooseThatIsNotPositiveIsRefusedNamingTheProperty() {
        assertThatThrownBy(() -> new OutOfStockPolicy(Duration.ZERO, "REFUND"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("orderflow.timeouts.stock-decision must be a positive duration, got PT0S");
    }
}
