package dev.orderflow.support;

import java.util.Arrays;
import java.util.List;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * Keeps the log lines a test provokes on purpose (an incident, a refused request, a failed start) out of the
 * build output, for the named loggers only: their events are captured instead of printed. When a test fails,
 * what was captured during it is printed after all, so nothing unexpected is lost. Registered on a static field
 * it captures from the first test of the class to the last (background threads log between tests too); on an
 * instance field, per test.
 * <pre>
 * &#64;RegisterExtension
 * static final ExpectedLogs EXPECTED = ExpectedLogs.of("org.camunda.bpm.engine.jobexecutor");
 * </pre>
 */
public final class ExpectedLogs implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback {

    private final List<String> loggerNames;
    private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
    private boolean perClass;
    private int testStart;

    private ExpectedLogs(List<String> loggerNames) {
        this.loggerNames = loggerNames;
    }

    /** Captures the events of these loggers (and their children). */
    public static ExpectedLogs of(String... loggerNames) {
        return new ExpectedLogs(Arrays.asList(loggerNames));
    }

    /** The messages captured so far in this test, with their exceptions' messages, for assertions. */
    public List<String> messages() {
        synchronized (captured) {
            return captured.list.subList(testStart, captured.list.size()).stream().map(ExpectedLogs::oneLine)
                    .toList();
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        perClass = true;
        start();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        // again before each test: a Spring context starting (after beforeAll) resets logging to its configuration
        start();
        synchronized (captured) {
            testStart = captured.list.size();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (context.getExecutionException().isPresent()) {
            synchronized (captured) {
                List<ILoggingEvent> duringTest = List.copyOf(captured.list.subList(testStart, captured.list.size()));
                System.out.println("--- " + duringTest.size() + " log event(s) of " + loggerNames + " captured during "
                        + context.getDisplayName() + ", which failed:");
                duringTest.forEach(event -> System.out.println(event.getLevel() + " " + event.getLoggerName() + ": "
                        + event.getFormattedMessage() + (event.getThrowableProxy() == null ? ""
                                : System.lineSeparator() + ThrowableProxyUtil.asString(event.getThrowableProxy()))));
            }
        }
        if (!perClass) {
            stop();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    private void start() {
        if (!captured.isStarted()) {
            captured.setContext((ch.qos.logback.core.Context) LoggerFactory.getILoggerFactory());
            captured.start();
        }
        for (String name : loggerNames) {
            Logger logger = (Logger) LoggerFactory.getLogger(name);
            if (!logger.isAttached(captured)) {
                logger.addAppender(captured);
            }
            logger.setAdditive(false);
        }
    }

    private void stop() {
        for (String name : loggerNames) {
            Logger logger = (Logger) LoggerFactory.getLogger(name);
            logger.detachAppender(captured);
            logger.setAdditive(true);
        }
        captured.stop();
    }

    private static String oneLine(ILoggingEvent event) {
        return event.getFormattedMessage()
                + (event.getThrowableProxy() == null ? "" : " (" + event.getThrowableProxy().getMessage() + ")");
    }
}
