package dev.orderflow.shipping;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The HTTP courier adapter against a courier that is fine, slow, failing, refusing or repeating itself. */
class HttpCourierTests {

    @RegisterExtension
    static WireMockExtension courier = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final UUID orderId = UUID.fromString("0b6f8a3e-0000-4000-8000-000000000001");
    private HttpCourier adapter;

    @BeforeEach
    void connect() {
        var properties = new HttpCourierProperties(courier.baseUrl(), "key-123", List.of("STANDARD"),
                Duration.ofMillis(500), Duration.ofMillis(800), null, null);
        adapter = HttpCourier.of("parcelco", properties);
    }

    @Test
    void labelRequestCarriesTheOrderAsIdempotencyKeyAndTheApiKey() {
        courier.stubFor(post("/labels").willReturn(okJson("{\"trackingNumber\": \"PC-123\", \"labelUrl\": \"https://x/l.pdf\"}")));

        CourierPort.Label label = adapter.createLabel(request());

        assertThat(label.trackingNumber()).isEqualTo("PC-123");
        courier.verify(postRequestedFor(urlEqualTo("/labels"))
                .withHeader("Idempotency-Key", equalTo(orderId.toString()))
                .withHeader("Authorization", equalTo("Bearer key-123"))
                // sent whole: a courier API behind a plain HTTP server reads the body by its length
                .withHeader("Content-Length", matching("[1-9][0-9]*"))
                .withoutHeader("Transfer-Encoding")
                .withRequestBody(matchingJsonPath("$.serviceLevel", equalTo("STANDARD")))
                .withRequestBody(matchingJsonPath("$.weightGrams", equalTo("760"))));
    }

    @Test
    void aRepeatedCallGetsTheFirstAnswerAgain() {
        courier.stubFor(post("/pickups").willReturn(okJson("{\"pickupReference\": \"PU-1\"}")));

        var first = adapter.bookPickup(orderId, "PC-123");
        var again = adapter.bookPickup(orderId, "PC-123");

        assertThat(again).isEqualTo(first);
        courier.verify(2, postRequestedFor(urlEqualTo("/pickups"))
                .withHeader("Idempotency-Key", equalTo(orderId.toString())));
    }

    @Test
    void aServerErrorIsWorthARetry() {
        courier.stubFor(post("/pickups").willReturn(aResponse().withStatus(503).withBody("maintenance")));

        assertThatThrownBy(() -> adapter.bookPickup(orderId, "PC-123"))
                .isInstanceOf(CourierUnavailableException.class)
                .hasMessage("parcelco answered 503 to POST /pickups for order " + orderId + ": maintenance");
    }

    @Test
    void aSlowCourierFailsFastInsteadOfHoldingTheJob() {
        courier.stubFor(post("/labels").willReturn(okJson("{\"trackingNumber\": \"PC-9\"}").withFixedDelay(3000)));

        long started = System.nanoTime();
        assertThatThrownBy(() -> adapter.createLabel(request()))
                .isInstanceOf(CourierUnavailableException.class)
                .hasMessageContaining("did not answer POST /labels");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2500));
    }

    @Test
    void anUnreachableCourierIsWorthARetry() {
        var properties = new HttpCourierProperties("http://127.0.0.1:9", null, List.of("STANDARD"),
                Duration.ofMillis(300), Duration.ofMillis(300), null, null);
        var offline = HttpCourier.of("parcelco", properties);

        assertThatThrownBy(() -> offline.bookPickup(orderId, "PC-1")).isInstanceOf(CourierUnavailableException.class);
    }

    @Test
    void aRefusedRequestSaysWhatTheCourierSaid() {
        courier.stubFor(post("/labels").willReturn(aResponse().withStatus(422).withBody("{\"error\":\"postcode unknown\"}")));

        assertThatThrownBy(() -> adapter.createLabel(request()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("answered 422").hasMessageContaining("postcode unknown");
    }

    @Test
    void aLabelWithoutTrackingNumberIsNotAccepted() {
        courier.stubFor(post("/labels").willReturn(okJson("{}")));

        assertThatThrownBy(() -> adapter.createLabel(request())).isInstanceOf(CourierUnavailableException.class);
    }

    private CourierPort.LabelRequest request() {
        return new CourierPort.LabelRequest(orderId, "STANDARD", "Ada Lovelace", "12 Analytical St", null, "London",
                "NW1 6XE", "GB", "BOX-XS", 760);
    }
}
