package dev.orderflow.system;

import java.time.Duration;
import java.time.Instant;

/**
 * One kind of row that is removed once it is older than its time to keep, by {@link RetentionPurge} on every node.
 * A feature declares a rule (a Spring bean) for its own tables; which rows go after how long, and why the rest is
 * kept forever: docs/decisions/retention.md.
 */
public interface RetentionRule {

    /** The kind of rows, in the metric {@code orderflow_retention_removed_rows_total{rows="..."}}. */
    String name();

    /** How long rows are kept; rows older than now minus this go. */
    Duration keep();

    /**
     * Removes at most {@code limit} rows older than {@code olderThan} in one statement (its own short
     * transaction) and returns how many it removed; the purge calls it again while it removes {@code limit}.
     */
    int purge(Instant olderThan, int limit);

    /** A rule from its parts. */
    static RetentionRule of(String name, Duration keep, Purge purge) {
        return new RetentionRule() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Duration keep() {
                return keep;
            }

            @Override
            public int purge(Instant olderThan, int limit) {
                return purge.purge(olderThan, limit);
            }
        };
    }

    /** Removes up to {@code limit} rows older than {@code olderThan}; returns how many. */
    @FunctionalInterface
    interface Purge {
        int purge(Instant olderThan, int limit);
    }
}
