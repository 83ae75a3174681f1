package dev.orderflow.fulfillment;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import dev.orderflow.inventory.StockLine;
import dev.orderflow.order.OrderView;
import org.camunda.bpm.engine.delegate.DelegateExecution;

/** Small helpers the delegates share: which order an execution is about, and its lines as stock lines. */
final class ProcessOrders {

    private ProcessOrders() {
    }

    /**
     * The order an execution works on: its process instance's business key, set when the order was placed and
     * changed by nobody. Never a variable: staff could set one (the {@code orderId} variable is for display).
     */
    static UUID orderId(DelegateExecution execution) {
        return UUID.fromString(execution.getProcessBusinessKey());
    }

    /** The SKUs of the order's lines, to read their products from the catalog once per step. */
    static Set<String> skus(OrderView order) {
        return order.lines().stream().map(line -> line.sku()).collect(Collectors.toSet());
    }

    static List<StockLine> stockLines(OrderView order) {
        return order.lines().stream().map(line -> new StockLine(line.sku(), line.quantity())).toList();
    }
}
