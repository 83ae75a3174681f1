package dev.orderflow.fulfillment;

import java.util.stream.Collectors;

import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.springframework.stereotype.Component;

/**
 * Turns the matched rules of the review decision into one line for the reviewer's form and the internal notes:
 * {@code ${reviewText.reasons(decisionResult)}} in the diagram's output mapping.
 */
@Component(OrderFulfillmentProcess.Beans.REVIEW_TEXT)
public class ReviewText {

    /**
     * The reasons of every matched rule of the review decision, in rule order, joined with {@code "; "}; an empty
     * string when no rule matched.
     */
    public String reasons(DmnDecisionResult result) {
        return result.collectEntries(OrderFulfillmentProcess.Decisions.ORDER_REVIEW_REASON_OUTPUT).stream()
                .map(String::valueOf).collect(Collectors.joining("; "));
    }
}
