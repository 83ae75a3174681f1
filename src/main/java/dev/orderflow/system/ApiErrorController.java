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
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.View;
import org.springframework.web.servlet.ViewResolver;

/**
 * Spring Boot's {@code /error}, which renders what failed outside a controller (a filter's exception, a
 * {@code sendError} from the container, a filter or Spring Security), answers by the door the request came in:
 * requests under {@code /api} get Problem Details, requests of the tracking page ({@code /track/**}) its HTML
 * message page, whatever they accept; everything else keeps Boot's answers. {@code /error} asked for directly
 * (no failed request behind it) is a plain 404.
 */
class ApiErrorController extends BasicErrorController {

    private static final String TRACKING_MESSAGE_VIEW = "track/message";

    private final ObjectMapper json;
    private final ViewResolver pages;

    ApiErrorController(ErrorAttributes errorAttributes, ErrorProperties errorProperties,
            List<ErrorViewResolver> errorViewResolvers, ObjectMapper json, ViewResolver pages) {
        super(errorAttributes, errorProperties, errorViewResolvers);
        this.json = json;
        this.pages = pages;
    }

    @Override
    public ModelAndView errorHtml(HttpServletRequest request, HttpServletResponse response) {
        notFoundWhenAskedDirectly(request);
        if (isTrackingPage(request)) {
            return trackingPage(request, response);
        }
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
        boolean askedDirectly = notFoundWhenAskedDirectly(request);
        if (isTrackingPage(request)) {
            // a browser's form post or a fetch accepts more than HTML; the customer's page still answers as a page
            HttpServletResponse response = ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes())
                    .getResponse();
            ModelAndView page = trackingPage(request, response);
            try {
                View view = pages.resolveViewName(TRACKING_MESSAGE_VIEW, request.getLocale());
                response.setContentType(MediaType.TEXT_HTML_VALUE + ";charset=UTF-8");
                view.render(page.getModel(), request, response);
            } catch (Exception clientGoneOrNoView) {
                response.setStatus(page.getStatus().value());
            }
            return null;
        }
        if (!isApi(request) && !askedDirectly) {
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

    /**
     * {@code /error} requested by a client itself names no resource: 404, in the format of any unknown page
     * (Boot's error page for a browser, Problem Details otherwise, as {@link ApiExceptionHandler} answers).
     *
     * @return whether the client asked for it directly
     */
    private static boolean notFoundWhenAskedDirectly(HttpServletRequest request) {
        if (request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) != null) {
            return false;
        }
        request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, HttpStatus.NOT_FOUND.value());
        request.setAttribute(RequestDispatcher.ERROR_REQUEST_URI, request.getRequestURI());
        return true;
    }

    private static boolean isTrackingPage(HttpServletRequest request) {
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        return ApiPaths.isTrackingPage(uri == null ? request.getRequestURI() : uri.toString());
    }

    /** The tracking page's own message page (templates/track/message.html), for the error's status. */
    private ModelAndView trackingPage(HttpServletRequest request, HttpServletResponse response) {
        HttpStatus status = getStatus(request);
        String[] words = switch (status) {
            case NOT_FOUND -> new String[] {"Order not found",
                    "We could not find this order. Please use the full link from your confirmation e-mail."};
            case FORBIDDEN -> new String[] {"Please try again",
                    "Your choice could not be accepted from this page. Please open the link from your e-mail again"
                            + " and choose once more."};
            case METHOD_NOT_ALLOWED, BAD_REQUEST, PAYLOAD_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE -> new String[] {
                    "This did not work",
                    "Please open the full link from your confirmation e-mail and use the buttons on the page."};
            default -> new String[] {"Something went wrong",
                    "We could not show your order just now. Please try again in a minute."};
        };
        ModelAndView page = new ModelAndView(TRACKING_MESSAGE_VIEW);
        page.addObject("headline", words[0]);
        page.addObject("explanation", words[1]);
        page.setStatus(status);
        response.setStatus(status.value());
        return page;
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
