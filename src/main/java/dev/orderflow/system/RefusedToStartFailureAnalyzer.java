package dev.orderflow.system;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * A start refused on purpose is reported as Spring Boot reports a port in use: "APPLICATION FAILED TO START",
 * what is wrong, what to do; no stack trace, in which the reason would be one line among a hundred. Ahead of
 * Spring Boot's own analyzers, which would report a refusal during property binding as a binding failure.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
class RefusedToStartFailureAnalyzer extends AbstractFailureAnalyzer<RefusedToStart> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, RefusedToStart cause) {
        return new FailureAnalysis(cause.description(), cause.action(), cause);
    }
}
