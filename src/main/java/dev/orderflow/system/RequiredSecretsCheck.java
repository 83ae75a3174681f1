package dev.orderflow.system;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * The demo credentials of the local run ({@code admin:admin}, {@code storefront:storefront}, the demo webhook
 * secret, ...) must never guard a real database. Without a profile (the local run, which has them) the service
 * starts only on the embedded H2 database (a file under {@code ./data}, or in memory); pointed anywhere else
 * ({@code SPRING_DATASOURCE_URL} to PostgreSQL, an H2 server over TCP, a JNDI data source) it refuses to start.
 * With any Spring profile active (postgres, production, ...) each secret must come from the environment and
 * differ from its demo value. The service refuses to start before anything is created and says why.
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
            refuseDemoCredentialsOnARealDatabase(environment);
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
            throw new RefusedToStart("Orderflow refuses to start with profile(s) "
                    + String.join(",", environment.getActiveProfiles()) + ": " + String.join("; ", problems) + ".",
                    "Set these environment variables to secrets of your own.");
        }
    }

    /**
     * The local run's demo users may only guard the embedded H2 database: the file under {@code ./data} (or
     * an in-memory one, as in tests). An H2 server reached over the network ({@code tcp:}, {@code ssl:}) or
     * opened for other processes ({@code AUTO_SERVER}) is as reachable as PostgreSQL.
     */
    private static void refuseDemoCredentialsOnARealDatabase(ConfigurableEnvironment environment) {
        String jndi = environment.getProperty("spring.datasource.jndi-name");
        String url = environment.getProperty("spring.datasource.url");
        String problem = null;
        if (jndi != null && !jndi.isBlank()) {
            problem = "the data source is JNDI '" + jndi + "'";
        } else if (url != null && !url.isBlank() && !isEmbeddedH2(url)) {
            problem = "the database is " + withoutCredentials(url);
        }
        if (problem != null) {
            throw new RefusedToStart("Orderflow refuses to start: no Spring profile is active, which is the"
                    + " local demo run with its demo users (admin:admin, storefront:storefront, staff:staff) and the"
                    + " demo webhook secret, but " + problem + " instead of the embedded H2 database. Demo"
                    + " credentials are allowed only there.", "To run on this database, activate a profile"
                    + " (SPRING_PROFILES_ACTIVE=postgres) and set ORDERFLOW_STOREFRONT_PASSWORD,"
                    + " ORDERFLOW_STAFF_PASSWORD, ORDERFLOW_ADMIN_PASSWORD and ORDERFLOW_WEBHOOK_SECRET;"
                    + " for the local run, unset SPRING_DATASOURCE_URL.");
        }
    }

    static boolean isEmbeddedH2(String url) {
        String lower = url.trim().toLowerCase(Locale.ROOT);
        if (!lower.startsWith("jdbc:h2:")) {
            return false;
        }
        String rest = lower.substring("jdbc:h2:".length());
        boolean remote = rest.startsWith("tcp:") || rest.startsWith("ssl:");
        boolean sharedWithOtherProcesses = lower.replace(" ", "").contains(";auto_server=true");
        return !remote && !sharedWithOtherProcesses;
    }

    /** A JDBC URL may carry user and password as parameters: name the database without them. */
    private static String withoutCredentials(String url) {
        return url.replaceAll("(?i)([?;&](user|password)=)[^;&]*", "$1***");
    }

    @Override
    public int getOrder() {
        // after Spring Boot has loaded application.yaml and activated profiles
        return Ordered.LOWEST_PRECEDENCE;
    }
}
