package dev.orderflow.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.contains;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import java.util.Map;

import dev.orderflow.support.ExpectedLogs;
import org.apache.commons.logging.Log;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.mock.env.MockEnvironment;

/** The simulated courier and payment provider are the local run's; with a profile they must be asked for. */
class RequiredAdaptersCheckTests {

    /** starts that fail on purpose: Spring Boot's report of the failure is expected */
    @RegisterExtension
    static final ExpectedLogs EXPECTED = ExpectedLogs.of("org.springframework.boot.SpringApplication",
            "org.springframework.boot.diagnostics");

    private final Log log = mock(Log.class);
    private final RequiredAdaptersCheck check = new RequiredAdaptersCheck(destination -> log);

    @Test
    void profileWithoutAdaptersRefusesToStartAndNamesBothMissingAdapters() {
        MockEnvironment production = production();

        assertThatThrownBy(() -> check.postProcessEnvironment(production, new SpringApplication()))
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

        assertThatThrownBy(() -> check.postProcessEnvironment(production, new SpringApplication()))
                .hasMessageContaining("no payment provider configured")
                .hasMessageNotContaining("no courier configured");
    }

    @Test
    void aCourierAndAPaymentProviderLetTheServiceStartWithoutSimulation() {
        MockEnvironment production = production()
                .withProperty("orderflow.couriers.parcelco.base-url", "https://api.parcelco.example")
                .withProperty("orderflow.payment.http.base-url", "https://api.payco.example");

        assertThatCode(() -> check.postProcessEnvironment(production, new SpringApplication()))
                .doesNotThrowAnyException();
        verify(log, never()).warn(any());
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

        assertThatCode(() -> check.postProcessEnvironment(production, new SpringApplication()))
                .doesNotThrowAnyException();
    }

    @Test
    void simulationAskedForUnderAProfileStartsWithOneWarning() {
        MockEnvironment production = production().withProperty("orderflow.simulation.enabled", "true");

        assertThatCode(() -> check.postProcessEnvironment(production, new SpringApplication()))
                .doesNotThrowAnyException();
        verify(log, times(1)).warn(contains("Simulation is on with profile(s) postgres"));
    }

    @Test
    void localRunSimulatesWithoutAWarning() {
        // the local run's application.yaml section turns the simulation on
        MockEnvironment local = new MockEnvironment().withProperty("orderflow.simulation.enabled", "true");

        assertThatCode(() -> check.postProcessEnvironment(local, new SpringApplication())).doesNotThrowAnyException();
        verify(log, never()).warn(any());
    }

    @Test
    void localRunWithTheSimulationTurnedOffNeedsRealAdaptersToo() {
        MockEnvironment local = new MockEnvironment().withProperty("orderflow.simulation.enabled", "false");

        assertThatThrownBy(() -> check.postProcessEnvironment(local, new SpringApplication()))
                .hasMessageContaining("with the simulation turned off")
                .hasMessageContaining("no courier configured");
    }

    @Test
    void serviceWithAProfileAndNoAdaptersStopsWithAShortReportInsteadOfAStackTrace() {
        // given: production secrets, profile postgres (on an H2 database: it stops before using one)
        SpringApplication service = new SpringApplication(dev.orderflow.OrderflowApplication.class);

        // when
        assertThatThrownBy(() -> service.run("--spring.profiles.active=postgres",
                "--spring.datasource.url=jdbc:h2:mem:refused-adapters", "--server.port=0",
                "--orderflow.security.storefront-password=s3cret-shop",
                "--orderflow.security.staff-password=s3cret-staff", "--camunda.bpm.admin-user.password=s3cret-admin",
                "--orderflow.security.webhook-secret=s3cret-hook"))
                .isInstanceOf(RefusedToStart.class);

        // then: Spring Boot's failure report says what is missing and what to do, without a stack trace
        assertThat(EXPECTED.messages()).anySatisfy(report -> assertThat(report)
                .contains("APPLICATION FAILED TO START")
                .contains("no courier configured").contains("no payment provider configured")
                .contains("ORDERFLOW_SIMULATION_ENABLED=true")
                .doesNotContain("at dev.orderflow", "Exception"));
    }

    private static MockEnvironment production() {
        MockEnvironment production = new MockEnvironment();
        production.setActiveProfiles("postgres");
        return production;
    }
}
