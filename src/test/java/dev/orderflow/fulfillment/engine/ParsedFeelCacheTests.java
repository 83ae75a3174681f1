package dev.orderflow.fulfillment.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

import org.camunda.bpm.dmn.feel.impl.FeelEngine;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngine;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The caching FEEL engine decides exactly as Camunda's own: same value, or the same error, for the expressions
 * our decision tables use and for the forms an analyst may write next, on every kind of input.
 */
class ParsedFeelCacheTests {

    private static final List<Object> INPUTS = Arrays.asList(true, false, null, 0, 250, 249.999, 999.99, 1000,
            1000.0, 1000.01, 30001L, -5, (short) 3, new java.math.BigDecimal("1000.000"), Double.NaN, 1e300, "DE",
            "GB", "true", "1000", "", "d\u00e9");

    private final FeelEngine camunda = new ScalaFeelEngine(List.of());
    private final FeelEngine cached = new ParsedFeelCache.CachingFeelEngine(List.of());

    static List<String> unaryTests() {
        return List.of("true", "false", " true ", "> 1000", ">= 250", "< 0", "<= -5", "> 1000.005", ">= 30000",
                "[1..1000]", "\"DE\"", "\"DE\",\"AT\"", "\"DE\" , \"AT\"", "not(\"AT\",\"BE\",\"DE\")",
                "not( \"GB\" )", "not(\"DE\"", "\"DE\")", "\"\"", "-", "null", "not(true)", "> ", "\"unclosed",
                "> 1e3", "\"a\\\"b\"");
    }

    static List<String> expressions() {
        return List.of("priceMismatch", "orderTotal", "destinationCountry", "orderTotal * 2", "orderTotal > 1000",
                "missingVariable", "not", "true", "\"literal\"", "orderTotal +");
    }

    @ParameterizedTest
    @MethodSource("unaryTests")
    void unaryTestsMatchCamundasEngineForEveryInput(String test) {
        for (Object input : INPUTS) {
            VariableMap variables = Variables.createVariables().putValue("cellInput", input);
            for (int round = 0; round < 2; round++) {
                assertThat(outcome(() -> cached.evaluateSimpleUnaryTests(test, "cellInput", variables.asVariableContext())))
                        .as("%s with input %s (round %d)", test, input, round)
                        .isEqualTo(outcome(() -> camunda.evaluateSimpleUnaryTests(test, "cellInput",
                                variables.asVariableContext())));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("expressions")
    void inputExpressionsMatchCamundasEngine(String expression) {
        VariableMap variables = Variables.createVariables().putValue("priceMismatch", true)
                .putValue("orderTotal", 1250.5).putValue("destinationCountry", "DE");
        for (int round = 0; round < 2; round++) {
            assertThat(outcome(() -> cached.evaluateSimpleExpression(expression, variables.asVariableContext())))
                    .as("%s (round %d)", expression, round)
                    .isEqualTo(outcome(() -> camunda.evaluateSimpleExpression(expression, variables.asVariableContext())));
        }
    }

    @Test
    void everyInputEntryOfOurDecisionTablesIsDecidedWithoutTheInterpreter() throws Exception {
        List<String> entries = new ArrayList<>();
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of("bpmn"))) {
            for (var file : files.filter(path -> path.toString().endsWith(".dmn")).toList()) {
                var model = org.camunda.bpm.model.dmn.Dmn.readModelFromFile(file.toFile());
                model.getModelElementsByType(org.camunda.bpm.model.dmn.instance.InputEntry.class).stream()
                        .map(entry -> entry.getText().getTextContent().strip())
                        .filter(text -> !text.isEmpty() && !text.equals("-"))
                        .forEach(entries::add);
            }
        }

        assertThat(entries).isNotEmpty()
                .allSatisfy(entry -> assertThat(SimpleUnaryTest.parse(entry)).as(entry).isPresent());
    }

    @Test
    void aVariableNamedLikeAFeelWordIsNotTakenForAName() {
        assertThat(ParsedFeelCache.CachingFeelEngine.isVariableName("orderTotal")).isTrue();
        assertThat(ParsedFeelCache.CachingFeelEngine.isVariableName("not")).isFalse();
        assertThat(ParsedFeelCache.CachingFeelEngine.isVariableName("order total")).isFalse();
        assertThat(ParsedFeelCache.CachingFeelEngine.isVariableName("a.b")).isFalse();
    }

    /** The value as a comparable string (numbers by value), or the exception's type and message. */
    private static List<String> outcome(Supplier<Object> evaluation) {
        List<String> outcome = new ArrayList<>();
        try {
            Object value = evaluation.get();
            outcome.add(value instanceof Number number ? "number " + new java.math.BigDecimal(number.toString())
                    .stripTrailingZeros().toPlainString() : String.valueOf(value));
        } catch (RuntimeException failed) {
            outcome.add(failed.getClass().getName());
            outcome.add(String.valueOf(failed.getMessage()));
        }
        return outcome;
    }
}
