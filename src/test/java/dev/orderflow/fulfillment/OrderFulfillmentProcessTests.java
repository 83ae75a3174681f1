package dev.orderflow.fulfillment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.util.UUID;

import dev.orderflow.fulfillment.OrderFulfillmentProcess.Beans;
import dev.orderflow.fulfillment.OrderFulfillmentProcess.Decisions;
import dev.orderflow.fulfillment.OrderFulfillmentProcess.Elements;
import dev.orderflow.fulfillment.OrderFulfillmentProcess.Groups;
import dev.orderflow.fulfillment.OrderFulfillmentProcess.Messages;
import dev.orderflow.fulfillment.OrderFulfillmentProcess.Variables;
import dev.orderflow.order.StockDecision;
import dev.orderflow.shipping.CourierNews;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every path of the order lifecycle, on an in-memory engine with the real diagram, decision tables and forms
 * and mocked delegates. Jobs and timers are executed by the test, never waited for. The build fails below
 * 100% flow-node and sequence-flow coverage of the diagram.
 */
@Deployment(resources = {OrderFulfillmentProcess.RESOURCE, Decisions.ORDER_REVIEW_RESOURCE,
        Decisions.COURIER_SELECTION_RESOURCE, "forms/review-discrepancy.form", "forms/resolve-pick-shortage.form",
        "forms/investigate-delivery.form"})
class OrderFulfillmentProcessTests {

    @RegisterExtension
    static ProcessEngineCoverageExtension engine = ProcessEngineForTests.extension();

    private final String orderId = UUID.randomUUID().toString();
    private DelegateMocks delegates;

    @BeforeEach
    void registerDelegates() {
        // other test classes may have started engines of their own in this JVM
        BpmnAwareTests.init(engine.getProcessEngine());
        delegates = new DelegateMocks().register();
    }

    @AfterEach
    void resetDelegates() {
        DelegateMocks.reset();
        BpmnAwareTests.reset();
    }

    @Test
    void acceptingAnOrderOnlyStoresItsFirstJob() {
        // when
        ProcessInstance order = placeOrder();

        // then: the API's transaction ends at the start event; the job executor does the rest
        assertThat(order).isWaitingAt(Elements.START_ORDER_RECEIVED);
        assertThat(delegates.notificationsSent).isEmpty();
    }

    @Test
    void happyPathRunsFromConfirmationToDelivery() {
        // given
        ProcessInstance order = placeOrder();

        // when: the job executor picks up the order
        execute(job(order));

        // then: confirmed, checked, reserved, picked and packed; the courier is asked in a transaction of its own
        assertThat(order).hasPassedInOrder(Elements.TASK_SEND_CONFIRMATION, Elements.TASK_REVIEW_ORDER,
                Elements.TASK_DECIDE_REVIEW, Elements.TASK_CHECK_INVENTORY, Elements.TASK_PICK_ITEMS,
                Elements.TASK_PACK_PARCEL, Elements.TASK_SELECT_COURIER).isWaitingAt(Elements.TASK_CREATE_LABEL)
                .variables().containsEntry(Variables.REVIEW_REQUIRED, false)
                .containsEntry(Variables.COURIER, "simulated").containsEntry(Variables.SERVICE_LEVEL, "STANDARD");

        // when
        execute(job(order));

        // then: booking the pickup is a separate transaction too
        assertThat(order).isWaitingAt(Elements.TASK_HAND_OVER_TO_COURIER);

        // when
        execute(job(order));

        // then
        assertThat(order).hasPassed(Elements.TASK_NOTIFY_SHIPPED)
                .isWaitingFor(Messages.ORDER_DELIVERED, Messages.DELIVERY_FAILED);

        // when: the courier's webhook reports the delivery
        correlate(Messages.ORDER_DELIVERED);

        // then
        assertThat(order).hasPassedInOrder(Elements.TASK_RECORD_DELIVERY, Elements.TASK_NOTIFY_DELIVERED,
                Elements.END_ORDER_DELIVERED).isEnded();
        assertThat(delegates.notificationsSent).containsExactly("ORDER_CONFIRMED", "SHIPPED", "DELIVERED");
        assertThat(delegates.stepsRun).containsExactly(Beans.REVIEW_ORDER, Beans.CHECK_INVENTORY, Beans.PICK_ITEMS,
                Beans.PACK_PARCEL, Beans.CREATE_LABEL, Beans.HAND_OVER_TO_COURIER, Beans.RECORD_DELIVERY);
    }

