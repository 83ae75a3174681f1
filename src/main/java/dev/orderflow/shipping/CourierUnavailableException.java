package dev.orderflow.shipping;

/**
 * The courier could not be reached or refused the call. The process step fails and is retried by the job
 * executor; when the retries run out this message is what Cockpit shows on the incident.
 */
public class CourierUnavailableException extends RuntimeException {

    /** {@code message} says what failed; it is what an incident shows. */
    public CourierUnavailableException(String message) {
        super(message);
    }

    /** {@code message} says what failed; {@code cause} is the courier's or the network's error. */
    public CourierUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
