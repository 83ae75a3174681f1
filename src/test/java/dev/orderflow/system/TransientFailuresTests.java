package dev.orderflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.dao.PessimisticLockingFailureException;

class TransientFailuresTests {

    @Test
    void deadlocksLockTimeoutsAndSerializationFailuresAreTransientWhereverTheyAreWrapped() {
        assertThat(TransientFailures.isTransient(new PessimisticLockingFailureException("deadlock"))).isTrue();
        assertThat(TransientFailures.isTransient(new CannotAcquireLockException("lock timeout"))).isTrue();
        assertThat(TransientFailures.isTransient(new OptimisticLockingFailureException("moved on"))).isTrue();
        // the engine wraps the driver's exception in its own: PostgreSQL's deadlock, serialization, lock_timeout
        for (String state : new String[] {"40P01", "40001", "55P03"}) {
            assertThat(TransientFailures.isTransient(new IllegalStateException("engine failed",
                    new RuntimeException(new SQLException("from the driver", state))))).as(state).isTrue();
        }
        // a failed batch: the driver's BatchUpdateException carries the deadlock as its next exception
        java.sql.BatchUpdateException batch = new java.sql.BatchUpdateException("batch failed", new int[0]);
        batch.setNextException(new SQLException("deadlock detected", "40P01"));
        assertThat(TransientFailures.isTransient(new RuntimeException(batch))).isTrue();
        // H2's lock timeout
        assertThat(TransientFailures.isTransient(new SQLException("Timeout trying to lock table", "HYT00"))).isTrue();
    }

    @Test
    void otherFailuresAreNotTransient() {
        assertThat(TransientFailures.isTransient(new DataIntegrityViolationException("duplicate key"))).isFalse();
        assertThat(TransientFailures.isTransient(new SQLException("syntax error", "42601"))).isFalse();
        assertThat(TransientFailures.isTransient(new IllegalArgumentException("no order"))).isFalse();
        RuntimeException selfCaused = new RuntimeException("loop");
        assertThat(TransientFailures.isTransient(new RuntimeException(selfCaused))).isFalse();
    }
}
