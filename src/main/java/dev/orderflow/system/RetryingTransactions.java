package dev.orderflow.system;

import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.retry.RetryCallback;
import org.springframework.retry.RetryContext;
import org.springframework.retry.RetryListener;
import org.springframework.retry.support.RetryTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs work in a transaction of its own and runs it again, after a short randomized pause, when it met a
 * transient database failure ({@link TransientFailures}): a deadlock, a serialization failure, a lock timeout,
 * or a step of the same order's process that changed its rows meanwhile (optimistic locking). Each attempt is
 * a fresh transaction; the first attempt's writes were rolled back. When every attempt failed that way, a
 * {@link TransientFailureException} tells the API to answer 503 with {@code Retry-After}.
 * <p>
 * Called inside a transaction that is already running, it cannot retry (the failure has marked that
 * transaction for rollback), so it joins it and runs the work once.
 */
@Component
public class RetryingTransactions {

    static final int ATTEMPTS = 5;

    private static final Logger log = LoggerFactory.getLogger(RetryingTransactions.class);

    private final TransactionTemplate transaction;
    private final RetryTemplate retry;

    RetryingTransactions(PlatformTransactionManager transactions) {
        this.transaction = new TransactionTemplate(transactions);
        this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        // 20 ms, 40, 80, 160 (each up to twice that at random, so two losers do not meet again): ~0.6 s at most
        this.retry = RetryTemplate.builder().maxAttempts(ATTEMPTS).exponentialBackoff(20, 2, 320, true)
                .retryOn(TransientFailures::isTransient).withListener(new RetryListener() {
                    @Override
                    public <T, E extends Throwable> void onError(RetryContext context, RetryCallback<T, E> callback,
                            Throwable failure) {
                        log.debug("Transient database failure on attempt {}, trying again: {}",
                                context.getRetryCount(), failure.toString());
                    }
                }).build();
    }

    /** Runs {@code work} in its own transaction, retried on transient failures; returns its result. */
    public <T> T execute(Supplier<T> work) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            return work.get();
        }
        try {
            return retry.execute(context -> transaction.execute(status -> work.get()));
        } catch (RuntimeException e) {
            if (TransientFailures.isTransient(e)) {
                log.warn("Transient database failure persisted after {} attempts: {}", ATTEMPTS, e.toString());
                throw new TransientFailureException("the database was busy with conflicting work", e);
            }
            throw e;
        }
    }

    /** Runs {@code work} in its own transaction, retried on transient failures. */
    public void run(Runnable work) {
        execute(() -> {
            work.run();
            return null;
        });
    }
}
