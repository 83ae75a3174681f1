package dev.orderflow.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionSynchronizationManager;

class RetryingTransactionsTests {

    private final RetryingTransactions retrying = new RetryingTransactions(new DataSourceTransactionManager(
            new DriverManagerDataSource("jdbc:h2:mem:retrying-transactions;DB_CLOSE_DELAY=-1", "sa", "")));
    private final AtomicInteger attempts = new AtomicInteger();

    @Test
    void aDeadlockedTransactionRunsAgainInATransactionOfItsOwn() {
        // when: the first two attempts lose a deadlock
        String result = retrying.execute(() -> {
            assertThat(TransactionSynchronizationManager.isActualTransactionActive()).isTrue();
            if (attempts.incrementAndGet() < 3) {
                throw new PessimisticLockingFailureException("deadlock detected");
            }
            return "booked";
        });

        // then
        assertThat(result).isEqualTo("booked");
        assertThat(attempts).hasValue(3);
    }

    @Test
    void aDeadlockThatPersistsBecomes503WithRetryAfter() {
        // when
        assertThatThrownBy(() -> retrying.run(() -> {
            attempts.incrementAndGet();
            throw new PessimisticLockingFailureException("deadlock detected");
        })).isInstanceOfSatisfying(TransientFailureException.class, busy -> {
            // then: every attempt was made, and the API answers 503, not 500
            assertThat(attempts).hasValue(RetryingTransactions.ATTEMPTS);
            var answer = new ApiExceptionHandler().busy(busy);
            assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
            assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
            assertThat(answer.getBody().getType().toString()).endsWith("/service-unavailable");
        });
    }

    @Test
    void otherFailuresAreNotRetried() {
        assertThatThrownBy(() -> retrying.run(() -> {
            attempts.incrementAndGet();
            throw ApiProblem.conflict("already cancelled");
        })).isInstanceOf(ApiProblem.class);
        assertThat(attempts).hasValue(1);
    }
}
