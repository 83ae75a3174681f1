package dev.orderflow.support;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;

/**
 * The service as {@code ./mvnw spring-boot:run} runs it (no profile: demo catalog, demo users, demo webhook
 * secret), on an in-memory H2 database instead of the file under {@code ./data}, with a real HTTP port.
 * All test classes extending it share one Spring context, whose engine is the one named {@code default}, so
 * the webapps (Tasklist, Cockpit) find it; other test contexts give their engines unique names.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:local-run-tests;DB_CLOSE_DELAY=-1;DB_CLOSE_ON_EXIT=FALSE",
        "orderflow.notifications.relay-interval=PT0.2S"
})
public abstract class LocalRunTest {

    @Autowired
    protected TestRestTemplate http;

    protected OrderflowApi api;

    @BeforeEach
    void connectApi() {
        api = new OrderflowApi(http, "storefront", "staff", "courier-secret");
    }
}
