package dev.orderflow.fulfillment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import dev.orderflow.fulfillment.OrderFulfillmentProcess.Variables;
import dev.orderflow.support.LocalRunTest;
import dev.orderflow.support.OrderflowApi;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A staff task an earlier version opened, without a card, gets one at the next start. */
class TaskCardUpgradeTests extends LocalRunTest {

    @Autowired
    TaskService tasks;

    @Autowired
    TaskCard cards;

    @Test
    void anOpenTaskWithoutACardGetsOneAtStart() {
        // given: a review whose card an earlier version did not write
        String orderId = api.placed(OrderflowApi.order("MUG-ECO-01", 1, "9.99").replace("SHOP-IT", "SHOP-OLD-1"));
        api.awaitStatus(orderId, "UNDER_REVIEW");
        Task review = tasks.createTaskQuery().processInstanceBusinessKey(orderId).singleResult();
        tasks.removeVariablesLocal(review.getId(), List.of(Variables.CARD_SHOP_REFERENCE, Variables.CARD_CUSTOMER,
                Variables.CARD_TOTAL, Variables.CARD_TASK_REASON, Variables.CARD_ORDER_HISTORY));
        assertThat(tasks.getVariablesLocal(review.getId())).isEmpty();

        // when: the service starts again
        cards.writeMissingCards();

        // then
        assertThat(tasks.getVariablesLocal(review.getId()))
                .containsEntry(Variables.CARD_SHOP_REFERENCE, "SHOP-OLD-1")
                .containsEntry(Variables.CARD_CUSTOMER, "Ada Lovelace")
                .containsEntry(Variables.CARD_TOTAL, "€9.99")
                .containsEntry(Variables.CARD_TASK_REASON, "Unit price differs from the catalog")
                .containsKey(Variables.CARD_ORDER_HISTORY);
    }
}
