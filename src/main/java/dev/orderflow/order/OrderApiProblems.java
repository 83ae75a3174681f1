package dev.orderflow.order;

import dev.orderflow.system.ApiProblem;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The HTTP answers to the order domain's exceptions, wherever an API request meets them (docs/api.md, errors). */
@RestControllerAdvice
class OrderApiProblems {

    @ExceptionHandler(OrderNotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(OrderNotFoundException e) {
        return ApiProblem.notFound(e.getMessage()).toResponse();
    }

    @ExceptionHandler(OrderStateConflictException.class)
    ResponseEntity<ProblemDetail> conflict(OrderStateConflictException e) {
        return ApiProblem.conflict(e.getMessage()).toResponse();
    }

    @ExceptionHandler(OrderRejectedException.class)
    ResponseEntity<ProblemDetail> rejected(OrderRejectedException e) {
        ApiProblem problem = switch (e.reason()) {
            case NOT_IN_CATALOG -> ApiProblem.unprocessable("The order does not fit the catalog", e.problems());
            case IDEMPOTENCY_KEY_REUSED -> ApiProblem.unprocessable("Idempotency-Key reused", e.getMessage());
        };
        return problem.toResponse();
    }
}
