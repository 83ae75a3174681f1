package dev.orderflow.payment;

import java.math.BigDecimal;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A payment provider that refunds at once, for the local run and tests. */
class SimulatedPaymentProvider implements PaymentPort {

    static final String NAME = "simulated";

    private static final Logger log = LoggerFactory.getLogger(SimulatedPaymentProvider.class);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String refund(UUID orderId, String paymentReference, BigDecimal amount, String currency) {
        String reference = "RF-" + orderId.toString().substring(0, 8).toUpperCase();
        log.info("Simulated payment provider: refunded {} {} of payment {} as {}", amount, currency,
                paymentReference, reference);
        return reference;
    }
}
