package dev.orderflow.order;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * What a customer whose order is out of stock is offered: how long they have to choose
 * ({@code orderflow.timeouts.stock-decision}) and what applies when they do not
 * ({@code orderflow.out-of-stock.default-decision}). Read and checked here only; the process's timer and
 * default path and the out-of-stock mail all take them from this bean.
 */
@Component
public class OutOfStockPolicy {

    private final Duration decisionTimeout;
    private final StockDecision defaultDecision;

    /**
     * Checks both settings, so that a wrong value stops the start with a message that names the property.
     *
     * @throws IllegalArgumentException when the timeout is not positive or the default decision is not spelled
     *         exactly as one of {@link StockDecision}'s names (case matters)
     */
    public OutOfStockPolicy(@Value("${orderflow.timeouts.stock-decision}") Duration decisionTimeout,
            @Value("${" + StockDecision.DEFAULT_SETTING + "}") String defaultDecision) {
        if (decisionTimeout.isNegative() || decisionTimeout.isZero()) {
            throw new IllegalArgumentException(
                    "orderflow.timeouts.stock-decision must be a positive duration, got " + decisionTimeout);
        }
        this.decisionTimeout = decisionTimeout;
        // checked here, not by Spring's conversion, so that the message names the property and the allowed values
        this.defaultDecision = StockDecision.ofSetting(StockDecision.DEFAULT_SETTING, defaultDecision);
    }

    /** How long a customer has to choose between waiting and a refund; positive. */
    public Duration decisionTimeout() {
        return decisionTimeout;
    }

    /** What applies when the customer has not chosen within {@link #decisionTimeout()}. */
    public StockDecision defaultDecision() {
        return defaultDecision;
    }
}
