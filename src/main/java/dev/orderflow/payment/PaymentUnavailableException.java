package dev.orderflow.payment;

/** The payment provider could not be reached or failed; the refund step is retried, then an incident. */
public class PaymentUnavailableException extends RuntimeException {

    /** {@code message} says what failed; it is what an incident shows. */
    public PaymentUnavailableException(String message) {
        super(message);
    }

    /** {@code message} says what failed; {@code cause} is the provider's or the network's error. */
    public PaymentUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