    @Test
    void courierStepsRunInTheirOwnRetryableJobs() {
        // given
        ProcessInstance order = placeOrder();

        // when
        execute(job(order));

        // then: a failing courier call rolls back only its own step, never the reservation before it
        assertThat(order).isWaitingAt(Elements.TASK_CREATE_LABEL);
        assertThat(job(order)).isNotNull();
        assertThat(delegates.stepsRun).doesNotContain(Beans.CREATE_LABEL);
    }

    @Test
    void discrepancyInformsTheCustomerAndWaitsForCustomerService() {
        // given
        delegates.priceMismatch = true;

        // when
        ProcessInstance order = startedOrder();

        // then
        assertThat(order).isWaitingAt(Elements.USER_TASK_REVIEW_DISCREPANCY)
                .variables().containsEntry(Variables.REVIEW_REQUIRED, true)
                .containsEntry(Variables.REVIEW_REASONS, "Unit price differs from the catalog");
        assertThat(task(order)).hasCandidateGroup(Groups.CUSTOMER_SERVICE);
        assertThat(delegates.notificationsSent).containsExactly("ORDER_CONFIRMED", "REVIEW_STARTED");
        assertThat(delegates.stepsRun).doesNotContain(Beans.CHECK_INVENTORY);
    }

    @Test
    void approvalSendsTheOrderOnToTheWarehouse() {
        // given
        delegates.priceMismatch = true;
        ProcessInstance order = startedOrder();

        // when
        complete(task(order), withVariables(Variables.REVIEW_DECISION, ReviewDecision.APPROVE.name(),
                Variables.REVIEW_COMMENT, "price agreed with the customer"));

        // then
        assertThat(order).hasPassed(Elements.TASK_CHECK_INVENTORY).isWaitingAt(Elements.TASK_CREATE_LABEL);
    }

    @Test
    void rejectionCancelsRefundsAndInformsTheCustomer() {
        // given
        delegates.priceMismatch = true;
        ProcessInstance order = startedOrder();

        // when
        complete(task(order), withVariables(Variables.REVIEW_DECISION, ReviewDecision.CANCEL.name()));

        // then: the refund talks to the payment provider in its own transaction
        assertThat(order).hasPassed(Elements.TASK_CANCEL_REVIEW_REJECTED).isWaitingAt(Elements.TASK_REFUND_PAYMENT);
        assertThat(delegates.cancellationReasons).containsExactly("REVIEW_REJECTED");

        // when
        execute(job(order));

        // then
        assertThat(order).hasPassed(Elements.TASK_NOTIFY_CANCELLED, Elements.END_ORDER_CANCELLED).isEnded();
        assertThat(delegates.notificationsSent).endsWith("CANCELLED");
        assertThat(delegates.stepsRun).contains(Beans.REFUND_PAYMENT).doesNotContain(Beans.CHECK_INVENTORY);
    }

    @Test
    void untouchedReviewEscalatesToTheLeadsAndStaysOpen() {
        // given
        delegates.priceMismatch = true;
        ProcessInstance order = startedOrder();

        // when: the escalation timer is due
        execute(job(Elements.BOUNDARY_REVIEW_ESCALATION, order));

        // then
        assertThat(order).hasPassed(Elements.TASK_ESCALATE_REVIEW, Elements.END_REVIEW_ESCALATED)
                .isWaitingAt(Elements.USER_TASK_REVIEW_DISCREPANCY);
        assertThat(delegates.stepsRun).contains(Beans.ESCALATE_REVIEW);
    }

    @Test
    void customerIsAskedToWaitOrTakeARefund() {
        // given
        delegates.stockAvailable = false;

        // when
        ProcessInstance order = startedOrder();

        // then
        assertThat(order).hasPassed(Elements.TASK_NOTIFY_OUT_OF_STOCK)
                .isWaitingFor(Messages.STOCK_DECISION_RECEIVED);
        assertThat(delegates.notificationsSent).containsExactly("ORDER_CONFIRMED", "OUT_OF_STOCK");
    }

    @Test
    void refundChosenCancelsAndRefunds() {
        // given
        delegates.stockAvailable = false;
        ProcessInstance order = startedOrder();

        // when
        decideStock(StockDecision.REFUND);
        execute(job(order));

        // then
        assertThat(order).hasPassed(Elements.TASK_CANCEL_OUT_OF_STOCK, Elements.TASK_REFUND_PAYMENT,
                Elements.END_ORDER_CANCELLED).isEnded();
        assertThat(delegates.cancellationReasons).containsExactly("OUT_OF_STOCK_REFUND");
    }

