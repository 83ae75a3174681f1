package dev.orderflow.order;

import java.util.List;

import dev.orderflow.system.InvalidField;

/**
 * A well-formed order that cannot be accepted as sent: it does not fit the catalog (unknown SKU, another
 * currency; each problem with its JSON Pointer), or its Idempotency-Key was used before for another order.
 * Nothing was stored. The API answers 422.
 */
public class OrderRejectedException extends RuntimeException {

    /** Why the order was refused. */
    public enum Reason {
        /** {@link #problems()} names each line or field that does not fit */
        NOT_IN_CATALOG,
        /** the key was used before with a different request body */
        IDEMPOTENCY_KEY_REUSED
    }

    private final Reason reason;
    private final List<InvalidField> problems;

    OrderRejectedException(Reason reason, String message, List<InvalidField> problems) {
        super(message);
        this.reason = reason;
        this.problems = List.copyOf(problems);
    }

    static OrderRejectedException notInCatalog(List<InvalidField> problems) {
        return new OrderRejectedException(Reason.NOT_IN_CATALOG, problems.get(0).detail(), problems);
    }

    static OrderRejectedException idempotencyKeyReused() {
        return new OrderRejectedException(Reason.IDEMPOTENCY_KEY_REUSED, "this Idempotency-Key was used before with a"
                + " different request body; use a new key for a new order", List.of());
    }

    /** Why the order was refused. */
    public Reason reason() {
        return reason;
    }

    /** Each field that does not fit the catalog, with its JSON Pointer; empty for a reused key. */
    public List<InvalidField> problems() {
        return problems;
    }
}
