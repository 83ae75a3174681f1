package dev.orderflow.system;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.catalina.Container;
import org.apache.catalina.Lifecycle;
import org.apache.catalina.Valve;
import org.apache.catalina.filters.FailedRequestFilter;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.apache.tomcat.util.buf.EncodedSolidusHandling;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorViewResolver;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.error.ErrorAttributes;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ViewResolver;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The web server's front line, in one place: the body size limits (a filter ahead of every other, Spring
 * Security's and Camunda's included), Tomcat's own settings that decide what reaches that filter, and the
 * error answers of the layers that refuse before our code runs (see also application.yaml, {@code server.*}).
 */
@Configuration(proxyBeanMethods = false)
class WebServerConfiguration {

    private static final String RELAXED_CHARS = "\"<>[\\]^`{|}";

    /**
     * A query string Tomcat cannot decode ({@code ?status=%zz}) would otherwise be dropped silently and the request
     * served without it; under {@code /api} it is 400 (Problem Details, through {@link ApiErrorController}).
     */
    @Bean
    FilterRegistrationBean<FailedRequestFilter> apiFailedParameters() {
        var registration = new FilterRegistrationBean<>(new FailedRequestFilter());
        registration.setName("api-failed-parameters");
        registration.addUrlPatterns("/api/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        return registration;
    }

    @Bean
    FilterRegistrationBean<RequestSizeLimitFilter> requestSizeLimit(ObjectMapper json) {
        var registration = new FilterRegistrationBean<>(new RequestSizeLimitFilter(json, false));
        registration.setName("request-size-limit");
        registration.addUrlPatterns("/*");
        // first of all filters: Camunda's guards read bodies, and nothing may read a body before it is bounded
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /**
     * The API's body limits, right after Spring Security: 401 and 403 come before 413 (the API's precedence), and
     * Spring Security reads no body of ours (HTTP Basic, no CSRF token, no form login), so nothing reads one
     * before it is bounded. {@link ApiAcceptHeader} follows.
     */
    @Bean
    FilterRegistrationBean<RequestSizeLimitFilter> apiRequestSizeLimit(ObjectMapper json) {
        var registration = new FilterRegistrationBean<>(new RequestSizeLimitFilter(json, true));
        registration.setName("api-request-size-limit");
        registration.addUrlPatterns("/api/*");
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 1);
        return registration;
    }

    /** An Accept header that is no list of media types is 400 under {@code /api}, after 401/403 and 413. */
    @Bean
    FilterRegistrationBean<ApiAcceptHeader> apiAcceptHeader(ObjectMapper json) {
        var registration = new FilterRegistrationBean<>(new ApiAcceptHeader(json));
        registration.setName("api-accept-header");
        registration.addUrlPatterns("/api/*");
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 2);
        return registration;
    }

    /** {@code /error} answers Problem Details under {@code /api}; Boot's {@link ErrorAttributes} stay. */
    @Bean
    ApiErrorController apiErrorController(ErrorAttributes errorAttributes, ServerProperties server,
            ObjectProvider<ErrorViewResolver> errorViewResolvers, ObjectMapper json,
            @Qualifier("thymeleafViewResolver") ViewResolver pages) {
        return new ApiErrorController(errorAttributes, server.getError(), errorViewResolvers.orderedStream().toList(),
                json, pages);
    }

    /**
     * Spring MVC's own refusals of a tracking-page request (no such page, a method it does not take) go to
     * {@code /error} like the container's, which answers them as the page's HTML instead of the API's Problem
     * Details ({@link ApiExceptionHandler} handles them for every controller).
     */
    @Bean
    HandlerExceptionResolver trackingPageRefusals() {
        return new TrackingPageRefusals();
    }

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> tomcatFrontLine() {
        return factory -> {
            factory.addConnectorCustomizers(connector -> {
                if (connector.getProtocolHandler() instanceof AbstractHttp11Protocol<?> http) {
                    // "100 Continue" only once a reader asks for the body: a client that waits for it never
                    // sends a body that is refused unread (401, 413)
                    http.setContinueResponseTiming("onRead");
                }
                // %2F in a path reaches Spring Security's firewall, which refuses it like every other suspicious
                // path, in the format of its door (Tomcat's default would answer with its own 400 page)
                connector.setEncodedSolidusHandling(EncodedSolidusHandling.PASS_THROUGH.getValue());
                // characters RFC 3986 forbids unencoded ({, |, \\, ...) also reach the firewall and our error
                // answers, instead of ending in the connector, where the door of a request is not yet known
                connector.setProperty("relaxedPathChars", RELAXED_CHARS);
                // TRACE goes on to Spring Security's firewall, which refuses it (never echoed) in the door's format;
                // Tomcat itself would answer 405 with no body at all
                connector.setAllowTrace(true);
                connector.setProperty("relaxedQueryChars", RELAXED_CHARS);
            });
            factory.addContextCustomizers(context -> context.addLifecycleListener(event -> {
                if (Lifecycle.BEFORE_START_EVENT.equals(event.getType())) {
                    useApiErrorReportValve(context.getParent());
                }
            }));
        };
    }

    /** Replaces the host's error report valve(s), Boot's and Tomcat's default, by ours. */
    private static void useApiErrorReportValve(Container host) {
        for (Valve valve : List.of(host.getPipeline().getValves())) {
            if (valve instanceof ErrorReportValve && !(valve instanceof ApiErrorReportValve)) {
                host.getPipeline().removeValve(valve);
            }
        }
        if (List.of(host.getPipeline().getValves()).stream().noneMatch(ApiErrorReportValve.class::isInstance)) {
            host.getPipeline().addValve(new ApiErrorReportValve());
        }
    }
}
