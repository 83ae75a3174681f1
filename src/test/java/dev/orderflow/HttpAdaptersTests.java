package dev.orderflow;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.orderflow.support.OrderflowApi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A shop as production runs it: a profile, no simulation, two real couriers and a real payment provider (each a
 * WireMock server on a free port), and a courier-selection table of its own that sends parcels for Germany and
 * Austria with {@code parcelco} and all others with {@code worldpost} ({@code decisions/courier-by-country.dmn11.xml},
 * deployed instead of {@code bpmn/courier-selection.dmn}). On H2: what matters here is which partner is called.
 */
@ActiveProfiles("production")
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:http-adapters;DB_CLOSE_DELAY=-1;DB_CLOSE_ON_EXIT=FALSE",
        "spring.flyway.locations=classpath:db/migration,classpath:db/demo",
        "orderflow.security.storefront-password=" + HttpAdaptersTests.STOREFRONT_PASSWORD,
        "orderflow.security.staff-password=" + HttpAdaptersTests.STAFF_PASSWORD,
        "orderflow.security.webhook-secret=test-webhook-secret",
        "camunda.bpm.admin-user.password=test-admin-secret",
        "camunda.bpm.generate-unique-process-engine-name=true",
        // Camunda's webapps keep static state per JVM: only the local-run test context may start them
        "spring.autoconfigure.exclude=org.camunda.bpm.spring.boot.starter.webapp.CamundaBpmWebappAutoConfiguration",
        "orderflow.notifications.relay-interval=PT0.2S",
        "camunda.bpm.deployment-resource-pattern=" + HttpAdaptersTests.DEPLOYMENT_WITH_COURIERS_BY_COUNTRY,
        "orderflow.couriers.parcelco.service-levels=STANDARD",
        "orderflow.couriers.parcelco.api-key=parcelco-key",
        "orderflow.couriers.parcelco.display-name=ParcelCo",
        "orderflow.couriers.parcelco.tracking-url=https://track.parcelco.example/en?piececode={trackingNumber}",
        "orderflow.couriers.worldpost.service-levels=INTERNATIONAL",
        "orderflow.payment.http.name=payco"
})
class HttpAdaptersTests {

    static final String STOREFRONT_PASSWORD = "test-storefront-secret";
    static final String STAFF_PASSWORD = "test-staff-secret";
    /** The service's own models, with the courier-selection table replaced by the test's. */
    static final String DEPLOYMENT_WITH_COURIERS_BY_COUNTRY = "classpath*:order-fulfillment.bpmn,"
            + "classpath*:order-review.dmn,classpath*:forms/*.form,classpath:decisions/courier-by-country.dmn11.xml";

    @RegisterExtension
    static WireMockExtension parcelco = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();
    @RegisterExtension
    static WireMockExtension worldpost = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();
    @RegisterExtension
    static WireMockExtension payco = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @DynamicPropertySource
    static void partners(DynamicPropertyRegistry registry) {
        registry.add("orderflow.couriers.parcelco.base-url", parcelco::baseUrl);
        registry.add("orderflow.couriers.worldpost.base-url", worldpost::baseUrl);
        registry.add("orderflow.payment.http.base-url", payco::baseUrl);
    }

    @Autowired
    TestRestTemplate http;

    OrderflowApi api;

    @BeforeEach
    void connect() {
        api = new OrderflowApi(http, STOREFRONT_PASSWORD, STAFF_PASSWORD, "test-webhook-secret");
        parcelco.stubFor(post("/labels").willReturn(okJson("{\"trackingNumber\": \"PC-0001\", \"labelUrl\": \"https://pc/1.pdf\"}")));
        parcelco.stubFor(post("/pickups").willReturn(okJson("{\"pickupReference\": \"PC-PU-1\"}")));
        worldpost.stubFor(post("/labels").willReturn(okJson("{\"trackingNumber\": \"WP-0001\", \"labelUrl\": \"https://wp/1.pdf\"}")));
        worldpost.stubFor(post("/pickups").willReturn(okJson("{\"pickupReference\": \"WP-PU-1\"}")));
        payco.stubFor(post("/refunds").willReturn(okJson("{\"refundReference\": \"PAYCO-RF-1\"}")));
    }

    @Test
    @SuppressWarnings("unchecked")
    void healthShowsTheConfiguredCouriersAndProviderAndNoSimulatorToStaff() {
        Map<String, Object> health = api.staff().getForObject("/actuator/health", Map.class);

        Map<String, Object> adapters = (Map<String, Object>) ((Map<String, Object>) health.get("components"))
                .get("adapters");
        assertThat(adapters).containsEntry("status", "UP");
        assertThat((Map<String, Object>) adapters.get("details"))
                .containsEntry("courier", Map.of("simulated", List.of(), "http", List.of("parcelco", "worldpost")))
                .containsEntry("payment", "payco");
    }

