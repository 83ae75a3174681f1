package dev.orderflow.payment;

import java.math.BigDecimal;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.MediaType;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;

/**
 * Refunds through the payment provider's HTTP API, {@code Idempotency-Key: <orderId>} on every call: asking
 * twice refunds once. Unreachable, slow or failing (5xx) is {@link PaymentUnavailableException}, retried.
 */
class HttpPaymentProvider implements PaymentPort {

    private final HttpPaymentProperties properties;
    private final RestClient http;

    HttpPaymentProvider(HttpPaymentProperties properties, RestClient http) {
        this.properties = properties;
        this.http = http;
    }

    record RefundResponse(String refundReference) {
    }

    @Override
    public String name() {
        return properties.name();
    }

    @Override
    public String refund(UUID orderId, String paymentReference, BigDecimal amount, String currency) {
        try {
            RefundResponse refund = http.post().uri("/refunds")
                    .contentType(MediaType.APPLICATION_JSON)
                    .header("Idempotency-Key", orderId.toString())
                    .headers(headers -> {
                        if (properties.apiKey() != null) {
                            headers.setBearerAuth(properties.apiKey());
                        }
                    })
                    .body(Map.of("paymentReference", String.valueOf(paymentReference), "amount", amount.toPlainString(),
                            "currency", currency))
                    .retrieve()
                    .body(RefundResponse.class);
            if (refund == null || refund.refundReference() == null) {
                throw new PaymentUnavailableException(name() + " confirmed the refund of order " + orderId
                        + " without a reference");
            }
            return refund.refundReference();
        } catch (RestClientResponseException refused) {
            String message = name() + " answered " + refused.getStatusCode().value() + " to the refund of order "
                    + orderId + ": " + refused.getResponseBodyAsString();
            if (refused.getStatusCode().is5xxServerError() || refused.getStatusCode().value() == 429) {
                throw new PaymentUnavailableException(message, refused);
            }
            throw new IllegalStateException(message, refused);
        } catch (ResourceAccessException unreachable) {
            throw new PaymentUnavailableException(name() + " did not answer the refund of order " + orderId
                    + " in time: " + unreachable.getMostSpecificCause().getMessage(), unreachable);
        }
    }
}
