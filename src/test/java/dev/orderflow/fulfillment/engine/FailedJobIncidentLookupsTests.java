package dev.orderflow.fulfillment.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderflow.support.LocalRunTest;
import dev.orderflow.support.OrderflowApi;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Deleting a job that ran fine skips Camunda's look-up of its failed-job incidents only where there can be none: an
 * incident of a job without retries still goes when its retries go up.
 */
class FailedJobIncidentLookupsTests extends LocalRunTest {

    @Autowired
    RuntimeService runtime;

    @Autowired
    ManagementService management;

    @Autowired
    JdbcClient jdbc;

    String instanceId;
    String timerId;

    @BeforeEach
    void anOrderWaitingForItsCustomersAnswer() {
        jdbc.sql("""
                insert into product (sku, name, unit_price, weight_grams, length_mm, width_mm, height_mm, bin_location)
                select 'INCIDENT-LOOKUP-1', 'Test lamp', 9.00, 300, 100, 100, 50, 'Z-96-96' from (values (1)) as one(x)
                 where not exists (select 1 from product where sku = 'INCIDENT-LOOKUP-1')
                """).update();
        jdbc.sql("""
                insert into stock (sku, on_hand, reserved) select 'INCIDENT-LOOKUP-1', 0, 0 from (values (1)) as one(x)
                 where not exists (select 1 from stock where sku = 'INCIDENT-LOOKUP-1')
                """).update();
        String orderId = api.placed(OrderflowApi.order("INCIDENT-LOOKUP-1", 1, "9.00"));
        api.awaitStatus(orderId, "AWAITING_STOCK_DECISION");
        instanceId = runtime.createProcessInstanceQuery().processInstanceBusinessKey(orderId).singleResult().getId();
        timerId = management.createJobQuery().processInstanceId(instanceId).singleResult().getId();
    }

    @Test
    void anIncidentGoesWhenItsJobGetsRetriesAgain() {
        // given
        management.setJobRetries(timerId, 0);
        assertThat(runtime.createIncidentQuery().processInstanceId(instanceId).count()).isOne();

        // when
        management.setJobRetries(timerId, 1);

        // then
        assertThat(runtime.createIncidentQuery().processInstanceId(instanceId).count()).isZero();
    }
}
