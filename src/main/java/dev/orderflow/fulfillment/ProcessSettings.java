package dev.orderflow.fulfillment;

import java.time.Duration;

import dev.orderflow.order.OutOfStockPolicy;
import dev.orderflow.order.StockDecision;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Timer durations and defaults of the lifecycle, from configuration, as the diagram reads them:
 * {@code ${orderflow.timeouts.stockDecision}} is {@code orderflow.timeouts.stock-decision}. Operators change
 * them without touching the diagram; values are checked at start-up. The out-of-stock timeout and default
 * decision come from {@link OutOfStockPolicy}, which the mails read too.
 */
@Component(OrderFulfillmentProcess.Beans.SETTINGS)
public class ProcessSettings {

    private final Timeouts timeouts;
    private final OutOfStock outOfStock;

    ProcessSettings(OutOfStockPolicy outOfStock,
            @Value("${orderflow.timeouts.restock}") Duration restock,
            @Value("${orderflow.timeouts.review-escalation}") Duration reviewEscalation,
            @Value("${orderflow.timeouts.delivery}") Duration delivery) {
        for (Duration duration : new Duration[] {restock, reviewEscalation, delivery}) {
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("orderflow.timeouts.* must be positive durations, got " + duration);
            }
        }
        this.timeouts = new Timeouts(outOfStock.decisionTimeout(), restock, reviewEscalation, delivery);
        this.outOfStock = new OutOfStock(outOfStock.defaultDecision());
    }

    /** The timer durations, as the diagram reads them ({@code ${orderflow.timeouts.restock}}). */
    public Timeouts getTimeouts() {
        return timeouts;
    }

    /** The default of the out-of-stock decision, as the diagram reads it. */
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

        /** ISO-8601 duration (e.g. {@code P3D}): how long a customer has to choose between waiting and a refund. */
        public String getStockDecision() {
            return stockDecision.toString();
        }

        /** ISO-8601 duration (e.g. {@code P3D}): how long an order waits for a restock before it is refunded. */
        public String getRestock() {
            return restock.toString();
        }

        /** ISO-8601 duration (e.g. {@code P3D}): how long a review task waits before it goes to the team lead. */
        public String getReviewEscalation() {
            return reviewEscalation.toString();
        }

        /**
         * ISO-8601 duration (e.g. {@code P10D}): how long a shipped parcel may take before the delivery is
         * investigated.
         */
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

        /** What applies when the customer does not choose in time; never null. */
        public StockDecision getDefaultDecision() {
            return defaultDecision;
        }
    }
}
