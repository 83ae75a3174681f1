package dev.orderflow.support;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.jdbc.core.simple.JdbcClient;
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
        "orderflow.notifications.relay-interval=PT0.2S",
        // the warehouse finds one unit too few of these SKUs (products only the tests create, see shortProduct)
        "orderflow.simulation.pick-shortage-skus=SHORT-PAGE-1,SHORT-PAGE-2,SHORT-TIMELINE,SHORT-BROWSER",
        "orderflow.shop.contact=https://shop.example/help"
})
public abstract class LocalRunTest {

    @Autowired
    protected TestRestTemplate http;

    protected OrderflowApi api;

    /**
     * Creates (once) a product with 5 units on hand whose SKU the simulated warehouse finds one unit short of
     * when picking: one of {@code orderflow.simulation.pick-shortage-skus} above.
     */
    protected static void shortProduct(JdbcClient jdbc, String sku) {
        jdbc.sql("""
                insert into product (sku, name, unit_price, weight_grams, length_mm, width_mm, height_mm, bin_location)
                select :sku, 'Short candle', 5.00, 100, 100, 100, 50, 'Z-98-98' from (values (1)) as one(x)
                 where not exists (select 1 from product where sku = :sku)
                """).param("sku", sku).update();
        jdbc.sql("""
                insert into stock (sku, on_hand, reserved) select :sku, 5, 0 from (values (1)) as one(x)
                 where not exists (select 1 from stock where sku = :sku)
                """).param("sku", sku).update();
    }

    @BeforeEach
    void connectApi() {
        api = new OrderflowApi(http, "storefront", "staff", "courier-secret");
    }
}