    @Test
    void waitingOrderResumesWhenRestocked() {
        // given
        delegates.stockAvailable = false;
        ProcessInstance order = startedOrder();

        // when
        decideStock(StockDecision.WAIT);

        // then
        assertThat(order).hasPassed(Elements.TASK_START_WAITING_FOR_RESTOCK)
                .isWaitingFor(Messages.STOCK_REPLENISHED);

        // when: a restock reserved the goods for this order
        delegates.stockAvailable = true;
        correlate(Messages.STOCK_REPLENISHED);

        // then
        assertThat(order).hasPassed(Elements.TASK_NOTIFY_BACK_IN_STOCK, Elements.TASK_PICK_ITEMS)
                .isWaitingAt(Elements.TASK_CREATE_LABEL);
        assertThat(delegates.notificationsSent).containsExactly("ORDER_CONFIRMED", "OUT_OF_STOCK",
                "BACK_IN_STOCK");
    }

    @Test
    void noRestockInTimeRefunds() {
        // given
        delegates.stockAvailable = false;
        ProcessInstance order = startedOrder();
        decideStock(StockDecision.WAIT);

        // when: the restock deadline passes
        execute(job(Elements.TIMER_RESTOCK_DEADLINE, order));
        execute(job(order));

        // then
        assertThat(order).hasPassed(Elements.TASK_CANCEL_RESTOCK_TIMEOUT, Elements.END_ORDER_CANCELLED).isEnded();
        assertThat(delegates.cancellationReasons).containsExactly("RESTOCK_TIMEOUT");
    }

    @Test
    void noAnswerAppliesTheDefaultRefund() {
        // given
        delegates.stockAvailable = false;
        ProcessInstance order = startedOrder();

        // when: the customer does not answer in time (default REFUND)
        execute(job(Elements.TIMER_STOCK_DECISION_TIMEOUT, order));

        // then
        assertThat(order).hasPassed(Elements.TASK_CANCEL_OUT_OF_STOCK).isWaitingAt(Elements.TASK_REFUND_PAYMENT);
        assertThat(delegates.cancellationReasons).containsExactly("OUT_OF_STOCK_REFUND");
    }

    @Test
    void noAnswerAppliesTheDefaultWaitWhenConfigured() {
        // given
        delegates.stockAvailable = false;
        delegates.defaultStockDecision = StockDecision.WAIT;
        delegates.register();
        ProcessInstance order = startedOrder();

        // when
        execute(job(Elements.TIMER_STOCK_DECISION_TIMEOUT, order));

        // then
        assertThat(order).hasPassed(Elements.TASK_START_WAITING_FOR_RESTOCK)
                .isWaitingFor(Messages.STOCK_REPLENISHED);
    }

    @Test
    void shortageOnTheShelfGoesToTheWarehouseInsteadOfFailing() {
        // given
        delegates.pickShortage = true;

        // when
        ProcessInstance order = startedOrder();

        // then
        assertThat(order).hasPassed(Elements.BOUNDARY_PICK_SHORTAGE)
                .isWaitingAt(Elements.USER_TASK_RESOLVE_PICK_SHORTAGE);
        assertThat(task(order)).hasCandidateGroup(Groups.WAREHOUSE);
    }

    @Test
    void warehouseChoosesWaitAndTheOrderWaitsForARestock() {
        // given
        delegates.pickShortage = true;
        ProcessInstance order = startedOrder();

        // when
        complete(task(order), withVariables(Variables.SHORTAGE_DECISION, ShortageDecision.WAIT.name()));

        // then
        assertThat(order).hasPassed(Elements.TASK_START_WAITING_FOR_RESTOCK)
                .isWaitingFor(Messages.STOCK_REPLENISHED);
    }

    @Test
    void warehouseChoosesRefundAndTheOrderIsCancelled() {
        // given
        delegates.pickShortage = true;
        ProcessInstance order = startedOrder();

        // when
        complete(task(order), withVariables(Variables.SHORTAGE_DECISION, ShortageDecision.REFUND.name()));

        // then
        assertThat(order).hasPassed(Elements.TASK_CANCEL_OUT_OF_STOCK).isWaitingAt(Elements.TASK_REFUND_PAYMENT);
        assertThat(delegates.cancellationReasons).containsExactly("OUT_OF_STOCK_REFUND");
    }

