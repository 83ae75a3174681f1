package dev.orderflow.fulfillment;

import dev.orderflow.fulfillment.OrderFulfillmentProcess.Variables;
import dev.orderflow.order.OrderPlaced;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Starts the lifecycle of a placed order inside the transaction that stored it. The start event is
 * {@code asyncAfter}: this only writes the instance and its first job, and the API answers after that commit.
 */
@Component
class OrderProcessStarter {

    private final RuntimeService runtime;

    OrderProcessStarter(RuntimeService runtime) {
        this.runtime = runtime;
    }

    @EventListener
    void on(OrderPlaced placed) {
        String orderId = placed.orderId().toString();
        runtime.createProcessInstanceByKey(OrderFulfillmentProcess.PROCESS_KEY)
                .businessKey(orderId)
                .setVariable(Variables.ORDER_ID, orderId)
                .execute();
    }
}
