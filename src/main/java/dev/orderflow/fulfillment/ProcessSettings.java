package dev.orderflow.fulfillment;

import java.time.Duration;

import dev.orderflow.order.StockDecision;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Timer durations and defaults of the lifecycle, from configuration, as the diagram reads them:
 * {@code ${orderflow.timeouts.stockDecision}} is {@code orderflow.timeouts.stock-decision}. Operators change
 * them without touching the diagram; values are checked at start-up.
 */
@Component(OrderFulfillmentProcess.Beans.SETTINGS)
public class ProcessSettings {

    private final Timeouts timeouts;
    private final OutOfStock outOfStock;

    ProcessSettings(@Value("${orderflow.timeouts.stock-decision}") Duration stockDecision,
            @Value("${orderflow.timeouts.restock}") Duration restock,
            @Value("${orderflow.timeouts.review-escalation}") Duration reviewEscalation,
            @Value("${orderflow.timeouts.delivery}") Duration delivery,
            @Value("${" + StockDecision.DEFAULT_SETTING + "}") String defaultDecision) {
        // checked here, not by Spring's conversion, so that a wrong value stops the start with a message that
        // names the property and the allowed values
        StockDecision decision = StockDecision.ofSetting(StockDecision.DEFAULT_SETTING, defaultDecision);
        for (Duration duration : new Duration[] {stockDecision, restock, reviewEscalation, delivery}) {
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("orderflow.timeouts.* must be positive durations, got " + duration);
            }
        }
        this.timeouts = new Timeouts(stockDecision, restock, reviewEscalation, delivery);
        this.outOfStock = new OutOfStock(decision);
    }

    public Timeouts getTimeouts() {
        return timeouts;
    }

    public OutOfStock getOutOfStock() {
        return outOfStock;
    }

    Duration restockTimeout() {
        return timeouts.restock;
    }

    Duration deliveryTimeout() {
        return timeouts.delivery;
    }

    /** ISO-8601 durations for timer definitions. */
    public static final class Timeouts {
        private final Duration stockDecision;
        private final Duration restock;
        private final Duration reviewEscalation;
        private final Duration delivery;

        Timeouts(Duration stockDecision, Duration restock, Duration reviewEscalation, Duration delivery) {
            this.stockDecision = stockDecision;
            this.restock = restock;
            this.reviewEscalation = reviewEscalation;
            this.delivery = delivery;
        }

        public String getStockDecision() {
            return stockDecision.toString();
        }

        public String getRestock() {
            return restock.toString();
        }

        public String getReviewEscalation() {
            return reviewEscalation.toString();
        }

        public String getDelivery() {
            return delivery.toString();
        }
    }

    /**
     * What applies when a customer does not choose in time. The diagram compares it with a name
     * ({@code ${orderflow.outOfStock.defaultDecision == 'WAIT'}}); the expression language turns the name into
     * the enum constant.
     */
    public static final class OutOfStock {
        private final StockDecision defaultDecision;

        OutOfStock(StockDecision defaultDecision) {
            this.defaultDecision = defaultDecision;
        }

        public StockDecision getDefaultDecision() {
            return defaultDecision;
        }
    }
}
