package dev.orderflow.payment;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.UUID;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.orderflow.system.OutboundHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The HTTP payment adapter: idempotent refunds, quick failure when the provider is slow or down. */
class HttpPaymentProviderTests {

    @RegisterExtension
    static WireMockExtension provider = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final UUID orderId = UUID.fromString("0b6f8a3e-0000-4000-8000-000000000002");
    private HttpPaymentProvider adapter;

    @BeforeEach
    void connect() {
        // room for a cold first request on a busy machine: with 2 s, class loading and WireMock's first answer
        // under a full parallel build timed out now and then
        var properties = new HttpPaymentProperties("payco", provider.baseUrl(), "secret", Duration.ofSeconds(5),
                Duration.ofSeconds(5));
        adapter = new HttpPaymentProvider(properties, OutboundHttp.client(provider.baseUrl(),
                properties.connectTimeout(), properties.readTimeout()));
    }

    @Test
    void refundCarriesTheOrderAsIdempotencyKeyAndMoneyAsAString() {
        provider.stubFor(post("/refunds").willReturn(okJson("{\"refundReference\": \"RF-77\"}")));

        String reference = adapter.refund(orderId, "pay_1", new BigDecimal("25.00"), "EUR");

        assertThat(reference).isEqualTo("RF-77");
        provider.verify(postRequestedFor(urlEqualTo("/refunds"))
                .withHeader("Idempotency-Key", equalTo(orderId.toString()))
                .withHeader("Authorization", equalTo("Bearer secret"))
                .withRequestBody(equalToJson("{\"paymentReference\":\"pay_1\",\"amount\":\"25.00\",\"currency\":\"EUR\"}")));
    }

    @Test
    void failingOrSlowProviderIsWorthARetry() {
        provider.stubFor(post("/refunds").willReturn(aResponse().withStatus(502)));
        assertThatThrownBy(() -> adapter.refund(orderId, "pay_1", BigDecimal.TEN, "EUR"))
                .isInstanceOf(PaymentUnavailableException.class).hasMessageContaining("answered 502");

        provider.stubFor(post("/refunds").willReturn(okJson("{\"refundReference\": \"RF-1\"}").withFixedDelay(6500)));
        assertThatThrownBy(() -> adapter.refund(orderId, "pay_1", BigDecimal.TEN, "EUR"))
                .isInstanceOf(PaymentUnavailableException.class).hasMessageContaining("did not answer");
    }

    @Test
    void refusedRefundSaysWhy() {
        provider.stubFor(post("/refunds").willReturn(aResponse().withStatus(409).withBody("already refunded")));

        assertThatThrownBy(() -> adapter.refund(orderId, "pay_1", BigDecimal.TEN, "EUR"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("409").hasMessageContaining("already refunded");
    }
}
