package dev.orderflow.shipping;

/**
 * The courier could not be reached or refused the call. The process step fails and is retried by the job
 * executor; when the retries run out this message is what Cockpit shows on the incident.
 */
public class CourierUnavailableException extends RuntimeException {

    public CourierUnavailableException(String message) {
        super(message);
    }

    public CourierUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
