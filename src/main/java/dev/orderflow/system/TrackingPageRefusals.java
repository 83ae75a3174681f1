package dev.orderflow.system;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.web.ErrorResponse;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * Spring MVC's refusals ({@link ErrorResponse}: 404 no such page, 405 method not allowed, 400 bad parameter) of a
 * request of the tracking page become a {@code sendError} with their status and headers ({@code Allow}), so
 * that {@link ApiErrorController} answers them with the page's HTML. Runs before the controller advice, which
 * would answer them as Problem Details; every other request and exception goes on to it.
 */
class TrackingPageRefusals implements HandlerExceptionResolver, Ordered {

    @Override
    public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
            Exception ex) {
        if (!(ex instanceof ErrorResponse refusal) || !ApiPaths.isTrackingPage(request.getRequestURI())) {
            return null;
        }
        refusal.getHeaders().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
        try {
            response.sendError(refusal.getStatusCode().value());
        } catch (IOException clientGone) {
            // nothing more to say to a client that left
        }
        return new ModelAndView();
    }

    @Override
    public int getOrder() {
        // after Boot's DefaultErrorAttributes (which only records the exception), before the controller advice
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }
}
