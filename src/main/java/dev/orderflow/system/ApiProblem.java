package dev.orderflow.system;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * A request that the API refuses, rendered as RFC 9457 Problem Details by {@link ApiExceptionHandler}.
 * Controllers throw it, or exception handlers answer with it ({@link #toResponse}); services throw domain
 * exceptions instead and never know HTTP codes.
 */
public class ApiProblem extends RuntimeException {

    private final HttpStatus status;
    private final String title;
    private final List<InvalidField> errors;

    private ApiProblem(HttpStatus status, String title, String detail, List<InvalidField> errors) {
        super(detail);
        this.status = status;
        this.title = title;
        this.errors = List.copyOf(errors);
    }

    public static ApiProblem invalid(List<InvalidField> errors) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, "Invalid request",
                errors.size() == 1 ? errors.get(0).detail() : errors.size() + " problems in the request", errors);
    }

    public static ApiProblem badRequest(String detail) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, "Invalid request", detail, List.of());
    }

    public static ApiProblem unprocessable(String title, List<InvalidField> errors) {
        return new ApiProblem(HttpStatus.UNPROCESSABLE_ENTITY, title,
                errors.isEmpty() ? title : errors.get(0).detail(), errors);
    }

    public static ApiProblem unprocessable(String title, String detail) {
        return new ApiProblem(HttpStatus.UNPROCESSABLE_ENTITY, title, detail, List.of());
    }

    public static ApiProblem notFound(String detail) {
        return new ApiProblem(HttpStatus.NOT_FOUND, "Not found", detail, List.of());
    }

    public static ApiProblem conflict(String detail) {
        return new ApiProblem(HttpStatus.CONFLICT, "Conflict with the state of the order", detail, List.of());
    }

    public static ApiProblem unauthorized(String detail) {
        return new ApiProblem(HttpStatus.UNAUTHORIZED, "Unauthorized", detail, List.of());
    }

    /** The response for this problem: its status and RFC 9457 body, as {@link ApiExceptionHandler} answers it. */
    public ResponseEntity<ProblemDetail> toResponse() {
        return ResponseEntity.status(status).body(ApiExceptionHandler.problem(status, title, getMessage(), errors));
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    public List<InvalidField> errors() {
        return errors;
    }
}
