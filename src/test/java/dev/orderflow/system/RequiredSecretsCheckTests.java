package dev.orderflow.system;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;
import dev.orderflow.support.ExpectedLogs;
import org.junit.jupiter.api.extension.RegisterExtension;

class RequiredSecretsCheckTests {

    /** starts that fail on purpose: Spring Boot's report of the failure is expected */
    @RegisterExtension
    static final ExpectedLogs EXPECTED = ExpectedLogs.of("org.springframework.boot.SpringApplication",
            "org.springframework.boot.diagnostics");

    private final RequiredSecretsCheck check = new RequiredSecretsCheck();

    @Test
    void localRunWithoutProfileMayUseTheDemoSecrets() {
        MockEnvironment local = new MockEnvironment()
                .withProperty("orderflow.security.storefront-password", "storefront");

        assertThatCode(() -> check.postProcessEnvironment(local, new SpringApplication())).doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"jdbc:h2:file:./data/orderflow;DB_CLOSE_ON_EXIT=FALSE", "jdbc:h2:./data/orderflow",
            "jdbc:h2:mem:test;DB_CLOSE_DELAY=-1", "JDBC:H2:FILE:/var/lib/orderflow/db"})
    void localRunStartsOnTheEmbeddedH2Database(String url) {
        MockEnvironment local = new MockEnvironment().withProperty("spring.datasource.url", url);

        assertThatCode(() -> check.postProcessEnvironment(local, new SpringApplication())).doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"jdbc:postgresql://db.example.com:5432/orderflow",
            "jdbc:postgresql://localhost/orderflow?user=orderflow&password=hunter2",
            "jdbc:h2:tcp://db.example.com:9092/orderflow", "jdbc:h2:ssl://db.example.com/orderflow",
            "jdbc:h2:file:./data/orderflow;AUTO_SERVER=TRUE", "jdbc:mysql://localhost/orderflow"})
    void localRunWithDemoCredentialsRefusesAnyOtherDatabaseAndSaysWhy(String url) {
        // given: no profile (the demo users), a database of its own as SPRING_DATASOURCE_URL would set it
        MockEnvironment local = new MockEnvironment().withProperty("spring.datasource.url", url);

        // then
        assertThatThrownBy(() -> check.postProcessEnvironment(local, new SpringApplication()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no Spring profile is active")
                .hasMessageContaining("admin:admin")
                .hasMessageContaining("embedded H2")
                .hasMessageContaining("SPRING_PROFILES_ACTIVE=postgres")
                .hasMessageContaining("ORDERFLOW_ADMIN_PASSWORD")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void serviceWithoutProfilePointedAtPostgresRefusesToStartBeforeTouchingIt() {
        // given: the local run as SPRING_DATASOURCE_URL would point it at PostgreSQL (nothing listens on port 1)
        SpringApplication service = new SpringApplication(dev.orderflow.OrderflowApplication.class);

        // then: it stops while reading its configuration, naming why
        assertThatThrownBy(() -> service.run("--spring.datasource.url=jdbc:postgresql://localhost:1/orderflow",
                "--server.port=0"))
                .hasStackTraceContaining("refuses to start")
                .hasStackTraceContaining("jdbc:postgresql://localhost:1/orderflow");
    }

    @Test
    void localRunRefusesAJndiDataSource() {
        MockEnvironment local = new MockEnvironment().withProperty("spring.datasource.jndi-name", "jdbc/orderflow");

        assertThatThrownBy(() -> check.postProcessEnvironment(local, new SpringApplication()))
                .hasMessageContaining("JNDI 'jdbc/orderflow'");
    }

    @Test
    void explicitDefaultProfileIsTheLocalRunToo() {
        MockEnvironment local = new MockEnvironment()
                .withProperty("spring.datasource.url", "jdbc:postgresql://localhost/orderflow");
        local.setActiveProfiles("default");

        assertThatThrownBy(() -> check.postProcessEnvironment(local, new SpringApplication()))
                .hasMessageContaining("no Spring profile is active");
    }

    @Test
    void aProfileWithItsOwnSecretsMayUseAnyDatabase() {
        MockEnvironment production = secrets("s3cret-shop", "s3cret-staff", "s3cret-admin", "s3cret-hook")
                .withProperty("spring.datasource.url", "jdbc:postgresql://db.example.com:5432/orderflow");
        production.setActiveProfiles("postgres");

        assertThatCode(() -> check.postProcessEnvironment(production, new SpringApplication()))
                .doesNotThrowAnyException();
    }

    @Test
    void anyProfileWithoutSecretsRefusesToStartAndNamesEachVariable() {
        MockEnvironment production = new MockEnvironment();
        production.setActiveProfiles("postgres");

        assertThatThrownBy(() -> check.postProcessEnvironment(production, new SpringApplication()))
                .hasMessageContaining("ORDERFLOW_STOREFRONT_PASSWORD is not set")
                .hasMessageContaining("ORDERFLOW_STAFF_PASSWORD is not set")
                .hasMessageContaining("ORDERFLOW_ADMIN_PASSWORD is not set")
                .hasMessageContaining("ORDERFLOW_WEBHOOK_SECRET is not set");
    }

    @Test
    void demoValuesAreRefusedOutsideTheLocalRun() {
        MockEnvironment production = secrets("storefront", "s3cret-staff", "s3cret-admin", "courier-secret");
        production.setActiveProfiles("postgres");

        assertThatThrownBy(() -> check.postProcessEnvironment(production, new SpringApplication()))
                .hasMessageContaining("ORDERFLOW_STOREFRONT_PASSWORD equals the demo value")
                .hasMessageContaining("ORDERFLOW_WEBHOOK_SECRET equals the demo value")
                .hasMessageNotContaining("ORDERFLOW_STAFF_PASSWORD")
                .hasMessageNotContaining("ORDERFLOW_ADMIN_PASSWORD");
    }

    @Test
    void ownSecretsLetTheServiceStart() {
        MockEnvironment production = secrets("s3cret-shop", "s3cret-staff", "s3cret-admin", "s3cret-hook");
        production.setActiveProfiles("postgres");

        assertThatCode(() -> check.postProcessEnvironment(production, new SpringApplication()))
                .doesNotThrowAnyException();
    }

    private static MockEnvironment secrets(String storefront, String staff, String admin, String webhook) {
        return new MockEnvironment()
                .withProperty("orderflow.security.storefront-password", storefront)
                .withProperty("orderflow.security.staff-password", staff)
                .withProperty("camunda.bpm.admin-user.password", admin)
                .withProperty("orderflow.security.webhook-secret", webhook);
    }
}
