package dev.orderflow.fulfillment;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

import dev.orderflow.fulfillment.OrderFulfillmentProcess.Variables;
import dev.orderflow.inventory.InventoryService;
import dev.orderflow.inventory.ReservationResult;
import dev.orderflow.order.OrderLifecycle;
import dev.orderflow.order.OrderView;
import dev.orderflow.order.OutOfStockPolicy;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Reserves every line of the order, or none; {@code stockReserved} tells the process which. An order short
 * of stock waits for its customer's decision.
 */
@Component(OrderFulfillmentProcess.Beans.CHECK_INVENTORY)
class CheckInventoryDelegate implements JavaDelegate {

    private final OrderLifecycle lifecycle;
    private final InventoryService inventory;
    private final OutOfStockPolicy outOfStock;
    private final Clock clock;

    CheckInventoryDelegate(OrderLifecycle lifecycle, InventoryService inventory, OutOfStockPolicy outOfStock,
            Clock clock) {
        this.lifecycle = lifecycle;
        this.inventory = inventory;
        this.outOfStock = outOfStock;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        UUID orderId = ProcessOrders.orderId(execution);
        // the order's row first, then stock (docs/decisions/lock-order.md)
        OrderView order = lifecycle.lockForFulfillment(orderId);
        ReservationResult result = inventory.reserve(orderId, ProcessOrders.stockLines(order));
        // only the next gateway reads it, in this transaction
        ProcessVariables.setForTheDiagram(execution, Variables.STOCK_RESERVED,
                org.camunda.bpm.engine.variable.Variables.booleanValue(result.reserved(), true));
        if (result.reserved()) {
            lifecycle.note(orderId, "All your items are in stock and set aside for you.");
        } else {
            // the customer's deadline, shown to them; the diagram's timer counts the same timeout from now
            Instant answerBy = clock.instant().plus(outOfStock.decisionTimeout());
            execution.setVariable(Variables.STOCK_DECISION_DEADLINE, Date.from(answerBy));
            lifecycle.awaitStockDecision(orderId, order.lines().stream()
                    .filter(line -> result.unavailableSkus().contains(line.sku())).toList(), answerBy);
        }
    }
}
