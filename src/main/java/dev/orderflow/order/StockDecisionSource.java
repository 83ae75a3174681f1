package dev.orderflow.order;

import java.time.Instant;

/**
 * Who decided how an out-of-stock order goes on (wait for new stock, or cancel with a refund), so that the customer's
 * timeline says what really happened: the customer chose; nobody answered by {@code answerBy} and the shop's default
 * ({@code orderflow.out-of-stock.default-decision}) applied; or staff decided after the warehouse found goods missing
 * on the shelf ({@code staffDecision}: who decided what, for the internal note only).
 */
public record StockDecisionSource(Kind kind, Instant answerBy, String staffDecision) {

    /** Whose decision it was. */
    public enum Kind {
        /** the customer chose WAIT or REFUND */
        CUSTOMER,
        /** the customer did not answer in time: the shop's default applied */
        DEFAULT_AFTER_NO_ANSWER,
        /** staff decided after a pick shortage */
        STAFF
    }

    /** The customer chose. */
    public static StockDecisionSource customer() {
        return new StockDecisionSource(Kind.CUSTOMER, null, null);
    }

    /** The customer had not answered by {@code answerBy}: the default applied. */
    public static StockDecisionSource noAnswerBy(Instant answerBy) {
        return new StockDecisionSource(Kind.DEFAULT_AFTER_NO_ANSWER, answerBy, null);
    }

    /** Staff decided after a pick shortage; {@code decision}: who decided what (null when unknown). */
    public static StockDecisionSource staff(String decision) {
        return new StockDecisionSource(Kind.STAFF, null, decision);
    }
}
