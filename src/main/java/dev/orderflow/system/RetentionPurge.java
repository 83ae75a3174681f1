package dev.orderflow.system;

import java.time.Clock;
import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Removes rows past their time to keep ({@link RetentionRule}s of the features), every
 * {@code orderflow.retention.interval} on every node, {@code orderflow.retention.batch-size} rows per statement
 * and transaction, so no lock is held for long and the work of a busy day is spread over the next runs. Nodes that
 * purge at the same moment delete different or the same rows; either way each row goes once. Rows removed are
 * counted in {@code orderflow_retention_removed_rows_total{rows}}.
 */
@Component
class RetentionPurge {

    private static final Logger log = LoggerFactory.getLogger(RetentionPurge.class);
    /** one run removes at most this many batches per rule; the next run goes on */
    private static final int MAX_BATCHES_PER_RUN = 100;

    private final List<RetentionRule> rules;
    private final Clock clock;
    private final MeterRegistry registry;
    private final int batchSize;
    private final boolean enabled;

    RetentionPurge(List<RetentionRule> rules, Clock clock, MeterRegistry registry,
            @Value("${orderflow.retention.batch-size}") int batchSize,
            @Value("${orderflow.retention.enabled}") boolean enabled) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("orderflow.retention.batch-size must be at least 1");
        }
        this.rules = rules;
        this.clock = clock;
        this.registry = registry;
        this.batchSize = batchSize;
        this.enabled = enabled;
        rules.forEach(this::counter);
    }

    @Scheduled(initialDelayString = "${orderflow.retention.interval}", fixedDelayString = "${orderflow.retention.interval}")
    void scheduled() {
        if (enabled) {
            purge();
        }
    }

    /** One run: every rule until it has nothing old left (or {@value #MAX_BATCHES_PER_RUN} batches). */
    void purge() {
        for (RetentionRule rule : rules) {
            try {
                long removed = 0;
                var olderThan = clock.instant().minus(rule.keep());
                for (int batch = 0; batch < MAX_BATCHES_PER_RUN; batch++) {
                    int now = rule.purge(olderThan, batchSize);
                    removed += now;
                    counter(rule).increment(now);
                    if (now < batchSize) {
                        break;
                    }
                }
                if (removed > 0) {
                    log.info("Retention: removed {} rows of {} older than {}", removed, rule.name(), rule.keep());
                }
            } catch (RuntimeException e) {
                log.warn("Retention: could not remove old {} this time: {}", rule.name(), e.getMessage());
            }
        }
    }

    private Counter counter(RetentionRule rule) {
        return Counter.builder("orderflow.retention.removed.rows").tag("rows", rule.name())
                .description("Rows removed after their time to keep").register(registry);
    }
}
