package dev.orderflow.inventory;

import static dev.orderflow.support.OrderflowApi.JSON_OBJECT;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.orderflow.support.AtOnce;
import dev.orderflow.support.PostgresIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code Idempotency-Key} on restock and adjustments on PostgreSQL, where the unique index on the movements' keys
 * meets real concurrent transactions: eight identical requests book once, one key racing on eight SKUs books
 * one of them and refuses the others, never a 500.
 */
class StockRequestKeyOnPostgresTests extends PostgresIntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void eightConcurrentIdenticalRestocksAndAdjustmentsBookOnceEach() throws Exception {
        // given
        String sku = product();
        String restockKey = "pg-" + UUID.randomUUID();
        String adjustmentKey = "pg-" + UUID.randomUUID();

        // when
        List<ResponseEntity<Map<String, Object>>> restocks = AtOnce.call(8,
                i -> post(sku, "restock", "{\"quantity\": 5}", restockKey));
        List<ResponseEntity<Map<String, Object>>> adjustments = AtOnce.call(8,
                i -> post(sku, "adjustments", "{\"quantity\": -2, \"reason\": \"DAMAGED\", \"note\": \"wet\"}",
                        adjustmentKey));

        // then
        assertThat(restocks).allSatisfy(answer -> assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK));
        assertThat(adjustments).allSatisfy(answer -> assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK));
        assertThat(adjustments).allSatisfy(answer -> assertThat(answer.getBody()).containsEntry("onHand", 3));
        assertThat(movementTypes(sku)).containsExactly("RECEIPT", "ADJUSTMENT");
        assertThat(api.stock(sku)).containsEntry("onHand", 3);
        // and a restock with the adjustment's key is another request
        ResponseEntity<Map<String, Object>> reused = post(sku, "restock", "{\"quantity\": 2}", adjustmentKey);
        assertThat(reused.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(reused.getBody()).containsEntry("title", "Idempotency-Key reused");
    }

    @Test
    void oneKeyRacingOnEightSkusBooksOneAndRefusesTheOthers() throws Exception {
        // given
        List<String> skus = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            skus.add(product());
        }
        String key = "pg-" + UUID.randomUUID();

        // when
        List<ResponseEntity<Map<String, Object>>> answers = AtOnce.call(8,
                i -> post(skus.get(i), "restock", "{\"quantity\": 3}", key));

        // then
        assertThat(answers).extracting(ResponseEntity::getStatusCode)
                .containsOnly(HttpStatus.OK, HttpStatus.UNPROCESSABLE_ENTITY)
                .filteredOn(status -> status == HttpStatus.OK).hasSize(1);
        assertThat(skus.stream().mapToInt(sku -> movementTypes(sku).size()).sum()).isEqualTo(1);
        assertThat(skus.stream().mapToInt(sku -> (Integer) api.stock(sku).get("onHand")).sum()).isEqualTo(3);
    }

    private List<String> movementTypes(String sku) {
        return jdbc.sql("select type from stock_movement where sku = :sku order by id").param("sku", sku)
                .query(String.class).list();
    }

    private ResponseEntity<Map<String, Object>> post(String sku, String operation, String json, String key) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.set("Idempotency-Key", key);
        return api.staff().exchange("/api/inventory/" + sku + "/" + operation, HttpMethod.POST,
                new HttpEntity<>(json, headers), JSON_OBJECT);
    }

    private String product() {
        String sku = "PGKEY-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        jdbc.sql("""
                insert into product (sku, name, unit_price, weight_grams, length_mm, width_mm, height_mm, bin_location)
                values (:sku, 'Keyed test', 5.00, 100, 100, 100, 50, 'Z-95-95')
                """).param("sku", sku).update();
        jdbc.sql("insert into stock (sku, on_hand, reserved) values (:sku, 0, 0)").param("sku", sku).update();
        return sku;
    }
}
