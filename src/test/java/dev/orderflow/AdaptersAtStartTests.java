package dev.orderflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.orderflow.system.RefusedToStart;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.web.client.RestTemplateBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The service started as an operator starts it, with a profile, to see which configurations of couriers and
 * payment provider it accepts. On an in-memory H2 database each: what matters is whether it starts.
 */
class AdaptersAtStartTests {

    @Test
    void decisionTableNamingACourierThatIsNotConfiguredRefusesTheStartNamingTheRuleAndTheConfiguredCouriers() {
        // given: a table sending parcels abroad with worldpost, and only parcelco configured
        List<String> configuration = production("--orderflow.simulation.enabled=false",
                "--camunda.bpm.deployment-resource-pattern=" + HttpAdaptersTests.DEPLOYMENT_WITH_COURIERS_BY_COUNTRY,
                "--orderflow.couriers.parcelco.base-url=http://127.0.0.1:9",
                "--orderflow.payment.http.base-url=http://127.0.0.1:9");

        assertThatThrownBy(() -> start(configuration))
                .rootCause().isInstanceOf(RefusedToStart.class)
                .hasMessage("Orderflow refuses to start: courier-by-country.dmn11.xml (decision CourierSelection):"
                        + " rule Rule_World returns courier 'worldpost', which is not configured. Configured couriers:"
                        + " [parcelco (EXPRESS_INSURED, INTERNATIONAL, STANDARD)]. Configure each courier the decision"
                        + " table names with the service levels its rules ask for (orderflow.couriers.<name>.base-url"
                        + " and .service-levels, or orderflow.simulation.enabled=true for 'simulated'), or change the"
                        + " table's rules to name configured couriers and levels they offer (docs/configuration.md).");
    }

    @Test
    void decisionTableAskingACourierForALevelItDoesNotOfferRefusesTheStart() {
        // given: both couriers of the table, but worldpost offers no INTERNATIONAL, which the table asks it for
        List<String> configuration = production("--orderflow.simulation.enabled=false",
                "--camunda.bpm.deployment-resource-pattern=" + HttpAdaptersTests.DEPLOYMENT_WITH_COURIERS_BY_COUNTRY,
                "--orderflow.couriers.parcelco.base-url=http://127.0.0.1:9",
                "--orderflow.couriers.worldpost.base-url=http://127.0.0.1:9",
                "--orderflow.couriers.worldpost.service-levels=STANDARD,EXPRESS",
                "--orderflow.payment.http.base-url=http://127.0.0.1:9");

        assertThatThrownBy(() -> start(configuration))
                .rootCause().isInstanceOf(RefusedToStart.class)
                .hasMessageContaining("courier-by-country.dmn11.xml (decision CourierSelection): rule Rule_World"
                        + " returns service level 'INTERNATIONAL', which courier 'worldpost' does not offer.")
                .hasMessageContaining("worldpost (EXPRESS, STANDARD)");
    }

    @Test
    void theServicesOwnDecisionTableNeedsTheSimulatedCourier() {
        // given: bpmn/courier-selection.dmn as it ships (every rule: "simulated"), a real courier, no simulation
        List<String> configuration = production("--orderflow.simulation.enabled=false",
                "--orderflow.couriers.parcelco.base-url=http://127.0.0.1:9",
                "--orderflow.payment.http.base-url=http://127.0.0.1:9");

        assertThatThrownBy(() -> start(configuration))
                .rootCause().isInstanceOf(RefusedToStart.class)
                .hasMessageContaining("courier-selection.dmn (decision CourierSelection): rule Rule_Freight returns"
                        + " courier 'simulated', which is not configured; rule Rule_International returns courier"
                        + " 'simulated', which is not configured")
                .hasMessageContaining("rule Rule_Standard returns courier 'simulated'")
                .hasMessageContaining("Configured couriers: [parcelco (EXPRESS_INSURED, INTERNATIONAL, STANDARD)]");
    }

    @Test
    void invalidCourierPropertiesRefuseTheStartNamingTheProperty() {
        List<String> configuration = production("--orderflow.simulation.enabled=true",
                "--orderflow.couriers.parcelco.base-url=api.parcelco.example",
                "--orderflow.couriers.parcelco.service-levels=");

        assertThatThrownBy(() -> start(configuration))
                .rootCause().isInstanceOf(RefusedToStart.class)
                .hasMessageContaining("orderflow.couriers.parcelco.base-url must be an absolute http or https URL, is"
                        + " 'api.parcelco.example'")
                .hasMessageContaining("orderflow.couriers.parcelco.service-levels must name at least one service"
                        + " level");
    }

    @Test
    @SuppressWarnings("unchecked")
    void simulationAskedForUnderAProfileStartsAndHealthSaysWhatIsSimulated() {
        // given
        List<String> configuration = production("--orderflow.simulation.enabled=true",
                "--orderflow.couriers.parcelco.base-url=http://127.0.0.1:9");

        try (ConfigurableApplicationContext service = start(configuration)) {
            // when
            TestRestTemplate http = new TestRestTemplate(new RestTemplateBuilder()
                    .rootUri("http://127.0.0.1:" + service.getEnvironment().getProperty("local.server.port")));
            Map<String, Object> forStaff = http.withBasicAuth("staff", "s3cret-staff")
                    .getForObject("/actuator/health", Map.class);
            Map<String, Object> forAnyone = http.getForObject("/actuator/health", Map.class);

            // then: the simulated courier beside the real one, the simulated payment provider; figures for staff only
            Map<String, Object> adapters = (Map<String, Object>) ((Map<String, Object>) forStaff.get("components"))
                    .get("adapters");
            assertThat(adapters.get("details")).isEqualTo(Map.of(
                    "courier", Map.of("simulated", List.of("simulated"), "http", List.of("parcelco")),
                    "payment", "simulated"));
            assertThat(forAnyone).containsKey("status").doesNotContainKey("components");
        }
    }

    /** Profile {@code production} with secrets of its own, on a fresh in-memory database, on a free port. */
    private static List<String> production(String... more) {
        List<String> arguments = new ArrayList<>(List.of("--spring.profiles.active=production",
                "--spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                "--spring.flyway.locations=classpath:db/migration", "--server.port=0",
                "--orderflow.security.storefront-password=s3cret-shop",
                "--orderflow.security.staff-password=s3cret-staff", "--camunda.bpm.admin-user.password=s3cret-admin",
                "--orderflow.security.webhook-secret=s3cret-hook",
                "--camunda.bpm.generate-unique-process-engine-name=true",
                // Camunda's webapps keep static state per JVM: only the local-run test context may start them
                "--spring.autoconfigure.exclude=org.camunda.bpm.spring.boot.starter.webapp.CamundaBpmWebappAutoConfiguration",
                // the refusals are expected: Spring Boot's report of them is not needed in the build output
                "--logging.level.org.springframework.boot.SpringApplication=OFF",
                "--logging.level.org.springframework.boot.diagnostics=OFF",
                "--logging.level.org.springframework.boot.web.servlet.context=ERROR"));
        arguments.addAll(List.of(more));
        return arguments;
    }

    private static ConfigurableApplicationContext start(List<String> arguments) {
        return new SpringApplication(OrderflowApplication.class).run(arguments.toArray(String[]::new));
    }
}
