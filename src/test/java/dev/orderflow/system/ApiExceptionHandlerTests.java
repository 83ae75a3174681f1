package dev.orderflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;

class ApiExceptionHandlerTests {

    private final ApiExceptionHandler handler = new ApiExceptionHandler();

    @Test
    void unreachableDatabaseIs503WithRetryAfter() {
        for (Exception outage : new Exception[] {new CannotGetJdbcConnectionException("pool timeout"),
                new CannotCreateTransactionException("connection refused")}) {
            var answer = handler.databaseUnavailable(outage);

            assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
            assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
            assertThat(answer.getBody().getTitle()).isEqualTo("Temporarily unavailable");
            assertThat(answer.getBody().getDetail()).contains("Idempotency-Key");
        }
    }
}
