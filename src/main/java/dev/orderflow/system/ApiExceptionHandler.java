package dev.orderflow.system;

import java.net.URI;
import java.util.List;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import org.springframework.beans.TypeMismatchException;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error of our API as RFC 9457 Problem Details. Spring's own exceptions (404, 405, 415, ...) come
 * through {@link ResponseEntityExceptionHandler}; unreadable bodies get a JSON Pointer to what was wrong.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    static final String TYPE_BASE = "https://orderflow.dev/problems/";

    @ExceptionHandler(ApiProblem.class)
    ResponseEntity<ProblemDetail> handle(ApiProblem problem) {
        return problem.toResponse();
    }

    /** A service or value refused a request's fields: 400 with a pointer to each. */
    @ExceptionHandler(InvalidRequestException.class)
    ResponseEntity<ProblemDetail> invalid(InvalidRequestException invalid) {
        return ApiProblem.invalid(invalid.problems()).toResponse();
    }

    /**
     * The database is unreachable (restarting, failing over): say so with 503 and Retry-After, and let the
     * storefront retry with its Idempotency-Key. Nothing was stored, as the transaction never committed.
     */
    @ExceptionHandler({CannotGetJdbcConnectionException.class, CannotCreateTransactionException.class,
            DataAccessResourceFailureException.class, TransientDataAccessResourceException.class})
    ResponseEntity<ProblemDetail> databaseUnavailable(Exception e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5")
                .body(problem(HttpStatus.SERVICE_UNAVAILABLE, "Temporarily unavailable",
                        "the order store cannot be reached right now; retry in a few seconds (with the same"
                                + " Idempotency-Key when placing an order or changing stock)", List.of()));
    }

    /**
     * Conflicting work kept the database busy (deadlock, lock timeout, a process step changing the same order)
     * through every retry: nothing was stored, the same request a moment later will go through.
     */
    @ExceptionHandler({TransientFailureException.class, ConcurrencyFailureException.class})
    ResponseEntity<ProblemDetail> busy(Exception e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "1")
                .body(problem(HttpStatus.SERVICE_UNAVAILABLE, "Temporarily unavailable",
                        "the order store is busy with conflicting work; retry in a second (with the same"
                                + " Idempotency-Key when placing an order or changing stock)", List.of()));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Throwable cause = ex.getCause();
        ProblemDetail body;
        RequestSizeLimitFilter.BodyTooLargeException tooLarge = causeOf(ex,
                RequestSizeLimitFilter.BodyTooLargeException.class);
        if (tooLarge != null) {
            // RequestSizeLimitFilter answers in the end; this keeps the answer right should it be let through
            return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).body(problem(HttpStatus.PAYLOAD_TOO_LARGE,
                    "Request body too large", tooLarge.getMessage(), List.of()));
        }
        Utf8.MalformedException malformed = causeOf(ex, Utf8.MalformedException.class);
        if (malformed != null) {
            return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "Malformed request body",
                    malformed.getMessage(), List.of()));
        }
        if (cause instanceof UnrecognizedPropertyException unknown) {
            body = problem(HttpStatus.BAD_REQUEST, "Invalid request",
                    "unknown field '" + unknown.getPropertyName() + "'",
                    List.of(new InvalidField(pointer(unknown), "unknown field")));
        } else if (cause instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            body = invalidValue(mismatch, describe(mismatch));
        } else if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            // Jackson's own text ("Numeric value (…) out of range of int") names Java types, not our rules
            body = invalidValue(mapping, causeOf(mapping, com.fasterxml.jackson.core.exc.InputCoercionException.class)
                    != null ? wholeNumber(mapping) : mapping.getOriginalMessage());
        } else if (cause instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null
                && !isEndOfInput(mismatch)) {
            // valid JSON of the wrong kind as a whole ([] or 12 where an object is expected)
            Class<?> target = mismatch.getTargetType();
            body = problem(HttpStatus.BAD_REQUEST, "Invalid request", "the request body must be a JSON "
                    + (java.util.Collection.class.isAssignableFrom(target) || target.isArray() ? "array" : "object"),
                    List.of());
        } else {
            body = problem(HttpStatus.BAD_REQUEST, "Malformed JSON", "the request body is not valid JSON", List.of());
        }
        return ResponseEntity.badRequest().body(body);
    }

    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode statusCode,
            WebRequest request) {
        if (body instanceof ProblemDetail detail
                && (detail.getType() == null || "about:blank".equals(detail.getType().toString()))) {
            detail.setType(typeOf(statusCode));
        }
        return super.createResponseEntity(body, headers, statusCode, request);
    }

    /**
     * 415 names what the endpoint accepts ("send text/csv (UTF-8) or application/json"), and says when the request
     * had no Content-Type at all (curl -d sends application/x-www-form-urlencoded, Spring takes a missing one for
     * application/octet-stream). A detail an endpoint set itself is kept.
     */
    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(
            org.springframework.web.HttpMediaTypeNotSupportedException ex, HttpHeaders headers, HttpStatusCode status,
            WebRequest request) {
        String detail = ex.getBody().getDetail();
        String unknownCharset = unknownCharset(request.getHeader(HttpHeaders.CONTENT_TYPE));
        if (unknownCharset != null) {
            // Spring says "Could not parse Content-Type." for a charset the JVM does not know
            ex.getBody().setDetail("the Content-Type names a charset this service does not know ('"
                    + ApiProblem.cut(unknownCharset) + "'): send UTF-8 (charset=utf-8, or no charset)");
            return super.handleHttpMediaTypeNotSupported(ex, headers, status, request);
        }
        if (!ex.getSupportedMediaTypes().isEmpty() && (detail == null || detail.startsWith("Content-Type")
                || detail.startsWith("Could not parse"))) {
            String sent = request.getHeader(HttpHeaders.CONTENT_TYPE);
            List<String> accepted = ex.getSupportedMediaTypes().stream().map(type -> type.getType() + "/"
                    + type.getSubtype()).distinct().map(type -> type.startsWith("text/") ? type + " (UTF-8)" : type)
                    .toList();
            ex.getBody().setDetail((sent == null || sent.isBlank() ? "the request has no Content-Type"
                    : "Content-Type '" + (sent.length() > 100 ? sent.substring(0, 100) + "..." : sent)
                    + "' is not accepted here") + ": send " + String.join(" or ", accepted));
        }
        return super.handleHttpMediaTypeNotSupported(ex, headers, status, request);
    }

    /** A body of nothing but white space: Jackson says "no content", which is no JSON at all. */
    private static boolean isEndOfInput(MismatchedInputException ex) {
        return ex.getOriginalMessage() != null && ex.getOriginalMessage().startsWith("No content to map");
    }

    /**
     * A path that names nothing ({@code /api/products/}, with its trailing slash, among them) is 404 in the API's
     * words: Spring's own detail ("No static resource api/products.") speaks of static files, which the API has none
     * of. A trailing slash is named, since the same path without it exists in the API's paths.
     */
    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(
            org.springframework.web.servlet.resource.NoResourceFoundException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        // the path as sent: Spring's resource path has lost its trailing slash
        String path = request instanceof org.springframework.web.context.request.ServletWebRequest servlet
                ? servlet.getRequest().getRequestURI() : "/" + ex.getResourcePath();
        String detail = "no such resource: " + ex.getHttpMethod() + " " + ApiProblem.cut(path)
                + (path.length() > 1 && path.endsWith("/") ? " (the API's paths have no trailing slash: "
                        + ApiProblem.cut(path.substring(0, path.length() - 1)) + ")" : "");
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem(HttpStatus.NOT_FOUND, "Not found", detail,
                List.of()));
    }

    private static final java.util.regex.Pattern CHARSET = java.util.regex.Pattern.compile(
            "(?i);\\s*charset\\s*=\\s*\"?([^\";\\s]*)");

    /** The charset a Content-Type names when the JVM knows no such charset, else {@code null}. */
    static String unknownCharset(String contentType) {
        if (contentType == null) {
            return null;
        }
        java.util.regex.Matcher charset = CHARSET.matcher(contentType);
        if (!charset.find()) {
            return null;
        }
        String name = charset.group(1);
        try {
            return java.nio.charset.Charset.isSupported(name) ? null : name;
        } catch (java.nio.charset.IllegalCharsetNameException e) {
            return name;
        }
    }

    /** An empty or blank id segment ({@code /api/orders/%20}) names no resource: 404, like an unknown id. */
    @Override
    protected ResponseEntity<Object> handleMissingPathVariable(
            org.springframework.web.bind.MissingPathVariableException ex, HttpHeaders headers, HttpStatusCode status,
            WebRequest request) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem(HttpStatus.NOT_FOUND, "Not found",
                "no such " + ex.getVariableName().replace("Id", ""), List.of()));
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String value = ApiProblem.cut(String.valueOf(ex.getValue()));
        if (ex instanceof MethodArgumentTypeMismatchException mismatch
                && mismatch.getParameter().hasParameterAnnotation(PathVariable.class)) {
            // an id that cannot exist is as unknown as one that does not
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem(HttpStatus.NOT_FOUND, "Not found",
                    "no " + mismatch.getName().replace("Id", "") + " " + value, List.of()));
        }
        String name = ex instanceof MethodArgumentTypeMismatchException mismatch ? mismatch.getName()
                : ex.getPropertyName();
        Class<?> type = ex.getRequiredType();
        String expected = type != null && type.isEnum() ? "one of " + java.util.Arrays.toString(type.getEnumConstants())
                : type == java.util.UUID.class ? "a UUID"
                : type == Integer.class || type == int.class || type == Long.class ? "a whole number"
                : type == Boolean.class || type == boolean.class ? "true or false"
                : "of type " + (type == null ? "?" : type.getSimpleName());
        return parameterProblem(name, "must be " + expected + ", not '" + value + "'");
    }

    /** A required query parameter is missing: 400 naming it, like every other problem of a parameter. */
    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(
            org.springframework.web.bind.MissingServletRequestParameterException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        return parameterProblem(ex.getParameterName(), "is required");
    }

    /** 400 for a query parameter's value, its pointer the parameter's name ({@code /size}), as the contract says. */
    private static ResponseEntity<Object> parameterProblem(String name, String detail) {
        String pointer = "/" + escape(name == null ? "" : name);
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "Invalid request",
                "'" + name + "' " + detail, List.of(new InvalidField(pointer, detail))));
    }

    private static <T extends Throwable> T causeOf(Throwable ex, Class<T> type) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }

    private static ProblemDetail invalidValue(JsonMappingException ex, String detail) {
        String pointer = pointer(ex);
        return problem(HttpStatus.BAD_REQUEST, "Invalid request", pointer + " " + detail,
                List.of(new InvalidField(pointer, detail)));
    }

    private static String describe(MismatchedInputException ex) {
        Class<?> target = ex.getTargetType();
        if (target == null) {
            return "has the wrong type";
        }
        if (target == java.math.BigDecimal.class) {
            return Money.FORMAT;
        }
        if (target.isEnum()) {
            return "must be one of " + java.util.Arrays.toString(target.getEnumConstants());
        }
        if (target == Boolean.class || target == boolean.class) {
            return "must be true or false";
        }
        if (isWholeNumber(target)) {
            return wholeNumber(ex);
        }
        if (Number.class.isAssignableFrom(target) || target.isPrimitive()) {
            return "must be a number";
        }
        if (target == String.class || CharSequence.class.isAssignableFrom(target)) {
            return "must be a string";
        }
        if (java.util.Collection.class.isAssignableFrom(target) || target.isArray()) {
            return "must be an array";
        }
        return "must be an object";
    }

    private static boolean isWholeNumber(Class<?> type) {
        return type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == Short.class || type == short.class;
    }

    /**
     * "must be a whole number", with the field's range when its {@code @Schema} documents one (the same numbers
     * the OpenAPI document shows), so that 3000000000 or 320.0 gets the answer 30 would get.
     */
    private static String wholeNumber(JsonMappingException ex) {
        return range(ex).map(range -> "must be a whole number from " + range)
                .orElse("must be a whole number");
    }

    private static java.util.Optional<String> range(JsonMappingException ex) {
        if (ex.getPath().isEmpty()) {
            return java.util.Optional.empty();
        }
        JsonMappingException.Reference last = ex.getPath().get(ex.getPath().size() - 1);
        Object from = last.getFrom();
        Class<?> owner = from instanceof Class<?> type ? type : from == null ? null : from.getClass();
        if (owner == null || !owner.isRecord() || last.getFieldName() == null) {
            return java.util.Optional.empty();
        }
        // a record component's @Schema lands on its field (the annotation does not target record components)
        return java.util.Arrays.stream(owner.getDeclaredFields())
                .filter(field -> field.getName().equals(last.getFieldName()))
                .map(field -> field.getAnnotation(io.swagger.v3.oas.annotations.media.Schema.class))
                .filter(schema -> schema != null && !schema.minimum().isEmpty() && !schema.maximum().isEmpty())
                .map(schema -> schema.minimum() + " to " + schema.maximum())
                .findFirst();
    }

    static String pointer(JsonMappingException ex) {
        return ex.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? escape(ref.getFieldName()) : String.valueOf(ref.getIndex()))
                .collect(Collectors.joining("/", "/", ""));
    }

    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    static ProblemDetail problem(HttpStatus status, String title, String detail, List<InvalidField> errors) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
        body.setTitle(title);
        body.setType(typeOf(status));
        if (!errors.isEmpty()) {
            body.setProperty("errors", errors);
        }
        return body;
    }

    static URI typeOf(HttpStatusCode status) {
        HttpStatus known = HttpStatus.resolve(status.value());
        String slug = known == null ? String.valueOf(status.value())
                : known.name().toLowerCase().replace('_', '-');
        return URI.create(TYPE_BASE + slug);
    }
}
