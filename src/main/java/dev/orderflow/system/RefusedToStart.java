package dev.orderflow.system;

/**
 * The configuration is not one the service may run with (a missing secret, no courier, a decision table naming
 * a courier that does not exist). Thrown while starting; Spring Boot prints its description and action as a
 * short report instead of a stack trace ({@link RefusedToStartFailureAnalyzer}).
 */
public class RefusedToStart extends IllegalStateException {

    private final String action;

    /**
     * @param description what is wrong, naming the properties or files involved
     * @param action what the operator does about it
     */
    public RefusedToStart(String description, String action) {
        super(description + " " + action);
        this.action = action;
    }

    /** What the operator does about it. */
    public String action() {
        return action;
    }

    /** What is wrong, without the action. */
    public String description() {
        String message = getMessage();
        return message.substring(0, message.length() - action.length() - 1);
    }
}
