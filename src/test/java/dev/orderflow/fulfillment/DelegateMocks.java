package dev.orderflow.fulfillment;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Date;
import java.util.Deque;
import java.util.List;

import dev.orderflow.fulfillment.OrderFulfillmentProcess.Beans;
import dev.orderflow.fulfillment.OrderFulfillmentProcess.Errors;
import dev.orderflow.fulfillment.OrderFulfillmentProcess.Variables;
import dev.orderflow.order.OutOfStockPolicy;
import dev.orderflow.order.StockDecision;
import dev.orderflow.shipping.CourierNews;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.test.mock.Mocks;

/**
 * Stand-ins for the Spring beans the diagram names, for process tests: each records that it ran and sets the
 * variables its real counterpart would. Tests steer outcomes through the fields before the step runs.
 */
final class DelegateMocks {

    final List<String> notificationsSent = new ArrayList<>();
    final List<String> cancellationReasons = new ArrayList<>();
    final List<String> stepsRun = new ArrayList<>();

    /** what the automatic checks find */
    boolean priceMismatch;
    /** whether reserving succeeds */
    boolean stockAvailable = true;
    /** whether the next pick finds the shelf short */
    boolean pickShortage;
    /** the customer's choice when nobody answers */
    StockDecision defaultStockDecision = StockDecision.REFUND;
    /** what each look at the courier's earlier events finds, in turn ({@code CourierNews} names); then NONE */
    final Deque<String> courierNews = new ArrayDeque<>();

    DelegateMocks register() {
        Mocks.register(Beans.SEND_NOTIFICATION, (JavaDelegate) execution ->
                notificationsSent.add(ProcessVariables.notificationType(execution).name()));
        Mocks.register(Beans.REVIEW_ORDER, (JavaDelegate) execution -> {
            stepsRun.add(Beans.REVIEW_ORDER);
            execution.setVariable(Variables.DESTINATION_COUNTRY, "DE");
            execution.setVariable(Variables.PRICE_MISMATCH, priceMismatch);
            execution.setVariable(Variables.ADDRESS_INCOMPLETE, false);
            execution.setVariable(Variables.QUANTITY_ABOVE_LIMIT, false);
            execution.setVariable(Variables.ORDER_TOTAL, 25.0);
        });
        Mocks.register(Beans.CHECK_INVENTORY, (JavaDelegate) execution -> {
            stepsRun.add(Beans.CHECK_INVENTORY);
            execution.setVariable(Variables.STOCK_RESERVED, stockAvailable);
        });
        Mocks.register(Beans.AWAIT_RESTOCK, (JavaDelegate) execution -> {
            stepsRun.add(Beans.AWAIT_RESTOCK);
            execution.setVariable(Variables.RESTOCK_DEADLINE, inTwoWeeks());
        });
        Mocks.register(Beans.PICK_ITEMS, (JavaDelegate) execution -> {
            stepsRun.add(Beans.PICK_ITEMS);
            if (pickShortage) {
                pickShortage = false;
                throw new BpmnError(Errors.PICK_SHORTAGE, "MUG-ECO-01: 2 expected, 1 found");
            }
        });
        Mocks.register(Beans.PACK_PARCEL, (JavaDelegate) execution -> {
            stepsRun.add(Beans.PACK_PARCEL);
            execution.setVariable(Variables.PARCEL_WEIGHT_GRAMS, 760);
        });
        Mocks.register(Beans.CREATE_LABEL, (JavaDelegate) execution -> {
            stepsRun.add(Beans.CREATE_LABEL);
            execution.setVariable(Variables.TRACKING_NUMBER, "SIM-TEST0001");
        });
        Mocks.register(Beans.HAND_OVER_TO_COURIER, (JavaDelegate) execution -> {
            stepsRun.add(Beans.HAND_OVER_TO_COURIER);
            execution.setVariable(Variables.DELIVERY_DEADLINE, inTwoWeeks());
        });
        Mocks.register(Beans.ARRANGE_REDELIVERY, (JavaDelegate) execution -> {
            stepsRun.add(Beans.ARRANGE_REDELIVERY);
            execution.setVariable(Variables.DELIVERY_DEADLINE, inTwoWeeks());
        });
        Mocks.register(Beans.APPLY_COURIER_EVENTS, (JavaDelegate) execution -> execution.setVariable(
                Variables.COURIER_NEWS, org.camunda.bpm.engine.variable.Variables.stringValue(
                        courierNews.isEmpty() ? CourierNews.NONE.name() : courierNews.poll(), true)));
        Mocks.register(Beans.RECORD_DELIVERY, step(Beans.RECORD_DELIVERY));
        Mocks.register(Beans.ESCALATE_REVIEW, step(Beans.ESCALATE_REVIEW));
        Mocks.register(Beans.REFUND_PAYMENT, step(Beans.REFUND_PAYMENT));
        Mocks.register(Beans.CANCEL_ORDER, (JavaDelegate) execution ->
                cancellationReasons.add(ProcessVariables.cancellationReason(execution).name()));
        Mocks.register(Beans.USER_TASK_LISTENER, (TaskListener) task -> { });
        Mocks.register(Beans.REVIEW_TEXT, new ReviewText());
        Mocks.register(Beans.SETTINGS, new ProcessSettings(
                new OutOfStockPolicy(Duration.ofDays(3), defaultStockDecision.name()), Duration.ofDays(14),
                Duration.ofHours(4), Duration.ofDays(10)));
        return this;
    }

    private JavaDelegate step(String name) {
        return execution -> stepsRun.add(name);
    }

    private static Date inTwoWeeks() {
        return Date.from(java.time.Instant.now().plus(Duration.ofDays(14)));
    }

    static void reset() {
        Mocks.reset();
    }
}
