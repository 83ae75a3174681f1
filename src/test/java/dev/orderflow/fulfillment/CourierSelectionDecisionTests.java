package dev.orderflow.fulfillment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;

import dev.orderflow.fulfillment.OrderFulfillmentProcess.Decisions;
import dev.orderflow.fulfillment.OrderFulfillmentProcess.Variables;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The courier rules analysts edit in {@code bpmn/courier-selection.dmn}, row by row. */
class CourierSelectionDecisionTests {

    private static DmnEngine dmn;
    private static DmnDecision decision;

    @BeforeAll
    static void parseTable() throws Exception {
        dmn = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
        try (InputStream table = CourierSelectionDecisionTests.class
                .getResourceAsStream("/" + Decisions.COURIER_SELECTION_RESOURCE)) {
            decision = dmn.parseDecision(Decisions.COURIER_SELECTION, table);
        }
    }

    @ParameterizedTest(name = "{0} g to {1}, total {2} -> {3} {4}")
    @CsvSource(delimiter = '|', textBlock = """
              760 | DE |   25.00 | simulated | STANDARD
            30000 | DE |   25.00 | simulated | STANDARD
            30001 | DE |   25.00 | simulated | FREIGHT
            30001 | US |  900.00 | simulated | FREIGHT
              760 | GB |   25.00 | simulated | INTERNATIONAL
              760 | US |  900.00 | simulated | INTERNATIONAL
              760 | FR |  249.99 | simulated | STANDARD
              760 | FR |  250.00 | simulated | EXPRESS_INSURED
            """)
    void courierAndServiceLevelFollowTheTable(int weightGrams, String country, double total, String courier,
            String serviceLevel) {
        var facts = org.camunda.bpm.engine.variable.Variables.createVariables()
                .putValue(Variables.PARCEL_WEIGHT_GRAMS, weightGrams)
                .putValue(Variables.DESTINATION_COUNTRY, country)
                .putValue(Variables.ORDER_TOTAL, total);

        var choice = dmn.evaluateDecision(decision, facts).getSingleResult();

        assertThat((String) choice.getEntry(Variables.COURIER)).isEqualTo(courier);
        assertThat((String) choice.getEntry(Variables.SERVICE_LEVEL)).isEqualTo(serviceLevel);
    }
}
