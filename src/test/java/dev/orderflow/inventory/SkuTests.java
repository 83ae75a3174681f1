package dev.orderflow.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The SKU rule is the contract's character set; only the two SKUs no URL can name are refused on top. */
class SkuTests {

    @ParameterizedTest
    @ValueSource(strings = {"MUG-ECO-01", "_MUG", "-MUG", ".MUG", "...", "a..b", "9", "_", "-"})
    void anySkuOfTheContractsCharactersIsValid(String sku) {
        assertThat(Sku.problem(sku)).isEmpty();
        assertThat(sku).matches(Sku.PATTERN);
    }

    @ParameterizedTest
    @ValueSource(strings = {".", ".."})
    void theTwoDotSegmentsAreRefusedSayingWhy(String sku) {
        assertThat(Sku.problem(sku)).hasValueSatisfying(detail -> assertThat(detail).contains("'.'", "'..'", "URL"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "MUG X", "MUG+X", "M\u00dcG", "MUG/1"})
    void otherCharactersOrNothingAreRefused(String sku) {
        assertThat(Sku.problem(sku)).isPresent();
        assertThat(Sku.pathProblem(sku)).hasValueSatisfying(problem -> assertThat(problem.pointer()).isEqualTo("/sku"));
    }

    @ParameterizedTest
    @ValueSource(ints = {64, 65})
    void atMost64Characters(int length) {
        assertThat(Sku.problem("S".repeat(length)).isEmpty()).isEqualTo(length <= Sku.MAX_LENGTH);
    }
}
