package dev.orderflow.system;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Puts the order a request is about into the logging context ({@code orderId}), as the engine does for the
 * steps it runs, so every log line of an order's processing can be found by its id.
 */
@Component
// right behind the request size limit (WebServerConfiguration), which is first
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class OrderLoggingContextFilter extends OncePerRequestFilter {

    static final String KEY = "orderId";
    private static final Pattern ORDER_PATH = Pattern.compile("^/(?:api/orders|track)/([0-9a-fA-F-]{36})(?:/.*)?$");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Matcher order = ORDER_PATH.matcher(request.getRequestURI());
        if (!order.matches()) {
            chain.doFilter(request, response);
            return;
        }
        MDC.put(KEY, order.group(1));
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove(KEY);
        }
    }
}
