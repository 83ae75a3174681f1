package dev.orderflow.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import dev.orderflow.support.LocalRunTest;
import dev.orderflow.support.OrderflowApi;
import dev.orderflow.support.PlacingAnswers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The order endpoints of docs/api.md besides placing: reading, listing, idempotent replays, and their errors. */
class OrderApiTests extends LocalRunTest {

    private static final String UNKNOWN = "00000000-0000-0000-0000-000000000000";

    @Autowired
    JdbcClient jdbc;

    @Test
    void replayWithTheSameKeyAndBodyAnswersAsTheFirstTimeAndCreatesNothing() {
        // given
        ResponseEntity<String> first = placeWithKey("storefront", "replay-1", OrderflowTestOrders.valid());
        long orders = countOrders();

        // when
        ResponseEntity<String> again = placeWithKey("storefront", "replay-1", OrderflowTestOrders.valid());

        // then
        assertThat(first.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(again.getBody()).isEqualTo(first.getBody());
        assertThat(again.getHeaders().getLocation()).isEqualTo(first.getHeaders().getLocation());
        assertThat(countOrders()).isEqualTo(orders);
    }

    @Test
    void theAnswerToPlacingShowsTheOrderAsItIsStored() {
        PlacingAnswers.assertTheAnswerShowsTheOrderAsStored(api);
    }

    @Test
    void sameKeyWithAnotherBodyIs422() {
        // given
        placeWithKey("storefront", "replay-2", OrderflowTestOrders.valid());
        long orders = countOrders();

        // when
        ResponseEntity<String> other = placeWithKey("storefront", "replay-2",
                OrderflowTestOrders.valid().replace("\"quantity\": 2", "\"quantity\": 3"));

        // then
        assertThat(other.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(other.getBody()).contains("Idempotency-Key");
        assertThat(countOrders()).isEqualTo(orders);
    }

    @Test
    void keysBelongToTheApiUserThatSentThem() {
        ResponseEntity<String> storefront = placeWithKey("storefront", "shared-key", OrderflowTestOrders.valid());
        ResponseEntity<String> staff = placeWithKey("staff", "shared-key", OrderflowTestOrders.valid());

        assertThat(staff.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(staff.getHeaders().getLocation()).isNotEqualTo(storefront.getHeaders().getLocation());
    }

    @Test
    void orderShowsEverythingTheContractNames() {
        // given
        String orderId = api.placed(OrderflowTestOrders.valid());

        // when
        Map<String, Object> order = api.awaitStatus(orderId, "SHIPPED");

        // then
        assertThat(order).containsKeys("orderId", "externalReference", "status", "customer", "shippingAddress",
                "currency", "lines", "total", "courier", "trackingNumber", "pendingAction", "trackingUrl", "timeline",
                "cancellationReason", "refund");
        assertThat(order).containsEntry("total", "25.00").containsEntry("pendingAction", null);
        assertThat((String) order.get("trackingUrl")).matches("http://localhost:\\d+/track/" + orderId
                + "\\?token=[A-Za-z0-9_-]{32}");
        assertThat(OrderflowApi.timeline(order, "at")).allSatisfy(at -> assertThat(at).endsWith("Z"));
    }

    @Test
    void listIsNewestFirstAndFiltersByStatus() {
        // given
        String older = api.placed(OrderflowTestOrders.valid());
        String newer = api.placed(OrderflowTestOrders.valid());
        api.awaitStatus(older, "SHIPPED");
        api.awaitStatus(newer, "SHIPPED");

        // when
        Map<String, Object> page = api.storefront().exchange("/api/orders?status=SHIPPED&page=0&size=2",
                HttpMethod.GET, null, OrderflowApi.JSON_OBJECT).getBody();

        // then
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> items = (List<Map<String, Object>>) page.get("items");
        assertThat(page).containsEntry("page", 0).containsEntry("size", 2);
        assertThat((Integer) page.get("total")).isGreaterThanOrEqualTo(2);
        assertThat(items).extracting(item -> item.get("orderId")).containsExactly(newer, older);
        assertThat(items).allSatisfy(item -> assertThat(item).containsEntry("status", "SHIPPED"));
    }

    @Test
    void listRefusesAnUnknownStatusAndSillyPaging() {
        assertThat(status(api.storefront(), HttpMethod.GET, "/api/orders?status=LOST", null)).isEqualTo(400);
        assertThat(status(api.storefront(), HttpMethod.GET, "/api/orders?size=0", null)).isEqualTo(400);
        assertThat(status(api.storefront(), HttpMethod.GET, "/api/orders?size=201", null)).isEqualTo(400);
        assertThat(status(api.storefront(), HttpMethod.GET, "/api/orders?page=-1", null)).isEqualTo(400);
    }

    @Test
    void unknownOrdersAre404Everywhere() {
        assertThat(status(api.storefront(), HttpMethod.GET, "/api/orders/" + UNKNOWN, null)).isEqualTo(404);
        assertThat(status(api.storefront(), HttpMethod.GET, "/api/orders/not-an-id", null)).isEqualTo(404);
        assertThat(status(api.storefront(), HttpMethod.GET, "/api/orders/" + UNKNOWN + "/notifications", null))
                .isEqualTo(404);
        assertThat(status(api.storefront(), HttpMethod.POST, "/api/orders/" + UNKNOWN + "/cancellation", null))
                .isEqualTo(404);
        assertThat(status(api.storefront(), HttpMethod.POST, "/api/orders/" + UNKNOWN + "/stock-decision",
                "{\"decision\":\"WAIT\"}")).isEqualTo(404);
        assertThat(status(api.staff(), HttpMethod.GET, "/api/orders/" + UNKNOWN + "/pick-list", null)).isEqualTo(404);
    }

    @Test
    void stockDecisionNeedsAValidDecisionAndAPendingOne() {
        // given: an order that ships straight away
        String orderId = api.placed(OrderflowTestOrders.valid());
        api.awaitStatus(orderId, "SHIPPED");

        // then
        assertThat(problem(api.storefront(), HttpMethod.POST, "/api/orders/" + orderId + "/stock-decision",
                "{\"decision\":\"MAYBE\"}")).containsEntry("status", 400).containsKey("errors");
        assertThat(status(api.storefront(), HttpMethod.POST, "/api/orders/" + orderId + "/stock-decision", "{}"))
                .isEqualTo(400);
        assertThat(status(api.storefront(), HttpMethod.POST, "/api/orders/" + orderId + "/stock-decision",
                "{\"decision\":\"WAIT\"}")).isEqualTo(409);
        assertThat(status(api.storefront(), HttpMethod.POST, "/api/orders/" + orderId + "/cancellation", null))
                .isEqualTo(409);
    }

    @Test
    void pickListIsSortedByBinAndForStaffOnly() {
        // given: the order goes through picking
        String body = OrderflowTestOrders.valid().replaceFirst("\"lines\": \\[.*]", """
                "lines": [ { "sku": "TOTE-CANVAS", "quantity": 1, "unitPrice": "9.50" },
                           { "sku": "MUG-ECO-01", "quantity": 1, "unitPrice": "12.50" },
                           { "sku": "NOTEBOOK-A5", "quantity": 3, "unitPrice": "6.90" } ]""");
        String orderId = api.placed(body);
        api.awaitStatus(orderId, "SHIPPED");

        // when
        Map<String, Object> pickList = api.staff().exchange("/api/orders/" + orderId + "/pick-list", HttpMethod.GET,
                null, OrderflowApi.JSON_OBJECT).getBody();

        // then
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> items = (List<Map<String, Object>>) pickList.get("items");
        assertThat(items).extracting(item -> item.get("binLocation")).containsExactly("A-01-03", "B-04-02", "C-01-01");
        assertThat(items.get(2)).containsEntry("sku", "NOTEBOOK-A5").containsEntry("quantity", 3);
        assertThat(status(api.storefront(), HttpMethod.GET, "/api/orders/" + orderId + "/pick-list", null))
                .isEqualTo(403);
    }

    @Test
    void textAtItsLimitInEmojiIsStoredOnTheLocalDatabaseToo() {
        // given: H2 counts a column's length in UTF-16 units, two per emoji; the API counts characters
        String house = "\uD83C\uDFE0";
        String body = OrderflowTestOrders.valid().replace("Ada Lovelace", house.repeat(200))
                .replace("SHOP-10023", house.repeat(100)).replace("12 Analytical St", house.repeat(200));

        // when
        ResponseEntity<Map<String, Object>> placed = api.place(body);

        // then
        assertThat(placed.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        Map<String, Object> order = api.get((String) placed.getBody().get("orderId"));
        assertThat(order).containsEntry("externalReference", house.repeat(100));
        assertThat(order.get("customer")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("name", house.repeat(200));
    }

    @Test
    void anOrderOutOfStockAsksItsCustomerForAStockDecision() {
        // given: the demo catalog has no rugs in stock
        String orderId = api.placed(OrderflowApi.order("RUG-JUTE", 1, "129.00"));

        // when
        Map<String, Object> order = api.awaitStatus(orderId, "AWAITING_STOCK_DECISION");

        // then
        assertThat(order).containsEntry("pendingAction", "STOCK_DECISION");
    }

    @Test
    void cancellationReasonAtItsLimitReachesTheTimeline() {
        // given: an order waiting for the customer's stock decision (the demo catalog has no rugs in stock)
        String orderId = api.placed(OrderflowApi.order("RUG-JUTE", 1, "129.00"));
        api.awaitStatus(orderId, "AWAITING_STOCK_DECISION");
        String reason = "\uD83D\uDE1E".repeat(500);

        // when
        ResponseEntity<String> cancellation = api.cancel(orderId, reason);

        // then
        assertThat(cancellation.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        Map<String, Object> order = api.awaitStatus(orderId, "CANCELLED");
        assertThat(OrderflowApi.timeline(order, "message")).anySatisfy(message -> assertThat(message).contains(reason));
    }

    @Test
    void unknownPathsAndMethodsAnswerWithProblemDetails() {
        assertThat(problem(api.storefront(), HttpMethod.GET, "/api/nothing-here", null)).containsEntry("status", 404);
        assertThat(problem(api.storefront(), HttpMethod.DELETE, "/api/orders", null)).containsEntry("status", 405);
    }

    private ResponseEntity<String> placeWithKey(String user, String key, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.set("Idempotency-Key", key);
        return http.withBasicAuth(user, user).exchange("/api/orders", HttpMethod.POST, new HttpEntity<>(body, headers),
                String.class);
    }

    private static int status(org.springframework.boot.test.web.client.TestRestTemplate client, HttpMethod method,
            String path, String body) {
        return client.exchange(path, method, body == null ? null : OrderflowApi.json(body), String.class)
                .getStatusCode().value();
    }

    private static Map<String, Object> problem(org.springframework.boot.test.web.client.TestRestTemplate client,
            HttpMethod method, String path, String body) {
        ResponseEntity<Map<String, Object>> answer = client.exchange(path, method,
                body == null ? null : OrderflowApi.json(body), OrderflowApi.JSON_OBJECT);
        assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        return answer.getBody();
    }

    private long countOrders() {
        return jdbc.sql("select count(*) from customer_order").query(Long.class).single();
    }
}
