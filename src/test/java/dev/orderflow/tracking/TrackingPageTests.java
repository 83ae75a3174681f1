package dev.orderflow.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.orderflow.fulfillment.OrderFulfillmentProcess.Variables;
import dev.orderflow.support.LocalRunTest;
import dev.orderflow.support.OrderflowApi;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** The customer's tracking page, as a browser without JavaScript sees it. */
class TrackingPageTests extends LocalRunTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TaskService tasks;

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @Test
    void pageShowsStatusTimelineAndTrackingNumber() {
        // given
        String orderId = api.placed(OrderflowApi.order("BOTTLE-STEEL", 1, "19.95"));
        Map<String, Object> order = api.awaitStatus(orderId, "SHIPPED");

        // when
        ResponseEntity<String> page = http.getForEntity(relative(order), String.class);

        // then
        assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(page.getHeaders().getContentType().isCompatibleWith(MediaType.TEXT_HTML)).isTrue();
        assertThat(page.getBody()).contains("data-status=\"SHIPPED\"", "On its way", (String) order.get("trackingNumber"))
                .contains(OrderflowApi.timeline(order, "message").stream().map(TrackingPageTests::escaped).toList());
        assertThat(page.getBody()).doesNotContain("name=\"decision\"");
        assertThat(page.getHeaders().getFirst("Referrer-Policy")).isEqualTo("no-referrer");
    }

    @Test
    void whileTheWarehouseDecidesOnAPickShortageThePageSaysSoInsteadOfNothingToDo() {
        // given: the warehouse finds one unit too few while picking; its task to decide is open
        shortProduct(jdbc, "SHORT-PAGE-1");
        String orderId = api.placed(OrderflowApi.order("SHORT-PAGE-1", 1, "5.00"));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> tasks.createTaskQuery().processInstanceBusinessKey(orderId).count() == 1);
        Map<String, Object> order = api.get(orderId);
        assertThat(order).containsEntry("status", "PICKING");

        // when
        String page = http.getForEntity(relative(order), String.class).getBody();

        // then: the headline and what to do tell the truth; no promise of a parcel on its way
        assertThat(page).contains("We found fewer items on our shelf than expected", "id=\"shortage-pending\"",
                "is deciding whether your order waits for new stock or is")
                .doesNotContain("Being picked", "we will\n        e-mail you when your parcel is on its way");

        // and when the warehouse decides to wait, the page says the order waits for stock
        String task = tasks.createTaskQuery().processInstanceBusinessKey(orderId).singleResult().getId();
        tasks.claim(task, "warehouse");
        tasks.complete(task, Map.of(Variables.SHORTAGE_DECISION, "WAIT"));
        Map<String, Object> waiting = api.awaitStatus(orderId, "AWAITING_RESTOCK");
        assertThat(http.getForEntity(relative(waiting), String.class).getBody()).contains("Waiting for stock")
                .doesNotContain("shortage-pending", "We found fewer items");
        api.cancel(orderId, "test done");
    }

    @Test
    void afterAFailedDeliveryAttemptThePageSaysWhatHappensNextAndWhomToContact() {
        // given: a shipped order whose courier reports a failed attempt
        String orderId = api.placed(OrderflowApi.order("BOTTLE-STEEL", 1, "19.95"));
        Map<String, Object> order = api.awaitStatus(orderId, "SHIPPED");
        String tracking = (String) order.get("trackingNumber");
        assertThat(api.courierEvent(tracking, OrderflowApi.courierEventBody("evt-page-fail-" + orderId,
                "DELIVERY_FAILED", Instant.now().toString())).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);

        // when
        await().atMost(Duration.ofSeconds(20)).until(() -> http.getForEntity(relative(order), String.class).getBody()
                .contains("id=\"delivery-failed\""));
        String page = http.getForEntity(relative(order), String.class).getBody();

        // then: the headline, what the courier does, and the shop by name with its contact
        assertThat(page).contains("Delivery attempt failed", "tries again or leaves you a notice",
                "contact <strong>Orderflow demo shop</strong> at <a href=\"https://shop.example/help\"")
                .doesNotContain(">On its way<");

        // and when the parcel is delivered afterwards, the failure is history
        assertThat(api.courierEvent(tracking, OrderflowApi.courierEventBody("evt-page-done-" + orderId,
                "DELIVERED", Instant.now().plusSeconds(60).toString())).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        Map<String, Object> delivered = api.awaitStatus(orderId, "DELIVERED");
        assertThat(http.getForEntity(relative(delivered), String.class).getBody()).doesNotContain("delivery-failed")
                .contains("please contact <strong>Orderflow demo shop</strong>");
    }

    @Test
    void anOrderWhoseEveryLineIsOutOfStockSaysYourOrderNotPartOfIt() {
        // given: one order of a product out of stock only, one with a product in stock too
        String whole = api.placed(OrderflowApi.order("RUG-JUTE", 1, "129.00"));
        String part = api.placed(OrderflowApi.order("RUG-JUTE", 1, "129.00").replace("]",
                ", {\"sku\": \"CANDLE-SOY\", \"quantity\": 1, \"unitPrice\": \"11.00\"}]"));

        // when
        String wholePage = http.getForEntity(relative(api.awaitStatus(whole, "AWAITING_STOCK_DECISION")),
                String.class).getBody();
        String partPage = http.getForEntity(relative(api.awaitStatus(part, "AWAITING_STOCK_DECISION")),
                String.class).getBody();

        // then
        assertThat(wholePage).contains(">Your order is out of stock<", "Your order is not in stock just now.")
                .doesNotContain("Part of your order", "Some of what you ordered");
        assertThat(partPage).contains(">Part of your order is out of stock<", "Some of what you ordered");
        api.cancel(whole, "test done");
        api.cancel(part, "test done");
    }

    @Test
    void wrongTokenGetsTheSamePageAsAnUnknownOrder() {
        String orderId = api.placed(OrderflowApi.order("BOTTLE-STEEL", 1, "19.95"));

        ResponseEntity<String> wrongToken = http.getForEntity("/track/" + orderId + "?token=guessed", String.class);
        ResponseEntity<String> noToken = http.getForEntity("/track/" + orderId, String.class);
        ResponseEntity<String> unknown = http.getForEntity(
                "/track/00000000-0000-0000-0000-000000000000?token=guessed", String.class);

        assertThat(wrongToken.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(noToken.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(wrongToken.getBody()).isEqualTo(unknown.getBody()).isEqualTo(noToken.getBody())
                .contains("Order not found");
    }

    @Test
    void whatTheCustomerTypedIsShownEscaped() {
        String body = OrderflowApi.order("BOTTLE-STEEL", 1, "19.95")
                .replace("Ada Lovelace", "Ada <b>Lovelace</b><script>alert(1)</script>");
        String orderId = api.placed(body);

        String page = http.getForEntity(relative(api.get(orderId)), String.class).getBody();

        assertThat(page).contains("Ada &lt;b&gt;Lovelace&lt;/b&gt;&lt;script&gt;alert(1)&lt;/script&gt;")
                .doesNotContain("<script>alert(1)</script>");
    }

    @Test
    void customerDecidesToWaitWithTheFormsButton() {
        // given: an order that is out of stock
        String orderId = api.placed(OrderflowApi.order("TSHIRT-ORG-L", 1, "24.00"));
        Map<String, Object> order = api.awaitStatus(orderId, "AWAITING_STOCK_DECISION");
        ResponseEntity<String> page = http.getForEntity(relative(order), String.class);
        assertThat(page.getBody()).contains("name=\"decision\" value=\"WAIT\"", "name=\"decision\" value=\"REFUND\"");

        // when: the WAIT button is pressed
        ResponseEntity<String> answer = submit(order, page, "WAIT");

        // then: redirected back to the page, which now says the order waits for the restock
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(answer.getBody()).contains("data-status=\"AWAITING_RESTOCK\"", "Waiting for stock")
                .doesNotContain("name=\"decision\"");
        assertThat(api.get(orderId)).containsEntry("status", "AWAITING_RESTOCK");
    }

    @Test
    void formWithoutItsCsrfTokenIsRefused() {
        String orderId = api.placed(OrderflowApi.order("TSHIRT-ORG-L", 1, "24.00"));
        Map<String, Object> order = api.awaitStatus(orderId, "AWAITING_STOCK_DECISION");

        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        ResponseEntity<String> forged = http.exchange(relative(order).replace("?", "/stock-decision?"),
                HttpMethod.POST, new HttpEntity<>("decision=REFUND", headers), String.class);

        assertThat(forged.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertIsTheMessagePage(forged, "Please try again");
        assertThat(api.get(orderId)).containsEntry("status", "AWAITING_STOCK_DECISION");
    }

    @Test
    void postingToThePageItselfIsRefusedWithAnHtmlPage() {
        // given: the page and its form's token, as a browser has them
        String orderId = api.placed(OrderflowApi.order("TSHIRT-ORG-L", 1, "24.00"));
        Map<String, Object> order = api.awaitStatus(orderId, "AWAITING_STOCK_DECISION");
        ResponseEntity<String> page = http.getForEntity(relative(order), String.class);
        Matcher csrf = CSRF.matcher(page.getBody());
        assertThat(csrf.find()).isTrue();
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        headers.setAccept(List.of(MediaType.APPLICATION_JSON, MediaType.ALL));
        headers.set(HttpHeaders.COOKIE, page.getHeaders().getFirst(HttpHeaders.SET_COOKIE).split(";")[0]);

        // when
        ResponseEntity<String> posted = http.exchange(relative(order), HttpMethod.POST,
                new HttpEntity<>("decision=REFUND&_csrf=" + csrf.group(1), headers), String.class);

        // then
        assertThat(posted.getStatusCode()).isEqualTo(HttpStatus.METHOD_NOT_ALLOWED);
        assertThat(posted.getHeaders().getAllow()).contains(HttpMethod.GET);
        assertIsTheMessagePage(posted, "This did not work");
        assertThat(api.get(orderId)).containsEntry("status", "AWAITING_STOCK_DECISION");
    }

    @Test
    void unknownPathUnderTheTrackingPageGetsTheNotFoundPage() {
        String orderId = api.placed(OrderflowApi.order("BOTTLE-STEEL", 1, "19.95"));
        Map<String, Object> order = api.get(orderId);
        HttpHeaders headers = new HttpHeaders();
        headers.setAccept(List.of(MediaType.APPLICATION_JSON));

        ResponseEntity<String> trailingSlash = http.exchange(relative(order).replace("?", "/?"), HttpMethod.GET,
                new HttpEntity<>(headers), String.class);
        ResponseEntity<String> deeper = http.exchange("/track/" + orderId + "/nothing/here", HttpMethod.GET,
                new HttpEntity<>(headers), String.class);

        assertThat(trailingSlash.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertIsTheMessagePage(trailingSlash, "Order not found");
        assertThat(deeper.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertIsTheMessagePage(deeper, "Order not found");
    }

    @Test
    void errorPathAskedForDirectlyIsAPlainNotFound() {
        HttpHeaders html = new HttpHeaders();
        html.setAccept(List.of(MediaType.TEXT_HTML));
        HttpHeaders json = new HttpHeaders();
        json.setAccept(List.of(MediaType.APPLICATION_JSON));

        ResponseEntity<String> browser = http.exchange("/error", HttpMethod.GET, new HttpEntity<>(html), String.class);
        ResponseEntity<String> client = http.exchange("/error", HttpMethod.GET, new HttpEntity<>(json), String.class);
        ResponseEntity<String> unknownPage = http.exchange("/no-such-page", HttpMethod.GET, new HttpEntity<>(json),
                String.class);

        assertThat(browser.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(browser.getHeaders().getContentType().isCompatibleWith(MediaType.TEXT_HTML)).isTrue();
        assertThat(client.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(client.getBody()).contains("\"status\":404").doesNotContain("999");
        assertThat(client.getHeaders().getContentType()).isEqualTo(unknownPage.getHeaders().getContentType());
    }

    @Test
    void pageNamesTheOrderByTheShopsReferenceWithProductsMoneyAddressAndNothingInternal() {
        // given: an order of two products that has shipped
        String orderId = api.placed(OrderflowApi.order("MUG-ECO-01", 2, "12.50").replace("SHOP-IT", "SHOP-PAGE-1")
                .replace("\"lines\": [ {", "\"lines\": [ { \"sku\": \"NOTEBOOK-A5\", \"quantity\": 1, \"unitPrice\": \"6.90\" }, {"));
        api.awaitStatus(orderId, "SHIPPED");
        Map<String, Object> order = api.staff().exchange("/api/orders/" + orderId, HttpMethod.GET, null,
                OrderflowApi.JSON_OBJECT).getBody();

        // when
        String page = http.getForEntity(relative(order), String.class).getBody();

        // then: what a customer reads
        assertThat(page).contains("<title>Order SHOP-PAGE-1 · On its way</title>", "Order <strong class=\"code\">SHOP-PAGE-1</strong>",
                "Eco mug, bamboo fibre", "Recycled paper notebook A5", "€25.00", "€12.50 each", "€6.90", "€31.90",
                "Unter den Linden 1", "10117 Berlin", "Germany", "Simulated courier", (String) order.get("trackingNumber"),
                "What you can do now", "Follow your parcel");
        assertThat(page).containsPattern("<time datetime=\"[^\"]+\">\\d{1,2} [A-Z][a-z]{2} \\d{4}, \\d{2}:\\d{2} UTC</time>");
        // and nothing that is not for them: no SKU, no internal note, no order id outside the form's address
        assertThat(page).doesNotContain("MUG-ECO-01", "NOTEBOOK-A5", " EUR");
        assertThat(page.replace("/track/" + orderId, "")).doesNotContain(orderId);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> notes = (List<Map<String, Object>>) order.getOrDefault("internalNotes", List.of());
        assertThat(notes).allSatisfy(note -> assertThat(page).doesNotContain(escaped((String) note.get("message"))));
    }

    @Test
    void simulatedCourierIsNamedForPeopleAndGetsNoLink() {
        // given
        String orderId = api.placed(OrderflowApi.order("BOTTLE-STEEL", 1, "19.95"));
        Map<String, Object> order = api.awaitStatus(orderId, "SHIPPED");
        assertThat(order).containsEntry("courier", "simulated");

        // when
        String page = http.getForEntity(relative(order), String.class).getBody();

        // then: its name for people, in the Delivery section too, and no link (to a courier or to this page)
        assertThat(page).contains("<dd id=\"courier\">Simulated courier</dd>")
                .containsPattern("Follow your parcel with\\s+<strong>Simulated courier</strong>\\s+using the tracking number");
        assertThat(page).doesNotContain("<a ", ">simulated<");
    }

    @Test
    void orderShippedByACourierNoLongerConfiguredShowsTheStoredNameAndNoLink() {
        // given: an order shipped by a courier the configuration no longer names
        String orderId = api.placed(OrderflowApi.order("BOTTLE-STEEL", 1, "19.95"));
        Map<String, Object> order = api.awaitStatus(orderId, "SHIPPED");
        jdbc.sql("update customer_order set courier = 'retired-post' where id = :id")
                .param("id", java.util.UUID.fromString(orderId)).update();

        // when
        ResponseEntity<String> page = http.getForEntity(relative(order), String.class);

        // then
        assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(page.getBody()).contains("<dd id=\"courier\">retired-post</dd>", (String) order.get("trackingNumber"))
                .doesNotContain("<a ");
    }

    @Test
    void orderWithoutAShopReferenceGetsAShortOneNeverItsId() {
        // given: the storefront sent no reference
        String orderId = api.placed(OrderflowApi.order("BOTTLE-STEEL", 1, "19.95")
                .replace("\"externalReference\": \"SHOP-IT\",", ""));
        Map<String, Object> order = api.get(orderId);
        assertThat(order.get("externalReference")).isNull();

        // when
        String page = http.getForEntity(relative(order), String.class).getBody();

        // then
        String shortReference = orderId.substring(0, 8).toUpperCase(java.util.Locale.ROOT);
        assertThat(page).contains("<title>Order " + shortReference + " · ", "Order <strong class=\"code\">" + shortReference + "</strong>");
        assertThat(page.replace("/track/" + orderId, "")).doesNotContain(orderId);
    }

    @Test
    void pendingStockDecisionExplainsBothButtonsAndTheDeadline() {
        String orderId = api.placed(OrderflowApi.order("TSHIRT-ORG-L", 2, "24.00"));
        Map<String, Object> order = api.awaitStatus(orderId, "AWAITING_STOCK_DECISION");

        String page = http.getForEntity(relative(order), String.class).getBody();

        assertThat(page).contains("aria-describedby=\"wait-means\"", "aria-describedby=\"refund-means\"",
                "We cancel the whole order and pay you back €48.00.", "Please choose by",
                "If we do not hear from you by then, we cancel your order and pay you back in full.");
        assertThat(page).containsPattern("Please choose by <strong>\\d{1,2} [A-Z][a-z]{2} \\d{4}, \\d{2}:\\d{2} UTC</strong>");
    }

    /** As Thymeleaf writes text into HTML. */
    private static String escaped(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }

    private static void assertIsTheMessagePage(ResponseEntity<String> answer, String headline) {
        assertThat(answer.getHeaders().getContentType().isCompatibleWith(MediaType.TEXT_HTML)).as("content type")
                .isTrue();
        assertThat(answer.getBody()).contains("<h1>" + headline + "</h1>").doesNotContain("\"status\"");
    }

    private ResponseEntity<String> submit(Map<String, Object> order, ResponseEntity<String> page, String decision) {
        Matcher csrf = CSRF.matcher(page.getBody());
        assertThat(csrf.find()).isTrue();
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        headers.set(HttpHeaders.COOKIE, page.getHeaders().getFirst(HttpHeaders.SET_COOKIE).split(";")[0]);
        return http.exchange(relative(order).replace("?", "/stock-decision?"), HttpMethod.POST,
                new HttpEntity<>("decision=" + decision + "&_csrf=" + csrf.group(1), headers), String.class);
    }

    /** The tracking link without scheme and host: the test server runs on a random port. */
    private static String relative(Map<String, Object> order) {
        String url = (String) order.get("trackingUrl");
        return url.substring(url.indexOf("/track/"));
    }
}
