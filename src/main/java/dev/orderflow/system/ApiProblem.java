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

    /** 400 "Invalid request" listing each field's problem. */
    public static ApiProblem invalid(List<InvalidField> errors) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, "Invalid request",
                errors.size() == 1 ? errors.get(0).detail() : errors.size() + " problems in the request", errors);
    }

    /** 400 "Invalid request" listing each field's problem, with a detail of its own (a count, a cut-off list). */
    public static ApiProblem invalid(String detail, List<InvalidField> errors) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, "Invalid request", detail, errors);
    }

    /** 400 for a request that cannot be read at all; {@code detail} says why. */
    public static ApiProblem badRequest(String detail) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, "Invalid request", detail, List.of());
    }

    /** 422: well-formed but not acceptable, each field's problem listed. */
    public static ApiProblem unprocessable(String title, List<InvalidField> errors) {
        return new ApiProblem(HttpStatus.UNPROCESSABLE_ENTITY, title,
                errors.isEmpty() ? title : errors.get(0).detail(), errors);
    }

    /** 422: well-formed but not acceptable, {@code detail} says why. */
    public static ApiProblem unprocessable(String title, String detail) {
        return new ApiProblem(HttpStatus.UNPROCESSABLE_ENTITY, title, detail, List.of());
    }

    /** 404 for an unknown resource; a detail echoing a long path segment is cut. */
    public static ApiProblem notFound(String detail) {
        return new ApiProblem(HttpStatus.NOT_FOUND, "Not found", cut(detail), List.of());
    }

    /** 415: the body comes in a form the endpoint does not read (a charset other than UTF-8). */
    public static ApiProblem unsupportedMediaType(String detail) {
        return new ApiProblem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported Media Type", cut(detail), List.of());
    }

    /** The longest detail that echoes what a client sent, in characters; anything longer is cut with "…". */
    static final int MAX_ECHO = 200;

    /** {@code text} cut to {@link #MAX_ECHO} characters (never inside a surrogate pair), "…" marking the cut. */
    static String cut(String text) {
        if (text == null || text.length() <= MAX_ECHO) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(MAX_ECHO - 1)) ? MAX_ECHO - 1 : MAX_ECHO;
        return text.substring(0, end) + "\u2026";
    }

    /** 409: the order's state does not allow the request. */
    public static ApiProblem conflict(String detail) {
        return conflict("Conflict with the state of the order", detail);
    }

    /** 409 with a title of its own, for a resource other than an order ("Not enough stock on hand"). */
    public static ApiProblem conflict(String title, String detail) {
        return new ApiProblem(HttpStatus.CONFLICT, title, detail, List.of());
    }

    /** 401: the credentials are missing or wrong. */
    public static ApiProblem unauthorized(String detail) {
        return new ApiProblem(HttpStatus.UNAUTHORIZED, "Unauthorized", detail, List.of());
    }

    /** The response for this problem: its status and RFC 9457 body, as {@link ApiExceptionHandler} answers it. */
    public ResponseEntity<ProblemDetail> toResponse() {
        return ResponseEntity.status(status).body(ApiExceptionHandler.problem(status, title, getMessage(), errors));
    }

    /** The HTTP status this problem answers with. */
    public HttpStatus status() {
        return status;
    }

    /** The problem's short, fixed title. */
    public String title() {
        return title;
    }

    /** The fields at fault, each with its JSON Pointer; empty when the problem is not about fields. */
    public List<InvalidField> errors() {
        return errors;
    }
}
