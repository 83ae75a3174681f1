package dev.orderflow.fulfillment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.util.UUID;

import dev.orderflow.fulfillment.OrderFulfillmentProcess.Delegates;
import dev.orderflow.fulfillment.OrderFulfillmentProcess.Elements;
import dev.orderflow.fulfillment.OrderFulfillmentProcess.Messages;
import dev.orderflow.fulfillment.OrderFulfillmentProcess.Variables;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@Deployment(resources = OrderFulfillmentProcess.RESOURCE)
class OrderFulfillmentProcessTests {

    @RegisterExtension
    static ProcessEngineCoverageExtension engine = ProcessEngineForTests.extension();

    private final String orderId = UUID.randomUUID().toString();
    private DelegateMocks delegates;

    @BeforeEach
    void registerDelegates() {
        delegates = new DelegateMocks().register();
    }

    @AfterEach
    void resetDelegates() {
        DelegateMocks.reset();
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

        // then: confirmed, reviewed, reserved and picked; the courier label waits for its own transaction
        assertThat(order).hasPassedInOrder(Elements.TASK_SEND_CONFIRMATION, Elements.TASK_REVIEW_ORDER,
                Elements.TASK_CHECK_INVENTORY, Elements.TASK_PICK_ITEMS).isWaitingAt(Elements.TASK_PACK_PARCEL);

        // when
        execute(job(order));

        // then: booking the courier is a separate transaction too
        assertThat(order).isWaitingAt(Elements.TASK_HAND_OVER_TO_COURIER);

        // when
        execute(job(order));

        // then
        assertThat(order).hasPassed(Elements.TASK_NOTIFY_SHIPPED).isWaitingAt(Elements.CATCH_ORDER_DELIVERED)
                .variables().containsEntry(Variables.TRACKING_NUMBER, "SIM-TEST0001");

        // when: the courier's webhook reports the delivery
        runtimeService().createMessageCorrelation(Messages.ORDER_DELIVERED)
                .processInstanceBusinessKey(orderId)
                .correlate();

        // then
        assertThat(order).hasPassed(Elements.TASK_NOTIFY_DELIVERED).isEnded()
                .hasPassed(Elements.END_ORDER_DELIVERED);
        assertThat(delegates.notificationsSent).containsExactly("ORDER_CONFIRMED", "SHIPPED", "DELIVERED");
        assertThat(delegates.stepsRun).containsExactly(Delegates.REVIEW_ORDER, Delegates.CHECK_INVENTORY,
                Delegates.PICK_ITEMS, Delegates.PACK_PARCEL, Delegates.HAND_OVER_TO_COURIER);
    }

    @Test
    void courierStepsRunInTheirOwnRetryableJobs() {
        // given
        ProcessInstance order = placeOrder();
        execute(job(order));

        // then: a failing courier call rolls back only its own step, never the reservation before it
        assertThat(job(order)).isNotNull();
        assertThat(order).isWaitingAt(Elements.TASK_PACK_PARCEL);
        assertThat(delegates.stepsRun).doesNotContain(Delegates.PACK_PARCEL);
    }

    private ProcessInstance placeOrder() {
        return runtimeService().startProcessInstanceByKey(OrderFulfillmentProcess.PROCESS_KEY, orderId,
                withVariables(Variables.ORDER_ID, orderId));
    }
}
