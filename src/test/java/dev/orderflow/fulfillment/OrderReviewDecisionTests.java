package dev.orderflow.fulfillment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.List;

import dev.orderflow.fulfillment.OrderFulfillmentProcess.Decisions;
import dev.orderflow.fulfillment.OrderFulfillmentProcess.Variables;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.variable.VariableMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The review rules analysts edit in {@code bpmn/order-review.dmn}, row by row. */
class OrderReviewDecisionTests {

    private static DmnEngine dmn;
    private static DmnDecision decision;

    @BeforeAll
    static void parseTable() throws Exception {
        dmn = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
        try (InputStream table = OrderReviewDecisionTests.class.getResourceAsStream("/" + Decisions.ORDER_REVIEW_RESOURCE)) {
            decision = dmn.parseDecision(Decisions.ORDER_REVIEW, table);
        }
    }

    @ParameterizedTest(name = "price mismatch {0}, address incomplete {1}, above limit {2}, total {3} -> [{4}]")
    @CsvSource(delimiter = '|', nullValues = "none", textBlock = """
            false | false | false |   25.00 | none
            true  | false | false |   25.00 | Unit price differs from the catalog
            false | true  | false |   25.00 | Shipping address incomplete
            false | false | true  |   25.00 | Quantity above the per-order limit
            false | false | false | 1000.00 | none
            false | false | false | 1000.01 | Order total above 1000.00
            true  | true  | false | 1500.00 | Unit price differs from the catalog; Shipping address incomplete; Order total above 1000.00
            """)
    void reviewReasonsFollowTheTable(boolean priceMismatch, boolean addressIncomplete, boolean quantityAboveLimit,
            double total, String expectedReasons) {
        VariableMap facts = org.camunda.bpm.engine.variable.Variables.createVariables()
                .putValue(Variables.PRICE_MISMATCH, priceMismatch)
                .putValue(Variables.ADDRESS_INCOMPLETE, addressIncomplete)
                .putValue(Variables.QUANTITY_ABOVE_LIMIT, quantityAboveLimit)
                .putValue(Variables.ORDER_TOTAL, total);

        var result = dmn.evaluateDecision(decision, facts);

        List<String> reasons = result.collectEntries(OrderFulfillmentProcess.Decisions.ORDER_REVIEW_REASON_OUTPUT);
        assertThat(new ReviewText().reasons(result)).isEqualTo(expectedReasons == null ? "" : expectedReasons);
        assertThat(reasons.isEmpty()).isEqualTo(expectedReasons == null);
    }

}
