package dev.orderflow.support;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.Marker;

/**
 * Drops Camunda's ENGINE-16004 ("Exception while closing command context") in tests. The engine logs it, with
 * the stack trace, for every failed command and then throws that same exception to the command's caller: a
 * test's call (which fails the test when unexpected) or the job executor (which reports the failed job as
 * ENGINE-14006). In tests that provoke failures on purpose the repeat is only noise. Everything else of
 * {@code org.camunda.bpm.engine.context} still shows. Used by {@code logback-test.xml}.
 */
public final class RethrownEngineFailureFilter extends TurboFilter {

    private static final String LOGGER = "org.camunda.bpm.engine.context";
    private static final String CODE = "ENGINE-16004";

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
            Throwable t) {
        return logger != null && LOGGER.equals(logger.getName()) && format != null && format.startsWith(CODE)
                ? FilterReply.DENY : FilterReply.NEUTRAL;
    }
}
