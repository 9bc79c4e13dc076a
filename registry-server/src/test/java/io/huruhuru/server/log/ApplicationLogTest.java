package io.huruhuru.server.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.huruhuru.server.config.RegistryConfig;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** {@code log.format: json} turns the registry's own log lines into JSON objects, one per line. */
class ApplicationLogTest {

    private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    private final ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    @AfterEach
    void backToTheTextOfLogbackXml() throws Exception {
        context.reset();
        new ch.qos.logback.classic.util.ContextInitializer(context).autoConfig();
    }

    @Test
    void jsonFormatEncodesEachEventAsOneJsonLineWithLevelLoggerAndMessage() throws Exception {
        ApplicationLog.configure(new RegistryConfig.Log("debug", true, RegistryConfig.LogFormat.JSON));

        ConsoleAppender<ILoggingEvent> console = (ConsoleAppender<ILoggingEvent>) root.getAppender(
                ApplicationLog.APPENDER);
        JsonEncoder encoder = assertInstanceOf(JsonEncoder.class, console.getEncoder());
        LoggingEvent event = new LoggingEvent("test", context.getLogger("io.huruhuru.Test"), Level.WARN,
                "disk \"low\"\nsecond line", null, null);
        String line = new String(encoder.encode(event), StandardCharsets.UTF_8);

        assertEquals(Level.DEBUG, root.getLevel());
        assertEquals(1, line.strip().lines().count(), line);
        JsonNode json = new ObjectMapper().readTree(line);
        assertEquals("WARN", json.path("level").asText());
        assertEquals("io.huruhuru.Test", json.path("loggerName").asText());
        assertEquals("disk \"low\"\nsecond line", json.path("message").asText());
    }

    @Test
    void textFormatKeepsThePatternOfLogbackXml() {
        ApplicationLog.configure(new RegistryConfig.Log("warn", true, RegistryConfig.LogFormat.TEXT));

        ConsoleAppender<ILoggingEvent> console = (ConsoleAppender<ILoggingEvent>) root.getAppender(
                ApplicationLog.APPENDER);

        assertInstanceOf(PatternLayoutEncoder.class, console.getEncoder());
        assertEquals(Level.WARN, root.getLevel());
    }
}
