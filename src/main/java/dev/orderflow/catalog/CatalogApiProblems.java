package dev.orderflow.catalog;

import dev.orderflow.system.ApiProblem;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The HTTP answer to a refused import: 400, with a pointer to each bad cell when there are any. */
@RestControllerAdvice
class CatalogApiProblems {

    @ExceptionHandler(ImportRefusedException.class)
    ResponseEntity<ProblemDetail> refused(ImportRefusedException e) {
        return (e.problems().isEmpty() ? ApiProblem.badRequest(e.getMessage())
                : ApiProblem.invalid(e.getMessage(), e.problems())).toResponse();
    }
}
