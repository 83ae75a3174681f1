package dev.orderflow.fulfillment;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a delegate whose step calls a system outside this service (the courier, the payment provider): such a
 * call can fail for a while or take long, so every task that runs the delegate must be {@code asyncBefore}, in a
 * job of its own that is retried and, when retries run out, becomes an incident (docs/decisions/async-boundaries.md).
 * The model contract test finds the tasks from this mark and fails when one lacks it
 * ({@code ModelContractTests.everyStepThatCallsOutsideRunsInARetryableJobOfItsOwn}).
 * <p>
 * The mark itself is checked by a naming rule ({@code everyDelegateThatReachesAPortToTheOutsideIsMarkedAndNoOtherIs}):
 * every way out of this service is an interface whose name ends in {@code Port} ({@code CourierPort},
 * {@code PaymentPort}). The test starts at each {@link org.camunda.bpm.engine.delegate.JavaDelegate} class, follows
 * its calls and method references through our own classes ({@code dev.orderflow}), and stops at a {@code *Port}
 * interface; exactly the delegates that reach one must carry this mark. Calls through any other interface, into
 * libraries, and listeners (task, execution and Spring event listeners) are not followed, so an outside call
 * there is not found: a new way out must be a {@code *Port} interface, called from a delegate.
 * <p>
 * Notifications are not outside calls here: their step only writes an outbox row in the engine's transaction;
 * the relay talks to the mail server later.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@interface CallsOutside {

    /** whom the step calls, for readers and the test's messages: "courier", "payment provider" */
    String value();
}
