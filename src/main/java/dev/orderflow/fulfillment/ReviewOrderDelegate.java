package dev.orderflow.fulfillment;

import java.util.UUID;

import dev.orderflow.fulfillment.OrderFulfillmentProcess.Variables;
import dev.orderflow.order.OrderReviewService;
import dev.orderflow.order.ReviewFacts;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Runs the automatic accuracy checks and hands their findings to the process as plain variables. */
@Component(OrderFulfillmentProcess.Delegates.REVIEW_ORDER)
class ReviewOrderDelegate implements JavaDelegate {

    private final OrderReviewService review;

    ReviewOrderDelegate(OrderReviewService review) {
        this.review = review;
    }

    @Override
    public void execute(DelegateExecution execution) {
        UUID orderId = ProcessOrders.orderId(execution);
        ReviewFacts facts = review.check(orderId);
        execution.setVariable(Variables.PRICE_MISMATCH, facts.priceMismatch());
        execution.setVariable(Variables.ADDRESS_INCOMPLETE, facts.addressIncomplete());
        execution.setVariable(Variables.QUANTITY_ABOVE_LIMIT, facts.quantityAboveLimit());
        execution.setVariable(Variables.ORDER_TOTAL, facts.total().doubleValue());
    }
}
