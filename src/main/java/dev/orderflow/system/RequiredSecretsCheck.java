package dev.orderflow.system;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * With any Spring profile active (postgres, production, ...) the demo credentials of the local run must not
 * be used: the service refuses to start, before anything is created, and names each variable to set.
 * Runs as an {@link EnvironmentPostProcessor} so that no admin user is created with an empty password first.
 */
class RequiredSecretsCheck implements EnvironmentPostProcessor, Ordered {

    private record Secret(String variable, String property, String demoValue) {
    }

    private static final List<Secret> SECRETS = List.of(
            new Secret("ORDERFLOW_STOREFRONT_PASSWORD", "orderflow.security.storefront-password", "storefront"),
            new Secret("ORDERFLOW_STAFF_PASSWORD", "orderflow.security.staff-password", "staff"),
            new Secret("ORDERFLOW_ADMIN_PASSWORD", "camunda.bpm.admin-user.password", "admin"),
            new Secret("ORDERFLOW_WEBHOOK_SECRET", "orderflow.security.webhook-secret", "courier-secret"));

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        boolean localRun = Arrays.stream(environment.getActiveProfiles()).allMatch("default"::equals);
        if (localRun) {
            return;
        }
        List<String> problems = new ArrayList<>();
        for (Secret secret : SECRETS) {
            String value = environment.getProperty(secret.property());
            if (value == null || value.isBlank()) {
                problems.add(secret.variable() + " is not set");
            } else if (value.equals(secret.demoValue())) {
                problems.add(secret.variable() + " equals the demo value of the local run");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Orderflow refuses to start with profile(s) "
                    + String.join(",", environment.getActiveProfiles()) + ": " + String.join("; ", problems)
                    + ". Set these environment variables to secrets of your own.");
        }
    }

    @Override
    public int getOrder() {
        // after Spring Boot has loaded application.yaml and activated profiles
        return Ordered.LOWEST_PRECEDENCE;
    }
}
