package dev.orderflow.inventory;

import static dev.orderflow.support.OrderflowApi.JSON_OBJECT;
import static dev.orderflow.support.OrderflowApi.json;
import static dev.orderflow.support.OrderflowApi.order;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.orderflow.support.LocalRunTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code POST /api/inventory/{sku}/adjustments} and {@code GET /api/inventory/{sku}/movements}: the checks of the
 * request with their pointers, 404, 403, 409 below reserved, and the ledger entries that restocks, adjustments and
 * an order's life write. Each test makes its own products, so figures are its own.
 */
class StockAdjustmentApiTests extends LocalRunTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void adjustmentAddsToOnHandAndIsAMovementWithReasonNoteAndUser() {
        // given
        String sku = product(10);

        // when
        ResponseEntity<Map<String, Object>> answer = adjust(sku, "{\"quantity\": -3, \"reason\": \"DAMAGED\","
                + " \"note\": \"dropped\"}");

        // then
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(answer.getBody()).containsEntry("sku", sku).containsEntry("onHand", 7).containsEntry("reserved", 0)
                .containsEntry("available", 7);
        assertThat(movements(sku).get(0)).containsEntry("type", "ADJUSTMENT").containsEntry("quantity", -3)
                .containsEntry("onHand", 7).containsEntry("reserved", 0).containsEntry("reason", "DAMAGED")
                .containsEntry("note", "dropped").containsEntry("by", "staff").containsEntry("orderId", null)
                .containsKey("at");
    }

    @Test
    void restockIsAReceiptByTheStaffUserAndMovementsComeNewestFirst() {
        // given
        String sku = product(0);

        // when
        api.restock(sku, 4);
        adjust(sku, "{\"quantity\": 2, \"reason\": \"FOUND\"}");

        // then
        Map<String, Object> page = movementPage(sku, "");
        assertThat(page).containsEntry("page", 0).containsEntry("size", 50).containsEntry("total", 2);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> items = (List<Map<String, Object>>) page.get("items");
        assertThat(items).extracting(m -> m.get("type")).containsExactly("ADJUSTMENT", "RECEIPT");
        assertThat(items.get(1)).containsEntry("quantity", 4).containsEntry("onHand", 4).containsEntry("by", "staff")
                .containsEntry("reason", null).containsEntry("note", null).containsEntry("orderId", null);
        assertThat(items.get(0)).containsEntry("onHand", 6).containsEntry("note", null);
        Map<String, Object> second = movementPage(sku, "?page=1&size=1");
        assertThat(second).containsEntry("total", 2);
        assertThat((List<?>) second.get("items")).singleElement().extracting(m -> ((Map<?, ?>) m).get("type"))
                .isEqualTo("RECEIPT");
    }

    @Test
    void eachProblemOfTheRequestHasItsPointer() {
        String sku = product(10);

        assertThat(pointers(adjust(sku, "{}"))).containsExactly("/quantity", "/reason");
        assertThat(pointers(adjust(sku, "{\"quantity\": 0, \"reason\": \"STOLEN\", \"note\": \"" + "x".repeat(501)
                + "\"}"))).containsExactly("/quantity", "/reason", "/note");
        assertThat(pointers(adjust(sku, "{\"quantity\": 100001, \"reason\": \"LOST\"}"))).containsExactly("/quantity");
        assertThat(pointers(adjust(sku, "{\"quantity\": -100001, \"reason\": \"LOST\"}"))).containsExactly("/quantity");
        assertThat(pointers(adjust(sku, "{\"quantity\": 1, \"reason\": \"lost\"}"))).containsExactly("/reason");
        assertThat(pointers(adjust(sku, "{\"quantity\": 1, \"reason\": \"FOUND\", \"note\": \"a\\u0000b\"}")))
                .containsExactly("/note");
        // a right-to-left override would make the next clerk read the note as something else
        assertThat(pointers(adjust(sku, "{\"quantity\": 1, \"reason\": \"FOUND\", \"note\": \"5 \\u202Edegamad\"}")))
                .containsExactly("/note");
        // 501 emoji are 501 characters (1002 UTF-16 units)
        assertThat(pointers(adjust(sku, "{\"quantity\": 1, \"reason\": \"FOUND\", \"note\": \""
                + "\uD83D\uDCE6".repeat(501) + "\"}"))).containsExactly("/note");
        assertThat(adjust(sku, "{\"quantity\": \"1\", \"reason\": \"FOUND\"}").getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
        // nothing of it changed the stock or the ledger
        assertThat(api.stock(sku)).containsEntry("onHand", 10);
        assertThat(movements(sku)).hasSize(1);
    }

    @Test
    void edgeValuesAreAccepted() {
        // given
        String sku = product(100_000);

        // when / then
        assertThat(adjust(sku, "{\"quantity\": -100000, \"reason\": \"COUNT_CORRECTION\"}").getBody())
                .containsEntry("onHand", 0);
        assertThat(adjust(sku, "{\"quantity\": 100000, \"reason\": \"FOUND\", \"note\": \""
                + "\uD83D\uDCE6".repeat(500) + "\"}").getBody()).containsEntry("onHand", 100_000);
        assertThat(adjust(sku, "{\"quantity\": -1, \"reason\": \"LOST\", \"note\": \"" + "n".repeat(500) + "\"}")
                .getBody()).containsEntry("onHand", 99_999);
        assertThat(movements(sku).get(1)).containsEntry("note", "\uD83D\uDCE6".repeat(500));
    }

    @Test
    void onHandBelowReservedIs409AndChangesNothing() {
        // given: 3 on hand, 2 of them reserved by an order
        String sku = product(3);
        UUID orderId = UUID.randomUUID();
        assertThat(inventory.reserve(orderId, List.of(new StockLine(sku, 2))).reserved()).isTrue();
        int movementsBefore = movements(sku).size();

        // when
        ResponseEntity<Map<String, Object>> answer = adjust(sku, "{\"quantity\": -2, \"reason\": \"DAMAGED\"}");

        // then
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(answer.getBody()).containsEntry("title", "Not enough stock on hand");
        assertThat((String) answer.getBody().get("detail")).contains("1 on hand", "2 reserved");
        assertThat(api.stock(sku)).containsEntry("onHand", 3).containsEntry("reserved", 2);
        assertThat(movements(sku)).hasSize(movementsBefore);
        // down to exactly what is reserved is fine
        assertThat(adjust(sku, "{\"quantity\": -1, \"reason\": \"DAMAGED\"}").getBody()).containsEntry("onHand", 2)
                .containsEntry("available", 0);
        inventory.release(orderId);
    }

    @Test
    void unknownSkuIs404AndStorefrontsMayReadButNotAdjust() {
        String sku = product(5);

        assertThat(adjust("NO-SUCH-SKU", "{\"quantity\": 1, \"reason\": \"FOUND\"}").getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        // a bad request is 400 before the unknown SKU is 404
        assertThat(adjust("NO-SUCH-SKU", "{\"quantity\": 0, \"reason\": \"FOUND\"}").getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(api.storefront().exchange("/api/inventory/NO-SUCH-SKU/movements", HttpMethod.GET, null,
                String.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(api.storefront().exchange("/api/inventory/" + sku + "/adjustments", HttpMethod.POST,
                json("{\"quantity\": 1, \"reason\": \"FOUND\"}"), String.class).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(api.storefront().exchange("/api/inventory/" + sku + "/movements", HttpMethod.GET, null,
                JSON_OBJECT).getBody()).containsEntry("total", 1);
        assertThat(api.stock(sku)).containsEntry("onHand", 5);
    }

    @Test
    @SuppressWarnings("unchecked")
    void storefrontsReadTheLedgersFiguresButNotTheClerksNoteOrName() {
        // given: a clerk writes off damaged goods with a note naming a colleague and a customer
        String sku = product(10);
        adjust(sku, "{\"quantity\": -1, \"reason\": \"DAMAGED\", \"note\": \"dropped by Jim; customer complained\"}");

        // when
        Map<String, Object> asStorefront = api.storefront().exchange("/api/inventory/" + sku + "/movements",
                HttpMethod.GET, null, JSON_OBJECT).getBody();

        // then: the same movements with their figures, the note and the user left empty; staff still read both
        List<Map<String, Object>> items = (List<Map<String, Object>>) asStorefront.get("items");
        assertThat(items).extracting(m -> m.get("type")).containsExactly("ADJUSTMENT", "RECEIPT");
        assertThat(items.get(0)).containsEntry("quantity", -1).containsEntry("onHand", 9)
                .containsEntry("reason", "DAMAGED").containsEntry("note", null).containsEntry("by", null);
        assertThat(items.get(1)).containsEntry("by", null);
        assertThat(movements(sku).get(0)).containsEntry("note", "dropped by Jim; customer complained")
                .containsEntry("by", "staff");
    }

    @Test
    void movementPagesAreCheckedLikeOtherPages() {
        String sku = product(1);

        ResponseEntity<Map<String, Object>> answer = api.staff().exchange("/api/inventory/" + sku
                + "/movements?page=-1&size=201", HttpMethod.GET, null, JSON_OBJECT);

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(pointers(answer)).containsExactly("/page", "/size");
    }

    @Test
    void positiveAdjustmentWakesAWaitingOrderLikeARestock() {
        // given: an order waiting for a SKU with nothing on hand
        String sku = product(0);
        String orderId = api.placed(order(sku, 2, "5.00"));
        api.awaitStatus(orderId, "AWAITING_STOCK_DECISION");
        api.decideStock(orderId, "WAIT");
        api.awaitStatus(orderId, "AWAITING_RESTOCK");

        // when: a count finds two
        ResponseEntity<Map<String, Object>> answer = adjust(sku, "{\"quantity\": 2, \"reason\": \"FOUND\"}");

        // then: they are the order's at once, and it ships
        assertThat(answer.getBody()).containsEntry("onHand", 2).containsEntry("reserved", 2);
        api.awaitStatus(orderId, "SHIPPED");
        assertThat(movements(sku)).extracting(m -> m.get("type"))
                .containsExactly("SHIPMENT", "RESERVATION", "ADJUSTMENT");
        assertThat(movements(sku).get(1)).containsEntry("orderId", orderId).containsEntry("by", null)
                .containsEntry("onHand", 2).containsEntry("reserved", 2);
        assertThat(movements(sku).get(0)).containsEntry("orderId", orderId).containsEntry("quantity", 2)
                .containsEntry("onHand", 0).containsEntry("reserved", 0);
    }

    @Test
    void anOrderThatDoesNotGetEveryLineWritesNoMovement() {
        // given: one SKU in stock, the other not
        String inStock = product(5);
        String missing = product(0);
        String body = order(inStock, 1, "5.00").replace("\"lines\": [ {", "\"lines\": [ { \"sku\": \"" + missing
                + "\", \"quantity\": 1, \"unitPrice\": \"5.00\" }, {");

        // when
        String orderId = api.placed(body);
        api.awaitStatus(orderId, "AWAITING_STOCK_DECISION");

        // then: the SKU in stock was not touched, not even reserved and given back
        assertThat(movements(inStock)).extracting(m -> m.get("type")).containsExactly("RECEIPT");
        assertThat(movements(missing)).isEmpty();
        assertThat(api.stock(inStock)).containsEntry("reserved", 0);
    }

    @Test
    void releaseOfAnOrdersReservationsIsAMovementPerLine() {
        // given
        String sku = product(4);
        UUID orderId = UUID.randomUUID();
        inventory.reserve(orderId, List.of(new StockLine(sku, 3)));

        // when
        inventory.release(orderId);
        inventory.release(orderId);

        // then: once
        assertThat(movements(sku)).extracting(m -> m.get("type")).containsExactly("RELEASE", "RESERVATION", "RECEIPT");
        assertThat(movements(sku).get(0)).containsEntry("orderId", orderId.toString()).containsEntry("quantity", 3)
                .containsEntry("onHand", 4).containsEntry("reserved", 0);
    }

    @Autowired
    InventoryService inventory;

    /** A new product with {@code onHand} units, booked by a restock (so the ledger starts with its receipt). */
    private String product(int onHand) {
        String sku = "LEDGER-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        jdbc.sql("""
                insert into product (sku, name, unit_price, weight_grams, length_mm, width_mm, height_mm, bin_location)
                values (:sku, 'Ledger test', 5.00, 100, 100, 100, 50, 'Z-97-97')
                """).param("sku", sku).update();
        jdbc.sql("insert into stock (sku, on_hand, reserved) values (:sku, 0, 0)").param("sku", sku).update();
        if (onHand > 0) {
            assertThat(api.restock(sku, onHand).getStatusCode()).isEqualTo(HttpStatus.OK);
        }
        return sku;
    }

    private ResponseEntity<Map<String, Object>> adjust(String sku, String body) {
        return api.staff().exchange("/api/inventory/" + sku + "/adjustments", HttpMethod.POST, json(body),
                JSON_OBJECT);
    }

    private Map<String, Object> movementPage(String sku, String query) {
        ResponseEntity<Map<String, Object>> answer = api.staff().exchange("/api/inventory/" + sku + "/movements"
                + query, HttpMethod.GET, null, JSON_OBJECT);
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        return answer.getBody();
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> movements(String sku) {
        return (List<Map<String, Object>>) movementPage(sku, "").get("items");
    }

    @SuppressWarnings("unchecked")
    private static List<String> pointers(ResponseEntity<Map<String, Object>> answer) {
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        return ((List<Map<String, Object>>) answer.getBody().get("errors")).stream()
                .map(e -> (String) e.get("pointer")).toList();
    }
}
