package dev.orderflow.fulfillment;

import java.util.List;
import java.util.UUID;

import dev.orderflow.fulfillment.OrderFulfillmentProcess.Variables;
import dev.orderflow.inventory.StockLine;
import dev.orderflow.order.OrderView;
import org.camunda.bpm.engine.delegate.DelegateExecution;

/** Small helpers the delegates share: which order an execution is about, and its lines as stock lines. */
final class ProcessOrders {

    private ProcessOrders() {
    }

    static UUID orderId(DelegateExecution execution) {
        return UUID.fromString((String) execution.getVariable(Variables.ORDER_ID));
    }

    static List<StockLine> stockLines(OrderView order) {
        return order.lines().stream().map(line -> new StockLine(line.sku(), line.quantity())).toList();
    }
}
