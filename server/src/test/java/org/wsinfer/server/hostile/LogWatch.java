package org.wsinfer.server.hostile;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Captures the server's log events (a logback appender on the root logger) so a test can assert that a client's
 * fault produced no WARN/ERROR with a stack trace, and that no event names a secret.
 */
public final class LogWatch extends AppenderBase<ILoggingEvent> implements AutoCloseable {
    private final List<ILoggingEvent> events = new CopyOnWriteArrayList<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    private LogWatch() {
    }

    /** Starts capturing. */
    public static LogWatch install() {
        LogWatch w = new LogWatch();
        w.setName("wsinfer-test-log-watch");
        w.setContext(w.root.getLoggerContext());
        w.start();
        w.root.addAppender(w);
        return w;
    }

    @Override
    protected void append(ILoggingEvent e) {
        e.prepareForDeferredProcessing();
        events.add(e);
    }

    /** Every event captured so far. */
    public List<ILoggingEvent> events() {
        return List.copyOf(events);
    }

    /** Forgets the events captured so far. */
    public void clear() {
        events.clear();
    }

    /** Fails if an event at WARN or above carried a throwable (a stack trace in the log). */
    public void assertNoStackTraces() {
        List<ILoggingEvent> bad = events.stream()
                .filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN) && e.getThrowableProxy() != null)
                .collect(Collectors.toList());
        if (!bad.isEmpty()) {
            fail("the server logged stack traces for a client's fault:\n" + bad.stream()
                    .map(e -> e.getLevel() + " " + e.getLoggerName() + ": " + e.getFormattedMessage() + " ("
                            + e.getThrowableProxy().getClassName() + ": " + e.getThrowableProxy().getMessage() + ")")
                    .collect(Collectors.joining("\n")));
        }
    }

    /** Fails if any captured event's message contains {@code secret}. */
    public void assertNeverLogged(String secret) {
        for (ILoggingEvent e : events) {
            if (e.getFormattedMessage().contains(secret)) {
                fail("a log event names a secret: " + e.getLoggerName());
            }
        }
    }

    @Override
    public void close() {
        root.detachAppender(this);
        stop();
    }
}
