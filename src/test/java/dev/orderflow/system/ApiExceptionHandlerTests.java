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

    @Test
    void bodyThatIsNotWellFormedUtf8Is400MalformedBody() throws Exception {
        // given: what Spring MVC makes of a read that met an overlong '/'
        Exception malformed = catchRead(new byte[] {'{', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'});
        var notReadable = new org.springframework.http.converter.HttpMessageNotReadableException(
                "I/O error while reading input message", malformed, null);

        // when
        var answer = handler.handleHttpMessageNotReadable(notReadable, new HttpHeaders(), HttpStatus.BAD_REQUEST,
                null);

        // then
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        var body = (org.springframework.http.ProblemDetail) answer.getBody();
        assertThat(body.getTitle()).isEqualTo("Malformed request body");
        assertThat(body.getDetail()).contains("not well-formed UTF-8").contains("byte 2");
    }

    @Test
    void missingIdSegmentIsNotFound() {
        var parameter = new org.springframework.core.MethodParameter(
                ApiExceptionHandlerTests.class.getDeclaredMethods()[0], -1);
        var missing = new org.springframework.web.bind.MissingPathVariableException("orderId", parameter, true);

        var answer = handler.handleMissingPathVariable(missing, new HttpHeaders(), HttpStatus.INTERNAL_SERVER_ERROR,
                null);

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    private static Exception catchRead(byte[] body) {
        try {
            Utf8.checking(new java.io.ByteArrayInputStream(body)).readAllBytes();
            throw new AssertionError("the body should not have passed");
        } catch (java.io.IOException e) {
            return e;
        }
    }
}
