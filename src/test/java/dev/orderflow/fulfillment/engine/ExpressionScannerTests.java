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

    private static List<String> roots(String text) {
        return ExpressionScanner.references(text).stream().map(ExpressionScanner.Reference::root).toList();
    }
}
