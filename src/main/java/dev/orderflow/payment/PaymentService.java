package dev.orderflow.payment;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Refunds, one per order: the provider gets the order id as idempotency key and the result is stored once. */
@Service
public class PaymentService {

    private final PaymentPort provider;
    private final JdbcClient jdbc;
    private final Clock clock;

    PaymentService(PaymentPort provider, JdbcClient jdbc, Clock clock) {
        this.provider = provider;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The payment provider's name: {@code simulated} for the simulated one, else {@code orderflow.payment.http.name}. */
    public String providerName() {
        return provider.name();
    }

    /**
     * Refunds {@code amount} (in {@code currency}, 2 decimals) of the payment {@code paymentReference}, once per
     * order: asked again, it returns the refund already made without calling the provider.
     *
     * @throws PaymentUnavailableException when the provider cannot be reached or refuses (the step is retried)
     */
    @Transactional
    public Refund refund(UUID orderId, String paymentReference, BigDecimal amount, String currency) {
        return find(orderId).orElseGet(() -> {
            String reference = provider.refund(orderId, paymentReference, amount, currency);
            jdbc.sql("""
                    insert into refund (order_id, amount, currency, reference, provider, refunded_at)
                    values (:orderId, :amount, :currency, :reference, :provider, :now)
                    """).param("orderId", orderId).param("amount", amount).param("currency", currency)
                    .param("reference", reference).param("provider", provider.name())
                    .param("now", OffsetDateTime.now(clock)).update();
            return new Refund(orderId, amount, currency, reference);
        });
    }

    private Optional<Refund> find(UUID orderId) {
        return jdbc.sql("select amount, currency, reference from refund where order_id = :orderId")
                .param("orderId", orderId)
                .query((rs, n) -> new Refund(orderId, rs.getBigDecimal("amount"), rs.getString("currency"),
                        rs.getString("reference")))
                .optional();
    }
}
