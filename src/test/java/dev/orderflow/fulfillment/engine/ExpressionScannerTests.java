package dev.orderflow.fulfillment.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The names an expression starts from, as the deployment guard checks them: roots only, never what is quoted. */
class ExpressionScannerTests {

    @Test
    void everyRootIsFoundWhateverOperatorOrBracketComesBeforeIt() {
        assertThat(roots("${!noSuchBean.ok}")).containsExactly("noSuchBean");
        assertThat(roots("${(noSuchBean).go()}")).containsExactly("noSuchBean");
        assertThat(roots("${execution.id == null ? 1 : noSuchBean.go()}")).containsExactly("execution",
                "noSuchBean");
        assertThat(roots("#{a+b}-${c}")).containsExactly("a", "b", "c");
    }

    @Test
    void keywordsStringLiteralsNumbersAndPropertiesAreNoRoots() {
        assertThat(roots("${not empty x and y.z eq 'bean.call(other)' or \"}\" ne 1.5e3}")).containsExactly("x", "y");
        assertThat(roots("no expression here: $ { bean }")).isEmpty();
    }

    @Test
    void theBeansPathAndWhatIsCalledAreKept() {
        ExpressionScanner.Reference timer = ExpressionScanner.references("${orderflow.timeouts.delivery}").get(0);
        assertThat(timer.path()).containsExactly("timeouts", "delivery");
        assertThat(timer.calls()).containsExactly(false, false);

        ExpressionScanner.Reference call = ExpressionScanner.references("${reviewText.reasons(decisionResult)}")
                .get(0);
        assertThat(call.path()).containsExactly("reasons");
        assertThat(call.calls()).containsExactly(true);
        assertThat(ExpressionScanner.references("${now()}").get(0).called()).isTrue();
    }

    @Test
    void membersOfWhatIsNotANameAndNamesOfJavaItselfAreMisuses() {
        assertThat(ExpressionScanner.misuses("${''.getClass().forName('java.lang.Runtime')}"))
                .anySatisfy(m -> assertThat(m).contains("'.getClass' of something that is not a name"))
                .anySatisfy(m -> assertThat(m).contains("names 'forName'"));
        assertThat(ExpressionScanner.misuses("${(x).go()}")).singleElement().asString().contains("'.go'");
        assertThat(ExpressionScanner.misuses("${1.toString()}")).singleElement().asString().contains("'.toString'");
        assertThat(ExpressionScanner.misuses("${x['getClass']}")).singleElement().asString()
                .contains("names 'getClass'");
        assertThat(ExpressionScanner.misuses("${'a'['b']}")).singleElement().asString().contains("in brackets");
        assertThat(ExpressionScanner.misuses("${bean.go(a.b).getRuntime()}")).singleElement().asString()
                .contains("names 'getRuntime'");
    }

    @Test
    void whatTheShippedDiagramWritesIsNoMisuse() {
        assertThat(ExpressionScanner.misuses("${decisionResult.getSingleResult().getEntry('courier')} "
                + "${not decisionResult.isEmpty()} ${orderflow.timeouts.delivery} ${reviewText.reasons(decisionResult)}"
                + " ${courierNews == 'DELIVERED'} ${1.5e3 + x[0]} ${now()}")).isEmpty();
    }

    @Test
    void aChainGoesOnAfterACallsResultAndKnowsABracketAtItsEnd() {
        ExpressionScanner.Reference entry = ExpressionScanner
                .references("${decisionResult.getSingleResult().getEntry('courier')}").get(0);
        assertThat(entry.path()).containsExactly("getSingleResult", "getEntry");
        assertThat(entry.calls()).containsExactly(true, true);
        assertThat(ExpressionScanner.references("${execution['processEngineServices']}").get(0).indexed()).isTrue();
        assertThat(ExpressionScanner.references("${execution.id}").get(0).indexed()).isFalse();
    }

    private static List<String> roots(String text) {
        return ExpressionScanner.references(text).stream().map(ExpressionScanner.Reference::root).toList();
    }
}
