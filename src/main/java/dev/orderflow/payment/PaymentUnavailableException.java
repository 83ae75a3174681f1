package dev.orderflow.payment;

/** The payment provider could not be reached or failed; the refund step is retried, then an incident. */
public class PaymentUnavailableException extends RuntimeException {

    public PaymentUnavailableException(String message) {
        super(message);
    }

    public PaymentUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
