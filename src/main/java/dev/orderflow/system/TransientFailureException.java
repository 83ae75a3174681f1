package dev.orderflow.system;

/**
 * Work that kept meeting transient database failures (deadlocks, lock timeouts) after every retry. The API
 * answers it with 503 and {@code Retry-After}: nothing was stored, and the same request later will succeed.
 */
public class TransientFailureException extends RuntimeException {

    /** {@code message} says what work gave up; {@code cause} is the last transient failure. */
    public TransientFailureException(String message, Throwable cause) {
        super(message, cause);
    }
}
