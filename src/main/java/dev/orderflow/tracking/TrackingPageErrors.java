package dev.orderflow.tracking;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/** Customers get an HTML page when something breaks, never the API's JSON. */
@ControllerAdvice(assignableTypes = TrackingController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class TrackingPageErrors {

    private static final Logger log = LoggerFactory.getLogger(TrackingPageErrors.class);

    @ExceptionHandler(Exception.class)
    ModelAndView unexpected(Exception e) {
        log.error("Tracking page failed", e);
        return TrackingController.message(HttpStatus.INTERNAL_SERVER_ERROR, "Something went wrong",
                "We could not show your order just now. Please try again in a minute.");
    }
}
