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
 * The model contract test finds the tasks from this mark and fails when one lacks it; it also follows each
 * delegate's calls and fails when a delegate that reaches a port to the outside ({@code CourierPort},
 * {@code PaymentPort}) is not marked, so the mark cannot be forgotten.
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
