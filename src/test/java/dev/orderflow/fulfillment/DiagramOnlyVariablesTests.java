package dev.orderflow.fulfillment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import dev.orderflow.fulfillment.OrderFulfillmentProcess.Variables;
import dev.orderflow.support.LocalRunTest;
import dev.orderflow.support.OrderflowApi;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Variables only the diagram reads right after the step that sets them ({@code stockReserved} at the stock gateway,
 * {@code parcelWeightGrams} in the courier selection) are not stored; what later steps, forms and timers read is.
 */
class DiagramOnlyVariablesTests extends LocalRunTest {

    @Autowired
    RuntimeService runtime;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aShippedOrderKeepsWhatLaterStepsReadButNotTheOneStepInputsOfTheDiagram() {
        // given
        product("DIAGRAM-VARS-1", 5);

        // when
        String orderId = api.placed(OrderflowApi.order("DIAGRAM-VARS-1", 1, "12.00"));
        api.awaitStatus(orderId, "SHIPPED");

        // then: the courier chosen by the weight and the deadline of the delivery wait are there, the inputs not
        Map<String, Object> variables = runtime.getVariables(instanceOf(orderId));
        assertThat(variables).containsKeys(Variables.ORDER_ID, Variables.COURIER, Variables.SERVICE_LEVEL,
                Variables.TRACKING_NUMBER, Variables.DELIVERY_DEADLINE, Variables.DESTINATION_COUNTRY)
                .doesNotContainKeys(Variables.STOCK_RESERVED, Variables.PARCEL_WEIGHT_GRAMS);
    }

    @Test
    void anOrderThatStoredTheStockAnswerInAnEarlierVersionGoesOnWhenRestocked() {
        // given: an order waiting for restock that stored stockReserved, as versions before this one did
        product("DIAGRAM-VARS-2", 0);
        String orderId = api.placed(OrderflowApi.order("DIAGRAM-VARS-2", 1, "12.00"));
        api.awaitStatus(orderId, "AWAITING_STOCK_DECISION");
        runtime.setVariable(instanceOf(orderId), Variables.STOCK_RESERVED, false);
        api.decideStock(orderId, "WAIT");
        api.awaitStatus(orderId, "AWAITING_RESTOCK");

        // when
        api.restock("DIAGRAM-VARS-2", 1);

        // then: the stock check runs again, keeps the stored variable stored, and the order ships
        api.awaitStatus(orderId, "SHIPPED");
        assertThat(runtime.getVariable(instanceOf(orderId), Variables.STOCK_RESERVED)).isEqualTo(true);
    }

    private String instanceOf(String orderId) {
        return runtime.createProcessInstanceQuery().processInstanceBusinessKey(orderId).singleResult().getId();
    }

    private void product(String sku, int onHand) {
        jdbc.sql("""
                insert into product (sku, name, unit_price, weight_grams, length_mm, width_mm, height_mm, bin_location)
                select :sku, 'Test candle', 12.00, 300, 100, 100, 50, 'Z-97-97' from (values (1)) as one(x)
                 where not exists (select 1 from product where sku = :sku)
                """).param("sku", sku).update();
        jdbc.sql("""
                insert into stock (sku, on_hand, reserved) select :sku, :onHand, 0 from (values (1)) as one(x)
                 where not exists (select 1 from stock where sku = :sku)
                """).param("sku", sku).param("onHand", onHand).update();
    }
}
