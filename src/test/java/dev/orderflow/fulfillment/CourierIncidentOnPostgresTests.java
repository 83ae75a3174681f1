package dev.orderflow.fulfillment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import dev.orderflow.fulfillment.OrderFulfillmentProcess.Elements;
import dev.orderflow.support.OrderflowApi;
import dev.orderflow.support.PostgresIntegrationTest;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Incident;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import dev.orderflow.support.ExpectedLogs;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A courier that keeps failing uses up the retry cycle and leaves an incident that says what happened; once
 * the courier is back, a retry (what operations do in Cockpit) completes the order.
 */
@TestPropertySource(properties = {
        "orderflow.simulation.courier-failures=2",
        "orderflow.retry-cycle=R2/PT0.2S"
})
class CourierIncidentOnPostgresTests extends PostgresIntegrationTest {

    /** the courier is down on purpose: the job executor's reports of failed bookings are expected */
    @RegisterExtension
    static final ExpectedLogs EXPECTED = ExpectedLogs.of("org.camunda.bpm.engine.jobexecutor");

    @Autowired
    RuntimeService runtime;

    @Autowired
    ManagementService management;

    @Test
    void failingCourierBecomesAnIncidentAndARetryShipsTheOrder() {
        // given: the courier refuses the first two bookings; the retry cycle R2 allows two attempts
        String orderId = api.placed(OrderflowApi.order("LAMP-DESK", 1, "49.00"));

        // when: the retries run out
        Incident incident = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> runtime.createIncidentQuery().processInstanceId(instanceOf(orderId)).singleResult(),
                        found -> found != null);

        // then: an incident on the handover step, with the courier's reason, and the order waits packed
        assertThat(incident.getActivityId()).isEqualTo(Elements.TASK_HAND_OVER_TO_COURIER);
        assertThat(incident.getIncidentMessage()).contains("simulated courier refused the booking");
        assertThat(api.get(orderId)).containsEntry("status", "PACKED");

        // when: operations retry it (Cockpit's "Retry" sets the job's retries again)
        management.setJobRetries(incident.getConfiguration(), 1);

        // then
        api.awaitStatus(orderId, "SHIPPED");
        assertThat(runtime.createIncidentQuery().processInstanceId(instanceOf(orderId)).count()).isZero();
    }

    private String instanceOf(String orderId) {
        return runtime.createProcessInstanceQuery().processInstanceBusinessKey(orderId).singleResult().getId();
    }
}
