package dev.orderflow.fulfillment;

import java.util.Arrays;
import java.util.Date;
import java.util.Optional;

import dev.orderflow.fulfillment.OrderFulfillmentProcess.Variables;
import dev.orderflow.notification.NotificationType;
import dev.orderflow.order.CancellationReason;
import dev.orderflow.order.StockDecisionSource;
import dev.orderflow.shipping.CourierNews;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.value.TypedValue;

/**
 * Typed reads of the process variables that delegates and listeners use, so that no step casts what the engine
 * returns. An execution and a task are both a {@link VariableScope}. Variables whose value only the diagram reads
 * ({@code stockDecision}, {@code parcelWeightGrams}) have no accessor of their value; staff decisions are read with
 * {@link #decision}, against their enum.
 * <p>
 * A decision or other enum variable is stored as the constant's name. A required variable that is missing or
 * holds something else is a modelling or data error, not a business outcome: it throws
 * {@link IllegalStateException} naming the variable, the value and the allowed values, and so becomes an
 * incident with that message. {@link #decision} is the lenient read for checking what staff submitted.
 */
final class ProcessVariables {

    private ProcessVariables() {
    }

    /** The notification a notification task sends (its {@code notificationType} input). */
    static NotificationType notificationType(VariableScope scope) {
        return required(scope, Variables.NOTIFICATION_TYPE, NotificationType.class);
    }

    /** Why a cancel task cancels (its {@code cancellationReason} input). */
    static CancellationReason cancellationReason(VariableScope scope) {
        return required(scope, Variables.CANCELLATION_REASON, CancellationReason.class);
    }

    /** What the customer wrote when cancelling; empty when nothing. */
    static Optional<String> cancellationNote(VariableScope scope) {
        return text(scope, Variables.CANCELLATION_NOTE);
    }

    /** The reviewer's comment; empty when none or blank. */
    static Optional<String> reviewComment(VariableScope scope) {
        return text(scope, Variables.REVIEW_COMMENT).filter(comment -> !comment.isBlank());
    }

    /** The review decision table's reasons, one line; empty when the table gave none. */
    static Optional<String> reviewReasons(VariableScope scope) {
        return text(scope, Variables.REVIEW_REASONS);
    }

    /** What the automatic checks found, one line; empty when nothing. */
    static String reviewFindings(VariableScope scope) {
        return text(scope, Variables.REVIEW_FINDINGS).orElse("");
    }

    /**
     * The staff decision that led to the current step (who decided what, see {@link Variables#STAFF_DECISION}),
     * taken: it is removed, so that it appears in one internal note only. Null when no staff decision led here.
     */
    static String takeStaffDecision(VariableScope scope) {
        String decision = text(scope, Variables.STAFF_DECISION).orElse(null);
        if (scope.hasVariable(Variables.STAFF_DECISION)) {
            scope.removeVariable(Variables.STAFF_DECISION);
        }
        return decision;
    }

    /**
     * Who decided how the out-of-stock order goes on, taken: a staff decision after a pick shortage (see
     * {@link #takeStaffDecision}), else the customer's answer ({@code stockDecision}, removed so that a later round
     * of the question starts without one), else nobody in time: the diagram's default after the timer, with the
     * deadline the customer was given ({@code stockDecisionDeadline}; now when it is missing, as in orders that
     * asked before it was kept).
     */
    static StockDecisionSource takeStockDecisionSource(VariableScope scope) {
        String staff = takeStaffDecision(scope);
        if (staff != null) {
            return StockDecisionSource.staff(staff);
        }
        if (scope.hasVariable(Variables.STOCK_DECISION)) {
            scope.removeVariable(Variables.STOCK_DECISION);
            return StockDecisionSource.customer();
        }
        return StockDecisionSource.noAnswerBy(scope.getVariable(Variables.STOCK_DECISION_DEADLINE) instanceof Date date
                ? date.toInstant() : null);
    }

    /** The courier the selection table chose, by name. */
    static String courier(VariableScope scope) {
        return requiredText(scope, Variables.COURIER);
    }

    /** The service level the selection table chose. */
    static String serviceLevel(VariableScope scope) {
        return requiredText(scope, Variables.SERVICE_LEVEL);
    }

    /**
     * Tells the next gateway what the courier's events mean ({@code courierNews}, the constant's name). Transient:
     * only that gateway reads it, so it is neither stored nor kept in history.
     */
    static void setCourierNews(VariableScope scope, CourierNews news) {
        scope.setVariable(Variables.COURIER_NEWS,
                org.camunda.bpm.engine.variable.Variables.stringValue(news.name(), true));
    }

    /**
     * Sets a variable that only the diagram reads, right after the step and in the same transaction (a gateway's
     * condition, a decision table's input): transient, so it is neither stored nor kept in history, and the
     * transaction writes one variable row fewer. Only for variables no step, form or wait after an async boundary
     * reads. An order that stored the variable in an earlier version (it waits since) keeps it stored and updated:
     * Camunda refuses to turn a stored variable transient.
     */
    static void setForTheDiagram(VariableScope scope, String name, TypedValue value) {
        TypedValue stored = scope.getVariableTyped(name);
        if (stored != null && !stored.isTransient()) {
            scope.setVariable(name, value.getValue());
        } else {
            scope.setVariable(name, value);
        }
    }

    /**
     * The constant of {@code type} named by the variable, or empty when it is missing, not text, or names no
     * constant (exactly spelled): for checking input from staff before a message that says what is allowed.
     */
    static <E extends Enum<E>> Optional<E> decision(VariableScope scope, String name, Class<E> type) {
        return scope.getVariable(name) instanceof String text ? constant(type, text) : Optional.empty();
    }

    /** The names of {@code type}'s constants in declaration order, as a message shows them: [WAIT, REFUND]. */
    static String allowed(Class<? extends Enum<?>> type) {
        return Arrays.toString(Arrays.stream(type.getEnumConstants()).map(Enum::name).toArray());
    }

    private static <E extends Enum<E>> E required(VariableScope scope, String name, Class<E> type) {
        return decision(scope, name, type).orElseThrow(() -> new IllegalStateException(name + " must be one of "
                + allowed(type) + ", not " + describe(scope.getVariable(name))));
    }

    private static String requiredText(VariableScope scope, String name) {
        return text(scope, name).orElseThrow(() -> new IllegalStateException(name + " must be text, not "
                + describe(scope.getVariable(name))));
    }

    private static Optional<String> text(VariableScope scope, String name) {
        return scope.getVariable(name) instanceof String text ? Optional.of(text) : Optional.empty();
    }

    private static <E extends Enum<E>> Optional<E> constant(Class<E> type, String text) {
        return Arrays.stream(type.getEnumConstants()).filter(constant -> constant.name().equals(text)).findFirst();
    }

    private static String describe(Object value) {
        return value instanceof String text ? "'" + text + "'" : String.valueOf(value);
    }
}
