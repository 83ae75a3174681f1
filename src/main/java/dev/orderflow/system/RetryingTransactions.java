package dev.orderflow.system;

import java.util.function.Supplier;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs work in a transaction of its own, again when a step of the same order's process changed it in
 * between: the engine's optimistic locking reports that as an {@link OptimisticLockingFailureException}.
 * Used where a request hands news to a running process (cancellation, stock decision, restock).
 */
@Component
public class RetryingTransactions {

    static final int ATTEMPTS = 3;

    private final TransactionTemplate transaction;

    RetryingTransactions(PlatformTransactionManager transactions) {
        this.transaction = new TransactionTemplate(transactions);
    }

    public <T> T execute(Supplier<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transaction.execute(status -> work.get());
            } catch (OptimisticLockingFailureException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    public void run(Runnable work) {
        execute(() -> {
            work.run();
            return null;
        });
    }
}