    @Test
    void eachParcelGoesWithTheCourierTheDecisionTableChose() {
        // when: one order to Berlin, one to New York
        String toGermany = api.placed(OrderflowApi.order("MUG-ECO-01", 1, "12.50"));
        String toTheUsa = api.placed(OrderflowApi.order("MUG-ECO-01", 1, "12.50")
                .replace("\"Unter den Linden 1\"", "\"350 Fifth Avenue\"").replace("\"Berlin\"", "\"New York\"")
                .replace("\"10117\"", "\"10118\"").replace("\"DE\"", "\"US\""));

        // then: each shipped with its courier, whose API was called with the order as idempotency key
        assertThat(api.awaitStatus(toGermany, "SHIPPED"))
                .containsEntry("courier", "parcelco").containsEntry("trackingNumber", "PC-0001");
        assertThat(api.awaitStatus(toTheUsa, "SHIPPED"))
                .containsEntry("courier", "worldpost").containsEntry("trackingNumber", "WP-0001");
        parcelco.verify(1, postRequestedFor(urlEqualTo("/labels")));
        parcelco.verify(postRequestedFor(urlEqualTo("/labels")).withHeader("Idempotency-Key", equalTo(toGermany))
                .withHeader("Authorization", equalTo("Bearer parcelco-key"))
                .withRequestBody(matchingJsonPath("$.serviceLevel", equalTo("STANDARD"))));
        parcelco.verify(postRequestedFor(urlEqualTo("/pickups")).withHeader("Idempotency-Key", equalTo(toGermany)));
        worldpost.verify(1, postRequestedFor(urlEqualTo("/labels")));
        worldpost.verify(postRequestedFor(urlEqualTo("/labels")).withHeader("Idempotency-Key", equalTo(toTheUsa))
                .withRequestBody(matchingJsonPath("$.serviceLevel", equalTo("INTERNATIONAL")))
                .withRequestBody(matchingJsonPath("$.country", equalTo("US"))));
        worldpost.verify(postRequestedFor(urlEqualTo("/pickups")).withHeader("Idempotency-Key", equalTo(toTheUsa)));
    }

    @Test
    void trackingPageNamesEachCourierForPeopleAndLinksToItsOwnTrackingWhereItHasOne() {
        // given: one order shipped by parcelco (display name and tracking URL configured), one by worldpost (neither),
        // each with a tracking number of its own (one with a space and a slash)
        parcelco.stubFor(post("/labels").withRequestBody(matchingJsonPath("$.line1", equalTo("Hauptstrasse 5")))
                .willReturn(okJson("{\"trackingNumber\": \"PC 0002/B\", \"labelUrl\": \"https://pc/2.pdf\"}")));
        worldpost.stubFor(post("/labels").withRequestBody(matchingJsonPath("$.line1", equalTo("1 Main Street")))
                .willReturn(okJson("{\"trackingNumber\": \"WP-0002\", \"labelUrl\": \"https://wp/2.pdf\"}")));
        String toGermany = api.placed(OrderflowApi.order("MUG-ECO-01", 1, "12.50")
                .replace("\"Unter den Linden 1\"", "\"Hauptstrasse 5\""));
        String toTheUsa = api.placed(OrderflowApi.order("MUG-ECO-01", 1, "12.50")
                .replace("\"Unter den Linden 1\"", "\"1 Main Street\"").replace("\"Berlin\"", "\"New York\"")
                .replace("\"10117\"", "\"10118\"").replace("\"DE\"", "\"US\""));
        Map<String, Object> byParcelco = api.awaitStatus(toGermany, "SHIPPED");
        Map<String, Object> byWorldpost = api.awaitStatus(toTheUsa, "SHIPPED");

        // when
        String parcelcoPage = trackingPage(byParcelco);
        String worldpostPage = trackingPage(byWorldpost);

        // then: the display name, and a plain link (same tab, no referrer) to the courier's page for this parcel
        assertThat(parcelcoPage).contains("<dd id=\"courier\">ParcelCo</dd>",
                "<a href=\"https://track.parcelco.example/en?piececode=PC%200002%2FB\" rel=\"noopener noreferrer\">"
                        + "ParcelCo&#39;s tracking page</a>", "Handed over to ParcelCo, tracking number PC 0002/B")
                .doesNotContain("target=");
        // and a courier without them: its name, no link
        assertThat(worldpostPage).contains("<dd id=\"courier\">worldpost</dd>", "WP-0002").doesNotContain("<a ");
        // the API keeps the courier's configured name, which the decision table uses
        assertThat(byParcelco).containsEntry("courier", "parcelco");
    }

    private String trackingPage(Map<String, Object> order) {
        String url = (String) order.get("trackingUrl");
        var page = http.getForEntity(url.substring(url.indexOf("/track/")), String.class);
        assertThat(page.getStatusCode().value()).as(page.getBody()).isEqualTo(200);
        return page.getBody();
    }

    @Test
    void aRefundGoesToTheConfiguredPaymentProvider() {
        // given: an order for the rug, which the demo catalog has none of
        String orderId = api.placed(OrderflowApi.order("RUG-JUTE", 1, "129.00"));
        api.awaitStatus(orderId, "AWAITING_STOCK_DECISION");

        // when
        api.decideStock(orderId, "REFUND");

        // then
        api.awaitStatus(orderId, "CANCELLED");
        assertThat(await().atMost(Duration.ofSeconds(30)).until(() -> api.get(orderId).get("refund"), Objects::nonNull))
                .isEqualTo(Map.of("amount", "129.00", "reference", "PAYCO-RF-1"));
        payco.verify(1, postRequestedFor(urlEqualTo("/refunds")).withHeader("Idempotency-Key", equalTo(orderId)));
    }
}
