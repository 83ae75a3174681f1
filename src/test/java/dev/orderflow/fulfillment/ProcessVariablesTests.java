package dev.orderflow.fulfillment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.HashMap;
import java.util.Map;

import dev.orderflow.fulfillment.OrderFulfillmentProcess.Variables;
import dev.orderflow.notification.NotificationType;
import dev.orderflow.order.CancellationReason;
import dev.orderflow.shipping.CourierNews;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.value.StringValue;
import org.junit.jupiter.api.Test;

/** Typed reads of process variables, without an engine: the right value, or an error that names the variable. */
class ProcessVariablesTests {

    private final Map<String, Object> variables = new HashMap<>();
    private final VariableScope scope = scopeOf(variables);

    @Test
    void anEnumVariableIsReadAsItsConstant() {
        variables.put(Variables.NOTIFICATION_TYPE, NotificationType.OUT_OF_STOCK.name());
        variables.put(Variables.CANCELLATION_REASON, CancellationReason.values()[0].name());

        assertThat(ProcessVariables.notificationType(scope)).isEqualTo(NotificationType.OUT_OF_STOCK);
        assertThat(ProcessVariables.cancellationReason(scope)).isEqualTo(CancellationReason.values()[0]);
    }

    @Test
    void aMissingRequiredVariableIsAnErrorNamingIt() {
        assertThatThrownBy(() -> ProcessVariables.notificationType(scope))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith(Variables.NOTIFICATION_TYPE + " must be one of [")
                .hasMessageEndingWith(", not null");
    }

    @Test
    void anUnknownConstantIsAnErrorNamingTheVariableTheValueAndTheAllowedValues() {
        variables.put(Variables.CANCELLATION_REASON, "BORED");

        assertThatThrownBy(() -> ProcessVariables.cancellationReason(scope))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage(Variables.CANCELLATION_REASON + " must be one of "
                        + ProcessVariables.allowed(CancellationReason.class) + ", not 'BORED'");
    }

    @Test
    void aVariableOfTheWrongTypeIsAnErrorNamingIt() {
        variables.put(Variables.NOTIFICATION_TYPE, 42);
        variables.put(Variables.COURIER, 7L);

        assertThatThrownBy(() -> ProcessVariables.notificationType(scope))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(Variables.NOTIFICATION_TYPE)
                .hasMessageEndingWith(", not 42");
        assertThatThrownBy(() -> ProcessVariables.courier(scope))
                .isInstanceOf(IllegalStateException.class).hasMessage(Variables.COURIER + " must be text, not 7");
    }

    @Test
    void requiredTextIsReadAndAMissingOneNamed() {
        variables.put(Variables.COURIER, "PARCELCO");

        assertThat(ProcessVariables.courier(scope)).isEqualTo("PARCELCO");
        assertThatThrownBy(() -> ProcessVariables.serviceLevel(scope))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage(Variables.SERVICE_LEVEL + " must be text, not null");
    }

    @Test
    void optionalTextIsEmptyWhenMissingOrNotTextAndABlankCommentIsNone() {
        variables.put(Variables.CANCELLATION_NOTE, "changed my mind");
        variables.put(Variables.REVIEW_COMMENT, "  ");
        variables.put(Variables.REVIEW_REASONS, 3);

        assertThat(ProcessVariables.cancellationNote(scope)).contains("changed my mind");
        assertThat(ProcessVariables.reviewComment(scope)).isEmpty();
        assertThat(ProcessVariables.reviewReasons(scope)).isEmpty();
    }

    @Test
    void aDecisionIsReadLenientlyAgainstItsEnum() {
        variables.put(Variables.REVIEW_DECISION, "APPROVE");
        variables.put(Variables.SHORTAGE_DECISION, "wait");

        assertThat(ProcessVariables.decision(scope, Variables.REVIEW_DECISION, ReviewDecision.class))
                .contains(ReviewDecision.APPROVE);
        assertThat(ProcessVariables.decision(scope, Variables.SHORTAGE_DECISION, ShortageDecision.class)).isEmpty();
        assertThat(ProcessVariables.decision(scope, Variables.INVESTIGATION_OUTCOME, InvestigationOutcome.class))
                .isEmpty();
    }

    @Test
    void courierNewsIsWrittenAsATransientName() {
        ProcessVariables.setCourierNews(scope, CourierNews.DELIVERED);

        assertThat(variables.get(Variables.COURIER_NEWS)).isInstanceOfSatisfying(StringValue.class, value -> {
            assertThat(value.getValue()).isEqualTo("DELIVERED");
            assertThat(value.isTransient()).isTrue();
        });
    }

    /** A variable scope backed by a map: what the engine would hand a delegate, without an engine. */
    static VariableScope scopeOf(Map<String, Object> variables) {
        VariableScope scope = mock(VariableScope.class);
        when(scope.getVariable(anyString())).thenAnswer(call -> variables.get(call.<String>getArgument(0)));
        doAnswer(call -> variables.put(call.getArgument(0), call.getArgument(1)))
                .when(scope).setVariable(anyString(), any());
        return scope;
    }
}
