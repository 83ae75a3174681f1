package dev.orderflow.support;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The service as production runs it: profile {@code postgres} on a real PostgreSQL
 * ({@link EmbeddedPostgresDatabase}), secrets that are not the demo ones, the demo catalog loaded, the simulated
 * courier and payment provider switched on (production configures real ones), the job
 * executor running, a real HTTP port. The context is closed after each test class, while the database is
 * still up; the database itself stops with the JVM.
 */
@ActiveProfiles("postgres")
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "orderflow.security.storefront-password=" + PostgresIntegrationTest.STOREFRONT_PASSWORD,
        "orderflow.security.staff-password=" + PostgresIntegrationTest.STAFF_PASSWORD,
        "orderflow.security.webhook-secret=" + PostgresIntegrationTest.WEBHOOK_SECRET,
        "camunda.bpm.admin-user.password=test-admin-secret",
        "camunda.bpm.generate-unique-process-engine-name=true",
        // Camunda's webapps keep static state per JVM: only the local-run test context may start them
        "spring.autoconfigure.exclude=org.camunda.bpm.spring.boot.starter.webapp.CamundaBpmWebappAutoConfiguration",
        "spring.flyway.locations=classpath:db/migration,classpath:db/demo",
        "orderflow.notifications.relay-interval=PT0.2S",
        // a profile turns the simulated courier and payment provider off; these tests run on them
        "orderflow.simulation.enabled=true"
})
public abstract class PostgresIntegrationTest {

    protected static final String STOREFRONT_PASSWORD = "test-storefront-secret";
    protected static final String STAFF_PASSWORD = "test-staff-secret";
    protected static final String WEBHOOK_SECRET = "test-webhook-secret";

    @Autowired
    protected TestRestTemplate http;

    protected OrderflowApi api;

    @BeforeEach
    void connectApi() {
        api = new OrderflowApi(http, STOREFRONT_PASSWORD, STAFF_PASSWORD, WEBHOOK_SECRET);
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", EmbeddedPostgresDatabase::jdbcUrl);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
    }
}
