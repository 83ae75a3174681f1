package dev.orderflow.inventory;

import static dev.orderflow.support.OrderflowApi.JSON_OBJECT;
import static dev.orderflow.support.OrderflowApi.order;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.orderflow.support.AtOnce;
import dev.orderflow.support.LocalRunTest;
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
 * {@code Idempotency-Key} on {@code POST /api/inventory/{sku}/restock} and {@code .../adjustments}: a clerk or a
 * warehouse system retrying a timed-out change books it once, however often and however concurrently the retry
 * arrives; the same key for another change is refused; without the key every request books.
 */
class StockRequestKeyApiTests extends LocalRunTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    InventoryService inventory;

    @Test
    void restockRepeatedWithItsKeyBooksOnceAndAnswersTheCurrentFigures() {
        // given: a restock of 4 with a key, then a count correction of -1 without one
        String sku = product();
        String key = newKey();
        ResponseEntity<Map<String, Object>> first = restock(sku, 4, key);
        assertThat(first.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(first.getBody()).containsEntry("onHand", 4);
        adjust(sku, "{\"quantity\": -1, \"reason\": \"DAMAGED\"}", null);

        // when: the restock is sent again, twice
        ResponseEntity<Map<String, Object>> again = restock(sku, 4, key);
        restock(sku, 4, key);

        // then: 200 with the figures of now (not those right after the restock), and one receipt in the ledger
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(again.getBody()).containsEntry("sku", sku).containsEntry("onHand", 3).containsEntry("reserved", 0)
                .containsEntry("available", 3);
        assertThat(movements(sku)).extracting(m -> m.get("type")).containsExactly("ADJUSTMENT", "RECEIPT");
        assertThat(api.stock(sku)).containsEntry("onHand", 3);
    }

    @Test
    void adjustmentRepeatedWithItsKeyBooksOnce() {
        // given
        String sku = product();
        restock(sku, 10, null);
        String key = newKey();
        String body = "{\"quantity\": -3, \"reason\": \"DAMAGED\", \"note\": \"dropped\"}";

        // when
        ResponseEntity<Map<String, Object>> first = adjust(sku, body, key);
        ResponseEntity<Map<String, Object>> again = adjust(sku, body, key);

        // then
        assertThat(first.getBody()).containsEntry("onHand", 7);
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(again.getBody()).containsEntry("onHand", 7);
        assertThat(movements(sku)).extracting(m -> m.get("type")).containsExactly("ADJUSTMENT", "RECEIPT");
        assertThat(movements(sku).get(0)).containsEntry("quantity", -3).containsEntry("note", "dropped");
    }

    @Test
    void theKeyOfAChangeUsedForAnotherRequestIs422AndChangesNothing() {
        // given: a restock of 4 with a key, and an adjustment with another
        String sku = product();
        String other = product();
        String key = newKey();
        String adjustmentKey = newKey();
        restock(sku, 4, key);
        adjust(sku, "{\"quantity\": 1, \"reason\": \"FOUND\", \"note\": \"shelf B\"}", adjustmentKey);

        // when / then: another quantity, another SKU, an adjustment of the same SKU and quantity
        assertKeyReused(restock(sku, 5, key), "a restock of 4 of " + sku);
        assertKeyReused(restock(other, 4, key), "a restock of 4 of " + sku);
        assertKeyReused(adjust(sku, "{\"quantity\": 4, \"reason\": \"FOUND\"}", key), "a restock of 4 of " + sku);
        // the adjustment's key: another note, no note, another reason, a restock
        assertKeyReused(adjust(sku, "{\"quantity\": 1, \"reason\": \"FOUND\", \"note\": \"shelf C\"}",
                adjustmentKey), "an adjustment of 1 (FOUND) of " + sku);
        assertKeyReused(adjust(sku, "{\"quantity\": 1, \"reason\": \"FOUND\"}", adjustmentKey), "adjustment");
        assertKeyReused(adjust(sku, "{\"quantity\": 1, \"reason\": \"COUNT_CORRECTION\", \"note\": \"shelf B\"}",
                adjustmentKey), "adjustment");
        assertKeyReused(restock(sku, 1, adjustmentKey), "adjustment");
        // nothing of it was booked
        assertThat(api.stock(sku)).containsEntry("onHand", 5);
        assertThat(api.stock(other)).containsEntry("onHand", 0);
        assertThat(movements(sku)).hasSize(2);
        assertThat(movements(other)).isEmpty();
        // the same requests again are still answered as repeats
        assertThat(adjust(sku, "{\"quantity\": 1, \"reason\": \"FOUND\", \"note\": \"shelf B\"}", adjustmentKey)
                .getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(restock(sku, 4, key).getBody()).containsEntry("onHand", 5);
    }

    @Test
    void eightConcurrentRestocksWithOneKeyBookOnce() throws Exception {
        // given
        String sku = product();
        String key = newKey();

        // when
        List<ResponseEntity<Map<String, Object>>> answers = AtOnce.call(8, i -> restock(sku, 4, key));

        // then: every answer is 200, one receipt was booked
        assertThat(answers).allSatisfy(answer -> assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK));
        assertThat(answers).allSatisfy(answer -> assertThat(answer.getBody()).containsEntry("onHand", 4));
        assertThat(movements(sku)).singleElement().satisfies(m -> assertThat(m).containsEntry("type", "RECEIPT"));
        assertThat(api.stock(sku)).containsEntry("onHand", 4);
    }

    @Test
    void eightConcurrentAdjustmentsWithOneKeyBookOnce() throws Exception {
        // given
        String sku = product();
        restock(sku, 10, null);
        String key = newKey();

        // when
        List<ResponseEntity<Map<String, Object>>> answers = AtOnce.call(8,
                i -> adjust(sku, "{\"quantity\": -2, \"reason\": \"LOST\"}", key));

        // then
        assertThat(answers).allSatisfy(answer -> assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK));
        assertThat(movements(sku)).extracting(m -> m.get("type")).containsExactly("ADJUSTMENT", "RECEIPT");
        assertThat(api.stock(sku)).containsEntry("onHand", 8);
    }

    @Test
    void oneKeyRacingOnEightSkusBooksOneAndRefusesTheOthers() throws Exception {
        // given: eight SKUs, so no stock row lock puts the requests in line; the unique index decides
        List<String> skus = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            skus.add(product());
        }
        String key = newKey();

        // when
        List<ResponseEntity<Map<String, Object>>> answers = AtOnce.call(8, i -> restock(skus.get(i), 3, key));

        // then: exactly one 200, the others 422 (never 500), and one receipt over all the SKUs
        assertThat(answers).extracting(ResponseEntity::getStatusCode)
                .containsOnly(HttpStatus.OK, HttpStatus.UNPROCESSABLE_ENTITY)
                .filteredOn(status -> status == HttpStatus.OK).hasSize(1);
        assertThat(skus.stream().mapToInt(sku -> movements(sku).size()).sum()).isEqualTo(1);
        assertThat(skus.stream().mapToInt(sku -> (Integer) api.stock(sku).get("onHand")).sum()).isEqualTo(3);
    }

    @Test
    void aRepeatedRestockDoesNotServeWaitingOrdersAgain() {
        // given: an order waiting for 2, served by a restock of 2 with a key
        String sku = product();
        String first = waitingOrder(sku);
        String key = newKey();
        assertThat(restock(sku, 2, key).getBody()).containsEntry("reserved", 2);
        api.awaitStatus(first, "SHIPPED");
        // and a second order waiting for 2 since
        String second = waitingOrder(sku);

        // when: the restock's retry arrives
        ResponseEntity<Map<String, Object>> again = restock(sku, 2, key);

        // then: no goods, so the second order still waits; the ledger has one receipt and one reservation
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(again.getBody()).containsEntry("onHand", 0).containsEntry("reserved", 0);
        assertThat(api.get(second)).containsEntry("status", "AWAITING_RESTOCK");
        assertThat(movements(sku)).extracting(m -> m.get("type"))
                .containsExactly("SHIPMENT", "RESERVATION", "RECEIPT");
    }

    @Test
    void aRepeatedPositiveAdjustmentDoesNotServeWaitingOrdersAgain() {
        // given
        String sku = product();
        String first = waitingOrder(sku);
        String key = newKey();
        String body = "{\"quantity\": 2, \"reason\": \"FOUND\"}";
        assertThat(adjust(sku, body, key).getBody()).containsEntry("reserved", 2);
        api.awaitStatus(first, "SHIPPED");
        String second = waitingOrder(sku);

        // when
        ResponseEntity<Map<String, Object>> again = adjust(sku, body, key);

        // then
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(again.getBody()).containsEntry("onHand", 0);
        assertThat(api.get(second)).containsEntry("status", "AWAITING_RESTOCK");
        assertThat(movements(sku)).extracting(m -> m.get("type"))
                .containsExactly("SHIPMENT", "RESERVATION", "ADJUSTMENT");
    }

    @Test
    void keysBelongToTheApiUser() {
        // given: one SKU, two users, one key
        String sku = product();
        String key = newKey();

        // when
        inventory.restock(sku, 4, "clerk-a", key);
        inventory.restock(sku, 4, "clerk-b", key);
        inventory.restock(sku, 4, "clerk-a", key);

        // then: each user's restock booked once
        assertThat(api.stock(sku)).containsEntry("onHand", 8);
        assertThat(movements(sku)).extracting(m -> m.get("by")).containsExactly("clerk-b", "clerk-a");
    }

    @Test
    void withoutAKeyEveryRequestBooksAndABadKeyIs400() {
        // given
        String sku = product();

        // when: the same restock twice without a key
        restock(sku, 4, null);
        restock(sku, 4, null);

        // then: both booked, as before
        assertThat(api.stock(sku)).containsEntry("onHand", 8);
        // a key that is empty, too long or not visible ASCII is 400 and books nothing
        for (String bad : List.of("", "x".repeat(256), "with space", "tab\there")) {
            ResponseEntity<Map<String, Object>> answer = restock(sku, 1, bad);
            assertThat(answer.getStatusCode()).as("key %s", bad).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat((String) answer.getBody().get("detail")).contains("Idempotency-Key");
            assertThat(adjust(sku, "{\"quantity\": 1, \"reason\": \"FOUND\"}", bad).getStatusCode())
                    .isEqualTo(HttpStatus.BAD_REQUEST);
        }
        assertThat(restock(sku, 1, "x".repeat(255)).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(api.stock(sku)).containsEntry("onHand", 9);
    }

    private void assertKeyReused(ResponseEntity<Map<String, Object>> answer, String earlier) {
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(answer.getBody()).containsEntry("title", "Idempotency-Key reused");
        assertThat((String) answer.getBody().get("detail")).contains("used before", earlier, "use a new key");
    }

    private String waitingOrder(String sku) {
        String orderId = api.placed(order(sku, 2, "5.00"));
        api.awaitStatus(orderId, "AWAITING_STOCK_DECISION");
        api.decideStock(orderId, "WAIT");
        api.awaitStatus(orderId, "AWAITING_RESTOCK");
        return orderId;
    }

    private String product() {
        String sku = "KEYED-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        jdbc.sql("""
                insert into product (sku, name, unit_price, weight_grams, length_mm, width_mm, height_mm, bin_location)
                values (:sku, 'Keyed test', 5.00, 100, 100, 100, 50, 'Z-96-96')
                """).param("sku", sku).update();
        jdbc.sql("insert into stock (sku, on_hand, reserved) values (:sku, 0, 0)").param("sku", sku).update();
        return sku;
    }

    private static String newKey() {
        return "key-" + UUID.randomUUID();
    }

    private ResponseEntity<Map<String, Object>> restock(String sku, int quantity, String key) {
        return api.staff().exchange("/api/inventory/" + sku + "/restock", HttpMethod.POST,
                body("{\"quantity\": " + quantity + "}", key), JSON_OBJECT);
    }

    private ResponseEntity<Map<String, Object>> adjust(String sku, String json, String key) {
        return api.staff().exchange("/api/inventory/" + sku + "/adjustments", HttpMethod.POST, body(json, key),
                JSON_OBJECT);
    }

    private static HttpEntity<String> body(String json, String key) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        if (key != null) {
            headers.set("Idempotency-Key", key);
        }
        return new HttpEntity<>(json, headers);
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> movements(String sku) {
        return (List<Map<String, Object>>) api.staff().exchange("/api/inventory/" + sku + "/movements",
                HttpMethod.GET, null, JSON_OBJECT).getBody().get("items");
    }
}
