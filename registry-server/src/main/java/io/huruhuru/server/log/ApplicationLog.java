package io.huruhuru.server.log;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import io.huruhuru.server.config.RegistryConfig;
import org.slf4j.LoggerFactory;

/**
 * Applies the configuration's {@code log.level} and {@code log.format} to logback, whose {@code logback.xml} sets up
 * text lines on standard output: with {@code json}, its console appender gets logback's {@link JsonEncoder} instead
 * (one JSON object per line: timestamp, level, logger, thread, message, MDC, the exception), read by any collector.
 */
public final class ApplicationLog {

    /** The console appender's name in {@code logback.xml}. */
    static final String APPENDER = "STDOUT";

    private ApplicationLog() {
    }

    /** Sets the root level and the format of the registry's own log lines; does nothing under another SLF4J binding. */
    public static void configure(RegistryConfig.Log log) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(log.level(), Level.INFO));
        if (log.format() == RegistryConfig.LogFormat.JSON
                && root.getAppender(APPENDER) instanceof ConsoleAppender<ILoggingEvent> console) {
            Encoder<ILoggingEvent> previous = console.getEncoder();
            JsonEncoder json = new JsonEncoder();
            json.setContext(context);
            json.start();
            console.stop();
            console.setEncoder(json);
            console.start();
            if (previous != null) {
                previous.stop();
            }
        }
    }
}
