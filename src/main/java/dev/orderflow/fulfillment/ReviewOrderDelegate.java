package dev.orderflow.fulfillment;

import java.util.UUID;

import dev.orderflow.fulfillment.OrderFulfillmentProcess.Variables;
import dev.orderflow.inventory.InventoryService;
import dev.orderflow.order.OrderReviewService;
import dev.orderflow.order.OrderLifecycle;
import dev.orderflow.order.OrderQueries;
import dev.orderflow.order.OrderView;
import dev.orderflow.order.ReviewFacts;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Runs the automatic accuracy checks and hands their findings to the process as plain variables: the
 * inputs of the review decision, and what a reviewer's form shows.
 */
@Component(OrderFulfillmentProcess.Beans.REVIEW_ORDER)
class ReviewOrderDelegate implements JavaDelegate {

    private final OrderReviewService review;
    private final OrderQueries orders;
    private final OrderLifecycle lifecycle;
    private final InventoryService inventory;

    ReviewOrderDelegate(OrderReviewService review, OrderQueries orders, OrderLifecycle lifecycle,
            InventoryService inventory) {
        this.review = review;
        this.orders = orders;
        this.lifecycle = lifecycle;
        this.inventory = inventory;
    }

    @Override
    public void execute(DelegateExecution execution) {
        UUID orderId = ProcessOrders.orderId(execution);
        OrderView order = orders.forFulfillment(orderId);
        ReviewFacts facts = review.check(order, inventory.products(ProcessOrders.skus(order)));
        execution.setVariable(Variables.CUSTOMER_NAME, order.customer().name());
        execution.setVariable(Variables.CUSTOMER_EMAIL, order.customer().email());
        execution.setVariable(Variables.DESTINATION_COUNTRY, order.shippingAddress().country());
        execution.setVariable(Variables.PRICE_MISMATCH, facts.priceMismatch());
        execution.setVariable(Variables.ADDRESS_INCOMPLETE, facts.addressIncomplete());
        execution.setVariable(Variables.QUANTITY_ABOVE_LIMIT, facts.quantityAboveLimit());
        execution.setVariable(Variables.ORDER_TOTAL, facts.total().doubleValue());
        execution.setVariable(Variables.REVIEW_LINES, String.join("\n", facts.lines()));
        // findings put the order under review (order-review.dmn): the review's opening internal note shows them
        execution.setVariable(Variables.REVIEW_FINDINGS, String.join("; ", facts.findings()));
        if (facts.findings().isEmpty()) {
            lifecycle.internalNote(orderId, "Automatic checks passed");
        }
    }
}
