package dev.orderflow.fulfillment.versions;

/**
 * A place in a process definition where a running order can rest between transactions: a staff task, a message or
 * timer it waits for, an event-based gateway, an asynchronous continuation, ... These are the places Camunda's
 * migration must find a counterpart for before an order can move to another version.
 *
 * @param activityId the BPMN element id ({@code UserTask_ReviewDiscrepancy})
 * @param name       the element's name as the diagram shows it ({@code Review discrepancy}), its id when it has none
 * @param kind       what the order waits for there
 */
public record WaitState(String activityId, String name, Kind kind) {

    /** What an order waits for at a wait state; {@link #describe()} words it for analysts. */
    public enum Kind {
        /** a staff task in Tasklist */
        USER_TASK("staff task"),
        /** an intermediate message catch event (not one behind an event-based gateway) */
        MESSAGE_CATCH("message catch event"),
        /** an intermediate timer catch event (not one behind an event-based gateway) */
        TIMER_CATCH("timer catch event"),
        /** an intermediate signal or conditional catch event */
        OTHER_CATCH("catch event"),
        /** an event-based gateway: the order waits for the first of the events behind it */
        EVENT_BASED_GATEWAY("event-based gateway"),
        /** a receive task */
        RECEIVE_TASK("receive task"),
        /** an external task ({@code camunda:type="external"}) */
        EXTERNAL_TASK("external task"),
        /** a call activity: the order waits for the process it called */
        CALL_ACTIVITY("call activity"),
        /** marked "Asynchronous before": the order waits for a job to run the step */
        ASYNC_BEFORE("step marked Asynchronous before"),
        /** marked "Asynchronous after": the order waits for a job to leave the step */
        ASYNC_AFTER("step marked Asynchronous after");

        private final String words;

        Kind(String words) {
            this.words = words;
        }

        /** @return the kind in an analyst's words ("staff task", "step marked Asynchronous before", ...) */
        public String describe() {
            return words;
        }
    }

    /** @return {@code 'Review discrepancy' (UserTask_ReviewDiscrepancy)}, how messages name the wait state */
    public String label() {
        return name.equals(activityId) ? activityId : "'" + name + "' (" + activityId + ")";
    }
}
