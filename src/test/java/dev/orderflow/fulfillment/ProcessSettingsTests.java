package dev.orderflow.fulfillment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderflow.order.OutOfStockPolicy;
import dev.orderflow.order.StockDecision;
import org.junit.jupiter.api.Test;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The lifecycle's settings as operators write them: a wrong value stops the start and says what is allowed. */
class ProcessSettingsTests {

    // the application's conversions (ISO-8601 durations), as at a real start
    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withInitializer(started -> started.getBeanFactory()
                    .setConversionService(ApplicationConversionService.getSharedInstance()))
            .withUserConfiguration(OutOfStockPolicy.class, ProcessSettings.class)
            .withPropertyValues("orderflow.timeouts.stock-decision=P3D", "orderflow.timeouts.restock=P14D",
                    "orderflow.timeouts.review-escalation=PT4H", "orderflow.timeouts.delivery=P10D");

    @Test
    void defaultDecisionIsBoundAsAStockDecision() {
        context.withPropertyValues(StockDecision.DEFAULT_SETTING + "=WAIT").run(started ->
                assertThat(started.getBean(ProcessSettings.class).getOutOfStock().getDefaultDecision())
                        .isEqualTo(StockDecision.WAIT));
    }

    @Test
    void anUnknownDefaultDecisionStopsTheStartNamingThePropertyAndTheAllowedValues() {
        context.withPropertyValues(StockDecision.DEFAULT_SETTING + "=wait").run(started -> {
            assertThat(started).hasFailed();
            assertThat(started.getStartupFailure()).rootCause().isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("orderflow.out-of-stock.default-decision must be WAIT or REFUND, not 'wait'");
        });
    }

    @Test
    void aTimeoutThatIsNotPositiveStopsTheStart() {
        context.withPropertyValues(StockDecision.DEFAULT_SETTING + "=REFUND", "orderflow.timeouts.restock=PT0S")
                .run(started -> assertThat(started.getStartupFailure()).rootCause()
                        .hasMessageContaining("orderflow.timeouts.* must be positive durations"));
    }
}
