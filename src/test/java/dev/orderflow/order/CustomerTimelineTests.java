package dev.orderflow.order;

import static dev.orderflow.support.OrderflowApi.internalNotes;
import static dev.orderflow.support.OrderflowApi.timeline;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

import dev.orderflow.fulfillment.OrderFulfillmentProcess.Variables;
import dev.orderflow.support.LocalRunTest;
import dev.orderflow.support.OrderflowApi;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The order's history as its two audiences read it through the API: a storefront (role ORDER_API) gets the
 * customer's timeline only, in plain words (product names with quantities, readable times, no staff names, findings,
 * comments, SKUs or ISO instants, no {@code internalNotes} key); staff get the internal notes with who decided what.
 */
class CustomerTimelineTests extends LocalRunTest {

    /** A time as CustomerFormat writes it by default: "26 Nov 2026, 10:00 UTC". */
    static final String READABLE_TIME = "\\d{1,2} [A-Z][a-z]{2,3} \\d{4}, \\d{2}:\\d{2} UTC";
    private static final Pattern ISO_INSTANT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}");

    @Autowired
    TaskService tasks;
    @Autowired
    ManagementService management;
    @Autowired
    RuntimeService runtime;
    @Autowired
    JdbcClient jdbc;

    @Test
    void reviewApprovedWithACommentTellsTheCustomerItGoesOnAndStaffWhoDecidedWithTheComment() {
        // given: a price that differs from the catalog sends the order to review
        String orderId = api.placed(OrderflowApi.order("MUG-ECO-01", 1, "9.99"));
        api.awaitStatus(orderId, "UNDER_REVIEW");

        // when: customer service approves it with a comment
        completeTask(orderId, "cs", Map.of(Variables.REVIEW_DECISION, "APPROVE",
                Variables.REVIEW_COMMENT, "price agreed by phone"));
        Map<String, Object> shipped = api.awaitStatus(orderId, "SHIPPED");

        // then: the customer reads the fixed words, and nothing of the check or the clerk
        assertReadableForTheCustomer(shipped, "MUG-ECO-01", "price agreed by phone", "completed by", "cs:",
                "catalog price", "automatic checks");
        assertThat(timeline(shipped, "message")).containsSubsequence(
                "We are checking a detail of your order before it goes to our warehouse.",
                "Checked: your order goes on to our warehouse.");
        // and staff read who decided what, with the comment, and what the checks found
        Map<String, Object> asStaff = api.getAsStaff(orderId);
        assertThat(internalNotes(asStaff, "message"))
                .contains("'Review discrepancy' completed by cs: APPROVE (price agreed by phone)")
                .anySatisfy(note -> assertThat(note).startsWith("Discrepancy review opened: ")
                        .contains("catalog price"));
        assertThat(timeline(asStaff, "message")).isEqualTo(timeline(shipped, "message"));
    }

    @Test
    void reviewCancelledWithACommentTellsTheCustomerOfTheRefundAndStaffWhoDecidedWithTheComment() {
        // given
        String orderId = api.placed(OrderflowApi.order("MUG-ECO-01", 1, "9.99"));
        api.awaitStatus(orderId, "UNDER_REVIEW");

        // when
        completeTask(orderId, "cs", Map.of(Variables.REVIEW_DECISION, "CANCEL",
                Variables.REVIEW_COMMENT, "customer asked us by phone"));
        Map<String, Object> cancelled = refunded(orderId);

        // then
        assertReadableForTheCustomer(cancelled, "MUG-ECO-01", "customer asked us by phone", "completed by", "cs:",
                "catalog price");
        assertThat(timeline(cancelled, "message")).containsSubsequence(
                "We are checking a detail of your order before it goes to our warehouse.",
                "Cancelled after our check of your order. You get a full refund.",
                "Refunded \u20ac9.99.");
        assertThat(internalNotes(api.getAsStaff(orderId), "message"))
                .contains("'Review discrepancy' completed by cs: CANCEL (customer asked us by phone)");
    }

    @Test
    void aRefundTheCustomerChoseSaysSo() {
        // given
        String orderId = outOfStockOrder();

        // when
        assertThat(api.decideStock(orderId, "REFUND").getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        Map<String, Object> cancelled = refunded(orderId);

        // then
        assertReadableForTheCustomer(cancelled, "TSHIRT-ORG-L");
        assertThat(timeline(cancelled, "message"))
                .contains("Cancelled as you chose, because items of your order are out of stock. You get a full"
                        + " refund.")
                .noneMatch(message -> message.contains("did not hear from you"));
    }

    @Test
    void aRefundByDefaultAfterNoAnswerSaysWeDidNotHearFromTheCustomerByTheirDeadline() {
        // given: the customer was asked, with a deadline
        String orderId = outOfStockOrder();
        String asked = timeline(api.get(orderId), "message").stream()
                .filter(message -> message.startsWith("Out of stock: ")).findFirst().orElseThrow();
        assertThat(asked).matches("Out of stock: 1 \u00d7 Organic cotton T-shirt L\\. Please choose by "
                + READABLE_TIME + " whether to wait for new stock or to cancel for a full refund\\. If we do not hear"
                + " from you by then, we cancel your order and refund it in full\\.");
        String deadline = asked.replaceAll(".*Please choose by (" + READABLE_TIME + ").*", "$1");

        // when: nobody answers in time (the diagram's timer)
        StockDecisionTimers.fire(runtime, management, orderId);
        Map<String, Object> cancelled = refunded(orderId);

        // then: it says what happened, not that the customer chose it
        assertReadableForTheCustomer(cancelled, "TSHIRT-ORG-L");
        assertThat(cancelled).containsEntry("cancellationReason", "OUT_OF_STOCK_REFUND");
        assertThat(timeline(cancelled, "message"))
                .contains("We did not hear from you by " + deadline + ", so we cancelled your order, as we said we"
                        + " would. You get a full refund.")
                .noneMatch(message -> message.contains("you chose") || message.contains("refund chosen"));
    }

    @Test
    void aWaitTheCustomerChoseSaysSoWithTheLatestDate() {
        // given
        String orderId = outOfStockOrder();

        // when
        assertThat(api.decideStock(orderId, "WAIT").getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        Map<String, Object> waiting = api.awaitStatus(orderId, "AWAITING_RESTOCK");

        // then
        assertReadableForTheCustomer(waiting, "TSHIRT-ORG-L");
        assertThat(timeline(waiting, "message")).last(STRING)
                .matches("You chose to wait for new stock\\. We send your order as soon as it arrives; if it has not"
                        + " arrived by " + READABLE_TIME + ", we cancel your order and refund it in full\\.");
        // the customer chose it just now on the page: no mail repeats it
        assertThat(api.notifications(orderId)).extracting(mail -> mail.get("type")).doesNotContain("WAITING_FOR_STOCK");
        cancel(orderId);
    }

    @Test
    void aPickOfTwoUnitsNamesTheProductAndItsQuantityAndShippedAndDeliveredReadWell() {
        // given
        String orderId = api.placed(OrderflowApi.order("CANDLE-SOY", 2, "11.00"));
        Map<String, Object> shipped = api.awaitStatus(orderId, "SHIPPED");
        String trackingNumber = (String) shipped.get("trackingNumber");

        // when: the courier reports the delivery
        assertThat(api.courierEvent(trackingNumber, OrderflowApi.courierEventBody("evt-delivered", "DELIVERED",
                "2026-11-26T10:00:00Z")).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        Map<String, Object> delivered = api.awaitStatus(orderId, "DELIVERED");

        // then
        assertReadableForTheCustomer(delivered, "CANDLE-SOY", "BOX-", " g", "(STANDARD)", "Label");
        assertThat(timeline(delivered, "message")).containsSubsequence(
                "Order received",
                "All your items are in stock and set aside for you.",
                "Picking 2 \u00d7 Soy wax candle",
                "Your parcel is packed.",
                "Handed over to Simulated courier, tracking number " + trackingNumber,
                "Delivered (26 Nov 2026, 10:00 UTC, reported by the courier)");
        assertThat(internalNotes(api.getAsStaff(orderId), "message"))
                .anySatisfy(note -> assertThat(note).startsWith("Packed in ").endsWith(" g"))
                .anySatisfy(note -> assertThat(note).startsWith("Label " + trackingNumber + " from simulated"));
    }

    @Test
    void aPickShortageIsToldInPlainWordsAndTheWarehousesWaitIsMailedWithItsDeadline() {
        // given: the warehouse finds one unit too few while picking
        shortProduct(jdbc, "SHORT-TIMELINE");
        String orderId = api.placed(OrderflowApi.order("SHORT-TIMELINE", 1, "5.00"));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> tasks.createTaskQuery().processInstanceBusinessKey(orderId).count() == 1);

        // when: the warehouse decides to wait for new stock
        completeTask(orderId, "warehouse", Map.of(Variables.SHORTAGE_DECISION, "WAIT"));
        Map<String, Object> waiting = api.awaitStatus(orderId, "AWAITING_RESTOCK");

        // then: plain words, the product's name, no SKU
        assertReadableForTheCustomer(waiting, "SHORT-TIMELINE");
        assertThat(timeline(waiting, "message")).contains("While picking your order we found fewer Short candle on"
                + " our shelf than we expected. We will tell you shortly how your order goes on.")
                .noneMatch(message -> message.contains("too few"));
        // and the customer is mailed that the order waits, once
        await().atMost(Duration.ofSeconds(10)).until(() -> api.notifications(orderId).stream()
                .anyMatch(mail -> "WAITING_FOR_STOCK".equals(mail.get("type"))));
        cancel(orderId);
    }

    @Test
    void aCustomerCancellationKeepsTheCustomersOwnReason() {
        // given
        String orderId = outOfStockOrder();

        // when
        assertThat(api.cancel(orderId, "changed my mind").getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        Map<String, Object> cancelled = refunded(orderId);

        // then
        assertReadableForTheCustomer(cancelled, "TSHIRT-ORG-L");
        assertThat(timeline(cancelled, "message"))
                .contains("Cancelled at your request. You get a full refund. Your note: changed my mind",
                        "Refunded \u20ac24.00.");
        assertThat(internalNotes(api.getAsStaff(orderId), "message"))
                .anySatisfy(note -> assertThat(note).startsWith("Refund 24.00 EUR, payment provider reference "));
    }

    /**
     * What a storefront gets is for the customer: no internal notes, no ISO instant, none of {@code hidden} (SKUs,
     * staff names, comments, findings) in any timeline entry.
     */
    static void assertReadableForTheCustomer(Map<String, Object> order, String... hidden) {
        assertThat(order).doesNotContainKey("internalNotes");
        assertThat(timeline(order, "message")).isNotEmpty().allSatisfy(message -> {
            assertThat(message).doesNotContain(hidden).doesNotContain("'Review discrepancy'", "completed by",
                    "automatic checks");
            assertThat(ISO_INSTANT.matcher(message).find()).as(message).isFalse();
        });
    }

    private String outOfStockOrder() {
        String orderId = api.placed(OrderflowApi.order("TSHIRT-ORG-L", 1, "24.00"));
        api.awaitStatus(orderId, "AWAITING_STOCK_DECISION");
        return orderId;
    }

    private void cancel(String orderId) {
        assertThat(api.cancel(orderId, "test done").getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        refunded(orderId);
    }

    private Map<String, Object> refunded(String orderId) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> api.get(orderId), order -> order.get("refund") != null);
    }

    private void completeTask(String orderId, String user, Map<String, Object> variables) {
        String id = await().atMost(Duration.ofSeconds(30)).until(() -> tasks.createTaskQuery()
                .processInstanceBusinessKey(orderId).singleResult(), found -> found != null).getId();
        tasks.claim(id, user);
        tasks.complete(id, variables);
    }
}
