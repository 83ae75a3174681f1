package dev.orderflow.system;

import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

import org.springframework.dao.ConcurrencyFailureException;

/**
 * Tells a failure that the same work, done again a moment later, will very likely not meet: a deadlock, a
 * serialization failure, a lock timeout, an optimistic-locking conflict. Looks through the whole cause chain,
 * because the engine wraps the driver's exception in its own.
 */
public final class TransientFailures {

    /**
     * SQLSTATEs of transient failures: serialization failure (PostgreSQL and H2's deadlock), deadlock detected
     * (PostgreSQL), lock not available, i.e. {@code lock_timeout} (PostgreSQL), lock timeout (H2).
     */
    private static final Set<String> TRANSIENT_SQL_STATES = Set.of("40001", "40P01", "55P03", "HYT00");

    private TransientFailures() {
    }

    /** True when {@code failure} or any of its causes is a transient database failure. */
    public static boolean isTransient(Throwable failure) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable cause = failure; cause != null && seen.put(cause, true) == null; cause = cause.getCause()) {
            if (cause instanceof ConcurrencyFailureException || cause instanceof SQLTransactionRollbackException) {
                return true;
            }
            if (cause instanceof SQLException sql) {
                // a batch's failure comes as the next exception of the driver's BatchUpdateException
                SQLException next = sql;
                for (int i = 0; next != null && i < 10; i++, next = next.getNextException()) {
                    if (next.getSQLState() != null && TRANSIENT_SQL_STATES.contains(next.getSQLState())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
