package dev.orderflow;

import static dev.orderflow.support.OrderflowApi.JSON_OBJECT;
import static dev.orderflow.support.OrderflowApi.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.orderflow.support.EmbeddedPostgresDatabase;
import dev.orderflow.support.OrderflowApi;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A new shop's first day, as docs/new-shop.md walks it, on a PostgreSQL database of its own that starts empty (no
 * demo catalog): it imports the example catalog of the docs, books stock, sells, corrects a count and reads the
 * stock ledger, all through the API, and the figures add up.
 */
@ActiveProfiles("postgres")
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "orderflow.security.storefront-password=new-shop-storefront",
        "orderflow.security.staff-password=new-shop-staff",
        "orderflow.security.webhook-secret=new-shop-webhook",
        "camunda.bpm.admin-user.password=new-shop-admin",
        "camunda.bpm.generate-unique-process-engine-name=true",
        "spring.autoconfigure.exclude=org.camunda.bpm.spring.boot.starter.webapp.CamundaBpmWebappAutoConfiguration",
        "orderflow.simulation.enabled=true"
})
class NewShopOnPostgresTests {

    @Autowired
    TestRestTemplate http;

    OrderflowApi api;

    @DynamicPropertySource
    static void emptyDatabase(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> EmbeddedPostgresDatabase.jdbcUrl("new_shop"));
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
    }

    @BeforeEach
    void connectApi() {
        api = new OrderflowApi(http, "new-shop-storefront", "new-shop-staff", "new-shop-webhook");
    }

    @Test
    void importsItsCatalogReceivesStockSellsCorrectsACountAndTheLedgerAddsUp() throws IOException {
        // given: a production database with an empty catalog
        assertThat(get("/api/products").get("total")).isEqualTo(0);

        // when: the shop imports the example catalog of the docs, then books its first goods
        HttpHeaders csv = new HttpHeaders();
        csv.set(HttpHeaders.CONTENT_TYPE, "text/csv");
        ResponseEntity<Map<String, Object>> imported = api.staff().exchange("/api/products/import", HttpMethod.POST,
                new HttpEntity<>(Files.readString(Path.of("docs/example-catalog.csv")), csv), JSON_OBJECT);
        assertThat(imported.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(imported.getBody()).containsEntry("created", 10).containsEntry("updated", 0)
                .containsEntry("unchanged", 0);
        assertThat(api.restock("TEA-SENCHA-100", 40).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(api.restock("MUG-STONE-350", 10).getStatusCode()).isEqualTo(HttpStatus.OK);

        // and: sells two teas and a mug at the catalog's prices
        String orderId = api.placed(order("TEA-SENCHA-100", 2, "8.90", "MUG-STONE-350", 1, "16.00"));
        Map<String, Object> shipped = api.awaitStatus(orderId, "SHIPPED");
        assertThat(shipped.get("total")).isEqualTo("33.80");

        // and: finds three teas damaged on the shelf
        ResponseEntity<Map<String, Object>> adjusted = api.staff().exchange(
                "/api/inventory/TEA-SENCHA-100/adjustments", HttpMethod.POST,
                json("{\"quantity\": -3, \"reason\": \"DAMAGED\", \"note\": \"box crushed\"}"), JSON_OBJECT);
        assertThat(adjusted.getStatusCode()).isEqualTo(HttpStatus.OK);

        // then: the figures add up: 40 received, 2 shipped, 3 damaged
        assertThat(api.stock("TEA-SENCHA-100")).containsEntry("onHand", 35).containsEntry("reserved", 0)
                .containsEntry("available", 35);
        assertThat(api.stock("MUG-STONE-350")).containsEntry("onHand", 9).containsEntry("reserved", 0);

        // and: the ledger says why, newest first, with the order or the API user behind each movement
        List<Map<String, Object>> movements = movements("TEA-SENCHA-100");
        assertThat(movements).extracting(m -> m.get("type"), m -> m.get("quantity"), m -> m.get("onHand"),
                m -> m.get("reserved")).containsExactly(
                        Tuple.tuple("ADJUSTMENT", -3, 35, 0),
                        Tuple.tuple("SHIPMENT", 2, 38, 0),
                        Tuple.tuple("RESERVATION", 2, 40, 2),
                        Tuple.tuple("RECEIPT", 40, 40, 0));
        assertThat(movements).extracting(m -> m.get("by")).containsExactly("staff", null, null, "staff");
        assertThat(movements).extracting(m -> m.get("orderId")).containsExactly(null, orderId, orderId, null);
        assertThat(movements.get(0)).containsEntry("reason", "DAMAGED").containsEntry("note", "box crushed");

        // and: the product the file keeps out of sale cannot be ordered
        ResponseEntity<Map<String, Object>> outOfSale = api.place(order("CUP-SET-PORCELAIN", 1, "34.00",
                "TEA-SENCHA-100", 1, "8.90"));
        assertThat(outOfSale.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(outOfSale.getBody().toString()).contains("/lines/0/sku");
    }

    private Map<String, Object> get(String path) {
        return api.storefront().exchange(path, HttpMethod.GET, null, JSON_OBJECT).getBody();
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> movements(String sku) {
        // as staff read it: who booked and their notes (a storefront gets the figures only)
        return (List<Map<String, Object>>) api.staff().exchange("/api/inventory/" + sku + "/movements",
                HttpMethod.GET, null, JSON_OBJECT).getBody().get("items");
    }

    /** An order of two lines, in this order. */
    private static String order(String sku, int quantity, String unitPrice, String secondSku, int secondQuantity,
            String secondUnitPrice) {
        return OrderflowApi.order(secondSku, secondQuantity, secondUnitPrice).replace("\"lines\": [ {",
                "\"lines\": [ { \"sku\": \"" + sku + "\", \"quantity\": " + quantity + ", \"unitPrice\": \""
                        + unitPrice + "\" }, {");
    }
}
