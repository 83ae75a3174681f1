package dev.orderflow.system;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.autoconfigure.web.ErrorProperties;
import org.springframework.boot.autoconfigure.web.servlet.error.BasicErrorController;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorViewResolver;
import org.springframework.boot.web.servlet.error.ErrorAttributes;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.ModelAndView;

/**
 * Spring Boot's {@code /error}, which renders what failed outside a controller (a filter's exception, a
 * {@code sendError} from the container or a filter), answers requests under {@code /api} with Problem Details
 * whatever they accept; everything else keeps Boot's answers (the HTML error page for the tracking page).
 */
class ApiErrorController extends BasicErrorController {

    private final ObjectMapper json;

    ApiErrorController(ErrorAttributes errorAttributes, ErrorProperties errorProperties,
            List<ErrorViewResolver> errorViewResolvers, ObjectMapper json) {
        super(errorAttributes, errorProperties, errorViewResolvers);
        this.json = json;
    }

    @Override
    public ModelAndView errorHtml(HttpServletRequest request, HttpServletResponse response) {
        if (!isApi(request)) {
            return super.errorHtml(request, response);
        }
        ProblemDetail problem = problemOf(request);
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        try {
            json.writeValue(response.getOutputStream(), problem);
        } catch (IOException clientGone) {
            // nothing more to say to a client that left
        }
        return null;
    }

    @Override
    public ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
        if (!isApi(request)) {
            return super.error(request);
        }
        ProblemDetail problem = problemOf(request);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", problem.getType().toString());
        body.put("title", problem.getTitle());
        body.put("status", problem.getStatus());
        body.put("detail", problem.getDetail());
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
    }

    private static boolean isApi(HttpServletRequest request) {
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        return ApiPaths.isApi(uri == null ? request.getRequestURI() : uri.toString());
    }

    private ProblemDetail problemOf(HttpServletRequest request) {
        HttpStatus status = getStatus(request);
        String detail = switch (status) {
            case NOT_FOUND -> "no such resource";
            case METHOD_NOT_ALLOWED -> "this method is not allowed here";
            case PAYLOAD_TOO_LARGE -> "the request body is too large";
            case BAD_REQUEST -> "the request is malformed";
            case UNAUTHORIZED -> "this endpoint needs credentials";
            case FORBIDDEN -> "access denied";
            default -> status.is5xxServerError() ? "the service could not complete the request"
                    : status.getReasonPhrase();
        };
        return ApiExceptionHandler.problem(status, status.getReasonPhrase(), detail, List.of());
    }
}
