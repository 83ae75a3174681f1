package dev.orderflow.system;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

class RequiredSecretsCheckTests {

    private final RequiredSecretsCheck check = new RequiredSecretsCheck();

    @Test
    void localRunWithoutProfileMayUseTheDemoSecrets() {
        MockEnvironment local = new MockEnvironment()
                .withProperty("orderflow.security.storefront-password", "storefront");

        assertThatCode(() -> check.postProcessEnvironment(local, new SpringApplication())).doesNotThrowAnyException();
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
