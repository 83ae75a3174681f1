package dev.orderflow.order;

import static org.awaitility.Awaitility.await;

import java.time.Duration;

import dev.orderflow.fulfillment.OrderFulfillmentProcess.Elements;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;

/** The customer's time to answer runs out now: for tests of what the default decision does and says. */
final class StockDecisionTimers {

    private StockDecisionTimers() {
    }

    /** Waits (up to 30 s) for the order's stock-decision timer and executes it as if it fell due. */
    static void fire(RuntimeService runtime, ManagementService management, String orderId) {
        String process = runtime.createProcessInstanceQuery().processInstanceBusinessKey(orderId).singleResult()
                .getId();
        Job timer = await().atMost(Duration.ofSeconds(30)).until(() -> management.createJobQuery()
                .processInstanceId(process).activityId(Elements.TIMER_STOCK_DECISION_TIMEOUT).singleResult(),
                job -> job != null);
        management.executeJob(timer.getId());
    }
}
