package dev.orderflow.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Map;

import dev.orderflow.support.ExpectedLogs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.mock.env.MockEnvironment;

/** The simulated courier and payment provider are the local run's; with a profile they must be asked for. */
class RequiredAdaptersCheckTests {

    /** starts that fail on purpose: Spring Boot's report of the failure is expected */
    @RegisterExtension
    static final ExpectedLogs EXPECTED = ExpectedLogs.of("org.springframework.boot.SpringApplication",
            "org.springframework.boot.diagnostics");

    /** the warning when the simulation is on under a profile */
    @RegisterExtension
    final ExpectedLogs warnings = ExpectedLogs.of(RequiredAdaptersCheck.class.getName());

    @Test
    void profileWithoutAdaptersRefusesToStartAndNamesBothMissingAdapters() {
        MockEnvironment production = production();

        assertThatThrownBy(() -> RequiredAdaptersCheck.check(production))
                .isInstanceOf(RefusedToStart.class)
                .hasMessageContaining("with profile(s) postgres")
                .hasMessageContaining("no courier configured: set orderflow.couriers.<name>.base-url"
                        + " (ORDERFLOW_COURIERS_<NAME>_BASEURL), or orderflow.simulation.enabled=true to use the"
                        + " simulated courier")
                .hasMessageContaining("no payment provider configured: set orderflow.payment.http.base-url"
                        + " (ORDERFLOW_PAYMENT_HTTP_BASEURL), or orderflow.simulation.enabled=true to use the"
                        + " simulated payment provider");
    }

    @Test
    void aCourierWithoutPaymentProviderIsRefusedNamingOnlyThePaymentProvider() {
        MockEnvironment production = production()
                .withProperty("orderflow.couriers.parcelco.base-url", "https://api.parcelco.example");

        assertThatThrownBy(() -> RequiredAdaptersCheck.check(production))
                .hasMessageContaining("no payment provider configured")
                .hasMessageNotContaining("no courier configured");
    }

    @Test
    void aCourierAndAPaymentProviderLetTheServiceStartWithoutSimulation() {
        MockEnvironment production = production()
                .withProperty("orderflow.couriers.parcelco.base-url", "https://api.parcelco.example")
                .withProperty("orderflow.payment.http.base-url", "https://api.payco.example");

        assertThatCode(() -> RequiredAdaptersCheck.check(production))
                .doesNotThrowAnyException();
        assertThat(warnings.messages()).isEmpty();
    }

    @Test
    void couriersAndProviderGivenAsEnvironmentVariablesCount() {
        // given: the variables docs/configuration.md and docker-compose.yml name
        StandardEnvironment production = new StandardEnvironment();
        production.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(
                "ORDERFLOW_COURIERS_PARCELCO_BASEURL", "https://api.parcelco.example",
                "ORDERFLOW_PAYMENT_HTTP_BASEURL", "https://api.payco.example")));
        production.setActiveProfiles("postgres");

        assertThatCode(() -> RequiredAdaptersCheck.check(production))
                .doesNotThrowAnyException();
    }

    @Test
    void simulationAskedForUnderAProfileStartsWithOneWarning() {
        MockEnvironment production = production().withProperty("orderflow.simulation.enabled", "true");

        assertThatCode(() -> RequiredAdaptersCheck.check(production))
                .doesNotThrowAnyException();
        assertThat(warnings.messages()).singleElement().asString()
                .startsWith("Simulation is on with profile(s) postgres (orderflow.simulation.enabled=true)");
    }

    @Test
    void localRunSimulatesWithoutAWarning() {
        // the local run's application.yaml section turns the simulation on
        MockEnvironment local = new MockEnvironment().withProperty("orderflow.simulation.enabled", "true");

        assertThatCode(() -> RequiredAdaptersCheck.check(local)).doesNotThrowAnyException();
        assertThat(warnings.messages()).isEmpty();
    }

    @Test
    void localRunWithTheSimulationTurnedOffNeedsRealAdaptersToo() {
        MockEnvironment local = new MockEnvironment().withProperty("orderflow.simulation.enabled", "false");

        assertThatThrownBy(() -> RequiredAdaptersCheck.check(local))
                .hasMessageContaining("with the simulation turned off")
                .hasMessageContaining("no courier configured");
    }

    @Test
    void serviceWithAProfileAndNoAdaptersStopsBeforeTouchingTheDatabaseWithAShortReport() {
        // given: production secrets and profile, a database that does not exist (port 1: nothing listens)
        SpringApplication service = new SpringApplication(dev.orderflow.OrderflowApplication.class);

        // when: Spring Boot's own report of the refusal is silenced here; its text is the analysis below
        RefusedToStart refused = catchThrowableOfType(RefusedToStart.class, () -> service.run(
                "--spring.profiles.active=postgres", "--spring.datasource.url=jdbc:postgresql://localhost:1/orderflow",
                "--server.port=0", "--logging.level.org.springframework.boot=OFF",
                "--orderflow.security.storefront-password=s3cret-shop",
                "--orderflow.security.staff-password=s3cret-staff", "--camunda.bpm.admin-user.password=s3cret-admin",
                "--orderflow.security.webhook-secret=s3cret-hook"));

        // then: it named both adapters before the database was asked for; Spring Boot reports it as a description
        // and an action, not as a stack trace
        assertThat(refused).hasMessageContaining("no courier configured")
                .hasMessageContaining("no payment provider configured");
        // (analyzers that need a running context cannot be made here and are left out)
        assertThat(SpringFactoriesLoader.forDefaultResourceLocation().load(FailureAnalyzer.class, null,
                SpringFactoriesLoader.FailureHandler.handleMessage((message, failure) -> { })))
                .hasAtLeastOneElementOfType(RefusedToStartFailureAnalyzer.class);
        FailureAnalysis report = new RefusedToStartFailureAnalyzer().analyze(new IllegalStateException(refused));
        assertThat(report.getDescription()).startsWith("Orderflow refuses to start with profile(s) postgres: no courier"
                + " configured").doesNotContain("ORDERFLOW_SIMULATION_ENABLED=true to try");
        assertThat(report.getAction()).isEqualTo("Configure the real courier and payment provider"
                + " (docs/configuration.md), or set ORDERFLOW_SIMULATION_ENABLED=true to try the service with"
                + " simulated ones.");
    }

    private static MockEnvironment production() {
        MockEnvironment production = new MockEnvironment();
        production.setActiveProfiles("postgres");
        return production;
    }
}