    @Test
    void failedAttemptInformsTheCustomerAndKeepsWaiting() {
        // given: the order is with the courier
        ProcessInstance order = shippedOrder();

        // when
        correlate(Messages.DELIVERY_FAILED);

        // then
        assertThat(order).hasPassed(Elements.TASK_NOTIFY_DELIVERY_FAILED)
                .isWaitingFor(Messages.ORDER_DELIVERED, Messages.DELIVERY_FAILED);

        // when
        correlate(Messages.ORDER_DELIVERED);

        // then
        assertThat(order).hasPassed(Elements.END_ORDER_DELIVERED).isEnded();
        assertThat(delegates.notificationsSent).containsSubsequence("DELIVERY_FAILED", "DELIVERED");
    }

    @Test
    void deliveryReportedWhileTheHandoffWasRetriedEndsTheOrderDelivered() {
        // given: the courier reported the delivery before the handoff went through
        delegates.courierNews.add(CourierNews.DELIVERED.name());

        // when: the handoff succeeds
        ProcessInstance order = shippedOrder();

        // then: delivered at once; no wait for a message that came already, no overdue timer, no investigation
        assertThat(order).hasPassedInOrder(Elements.TASK_NOTIFY_SHIPPED, Elements.TASK_APPLY_COURIER_EVENTS,
                Elements.TASK_RECORD_DELIVERY, Elements.TASK_NOTIFY_DELIVERED, Elements.END_ORDER_DELIVERED).isEnded();
        assertThat(order).hasNotPassed(Elements.GATEWAY_AWAIT_DELIVERY, Elements.USER_TASK_INVESTIGATE_DELIVERY);
        assertThat(delegates.notificationsSent).containsExactly("ORDER_CONFIRMED", "SHIPPED", "DELIVERED");
    }

    @Test
    void failedAttemptReportedWhileTheHandoffWasRetriedInformsTheCustomerThenWaits() {
        // given
        delegates.courierNews.add(CourierNews.DELIVERY_FAILED.name());

        // when
        ProcessInstance order = shippedOrder();

        // then: the customer is told, and the events after it are looked at again before the wait
        assertThat(order).hasPassedInOrder(Elements.TASK_APPLY_COURIER_EVENTS, Elements.TASK_NOTIFY_DELIVERY_FAILED,
                Elements.TASK_APPLY_COURIER_EVENTS)
                .isWaitingFor(Messages.ORDER_DELIVERED, Messages.DELIVERY_FAILED);
        assertThat(delegates.notificationsSent).containsExactly("ORDER_CONFIRMED", "SHIPPED", "DELIVERY_FAILED");
    }

    @Test
    void deliveryReportedDuringTheInvestigationEndsItDelivered() {
        // given: nothing heard in time, customer service investigates
        ProcessInstance order = shippedOrder();
        execute(job(Elements.TIMER_DELIVERY_OVERDUE, order));
        assertThat(order).isWaitingAt(Elements.USER_TASK_INVESTIGATE_DELIVERY);

        // when: the courier reports the delivery after all
        correlate(Messages.ORDER_DELIVERED);

        // then: the investigation is closed and the order ends delivered
        assertThat(order).hasPassedInOrder(Elements.BOUNDARY_DELIVERED_MEANWHILE, Elements.TASK_RECORD_DELIVERY,
                Elements.END_ORDER_DELIVERED).isEnded();
        assertThat(BpmnAwareTests.taskQuery().processInstanceId(order.getId()).count()).isZero();
        assertThat(delegates.notificationsSent).endsWith("DELIVERED");
    }

    @Test
    void deliveryReportedWhileTheRedeliveryWasArrangedEndsTheOrderDelivered() {
        // given: customer service chose to reship; the courier delivered before the redelivery step went through
        ProcessInstance order = shippedOrder();
        execute(job(Elements.TIMER_DELIVERY_OVERDUE, order));
        complete(task(order), withVariables(Variables.INVESTIGATION_OUTCOME, InvestigationOutcome.RESHIP.name()));
        delegates.courierNews.add(CourierNews.DELIVERED.name());

        // when
        execute(job(order));

        // then
        assertThat(order).hasPassedInOrder(Elements.TASK_ARRANGE_REDELIVERY, Elements.TASK_APPLY_COURIER_EVENTS,
                Elements.END_ORDER_DELIVERED).isEnded();
    }

    @Test
    void overdueDeliveryOpensAnInvestigation() {
        // given: the order is with the courier
        ProcessInstance order = shippedOrder();

        // when: no delivery event before the deadline
        execute(job(Elements.TIMER_DELIVERY_OVERDUE, order));

        // then
        assertThat(order).isWaitingAt(Elements.USER_TASK_INVESTIGATE_DELIVERY);
        assertThat(task(order)).hasCandidateGroup(Groups.CUSTOMER_SERVICE);
    }

    @Test
    void investigationFindsItDelivered() {
        // given: the order is with the courier
        ProcessInstance order = shippedOrder();

        execute(job(Elements.TIMER_DELIVERY_OVERDUE, order));

        // when
        complete(task(order), withVariables(Variables.INVESTIGATION_OUTCOME, InvestigationOutcome.DELIVERED.name()));

        // then
        assertThat(order).hasPassed(Elements.TASK_RECORD_DELIVERY, Elements.END_ORDER_DELIVERED).isEnded();
    }

    @Test
    void investigationReshipsAndWaitsForDeliveryAgain() {
        // given: the order is with the courier
        ProcessInstance order = shippedOrder();

        execute(job(Elements.TIMER_DELIVERY_OVERDUE, order));

        // when
        complete(task(order), withVariables(Variables.INVESTIGATION_OUTCOME, InvestigationOutcome.RESHIP.name()));
        execute(job(order));

        // then
        assertThat(order).hasPassed(Elements.TASK_ARRANGE_REDELIVERY)
                .isWaitingFor(Messages.ORDER_DELIVERED, Messages.DELIVERY_FAILED);
    }

    @Test
    void investigationRefundsALostParcel() {
        // given: the order is with the courier
        ProcessInstance order = shippedOrder();

        execute(job(Elements.TIMER_DELIVERY_OVERDUE, order));

        // when
        complete(task(order), withVariables(Variables.INVESTIGATION_OUTCOME, InvestigationOutcome.REFUND.name()));
        execute(job(order));

        // then
        assertThat(order).hasPassed(Elements.TASK_CANCEL_PARCEL_LOST, Elements.END_ORDER_CANCELLED).isEnded();
        assertThat(delegates.cancellationReasons).containsExactly("PARCEL_LOST");
    }

    @Test
    void customerCancellationInterruptsWhateverIsGoingOn() {
        // given: an order waiting in discrepancy review
        delegates.priceMismatch = true;
        ProcessInstance order = startedOrder();

        // when
        runtimeService().createMessageCorrelation(Messages.CANCELLATION_REQUESTED).processInstanceBusinessKey(orderId)
                .setVariable(Variables.CANCELLATION_NOTE, "changed my mind").correlate();

        // then: the review is gone, the stock is released, and the refund runs in its own transaction
        assertThat(order).hasPassed(Elements.START_CANCELLATION_REQUESTED, Elements.TASK_CANCEL_ON_REQUEST)
                .isWaitingAt(Elements.TASK_REFUND_ON_REQUEST);
        assertThat(delegates.cancellationReasons).containsExactly("CUSTOMER_REQUEST");

        // when
        execute(job(order));

        // then
        assertThat(order).hasPassed(Elements.TASK_NOTIFY_CANCELLED_ON_REQUEST, Elements.END_CANCELLED_ON_REQUEST)
                .isEnded();
        assertThat(delegates.notificationsSent).endsWith("CANCELLED");
        assertThat(delegates.stepsRun).doesNotContain(Beans.CHECK_INVENTORY);
    }

    private ProcessInstance placeOrder() {
        return runtimeService().startProcessInstanceByKey(OrderFulfillmentProcess.PROCESS_KEY, orderId,
                withVariables(Variables.ORDER_ID, orderId));
    }

    /** An order past its start event: the first job has run. */
    private ProcessInstance startedOrder() {
        ProcessInstance order = placeOrder();
        execute(job(order));
        return order;
    }

    private ProcessInstance shippedOrder() {
        ProcessInstance order = startedOrder();
        execute(job(order));
        execute(job(order));
        return order;
    }

    private void correlate(String message) {
        runtimeService().createMessageCorrelation(message).processInstanceBusinessKey(orderId).correlate();
    }

    private void decideStock(StockDecision decision) {
        runtimeService().createMessageCorrelation(Messages.STOCK_DECISION_RECEIVED).processInstanceBusinessKey(orderId)
                .setVariable(Variables.STOCK_DECISION, decision.name()).correlate();
    }
}
