package io.barelb.runtime.cli.support;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Logback's configuration for {@code --log-format=json} (found by logback through {@code META-INF/services}; no
 * XML): one JSON object per line on stderr with {@code timestamp} (epoch milliseconds), {@code level},
 * {@code threadName}, {@code loggerName}, {@code formattedMessage} and, when the event carries an exception,
 * {@code throwable} (class name, message, frames). The levels are the plain format's: {@code simplelogger.properties}
 * and the {@code org.slf4j.simpleLogger.*} system properties ({@code -v}, plugin quieting), so both formats show
 * the same events.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class JsonLogConfigurator extends ContextAwareBase implements Configurator {

    private static final String PREFIX = "org.slf4j.simpleLogger.";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        JsonEncoder encoder = new JsonEncoder();
        encoder.setContext(context);
        encoder.setWithSequenceNumber(false);
        encoder.setWithNanoseconds(false);
        encoder.setWithContext(false);
        encoder.setWithMDC(false);
        encoder.setWithMessage(false);
        encoder.setWithArguments(false);
        encoder.setWithFormattedMessage(true);
        encoder.start();
        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(context);
        appender.setName("stderr");
        appender.setTarget("System.err");
        appender.setEncoder(encoder);
        appender.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.addAppender(appender);
        Properties levels = levels();
        root.setLevel(Level.toLevel(levels.getProperty(PREFIX + "defaultLogLevel"), Level.INFO));
        for (String key : levels.stringPropertyNames()) {
            if (key.startsWith(PREFIX + "log.")) {
                context.getLogger(key.substring((PREFIX + "log.").length()))
                        .setLevel(Level.toLevel(levels.getProperty(key), Level.INFO));
            }
        }
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** simplelogger.properties with the system properties over it, as slf4j-simple reads them. */
    static Properties levels() {
        Properties levels = new Properties();
        try (InputStream in = JsonLogConfigurator.class.getClassLoader().getResourceAsStream("simplelogger.properties")) {
            if (in != null) {
                levels.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read simplelogger.properties from the runtime's jar", e);
        }
        for (String key : System.getProperties().stringPropertyNames()) {
            if (key.startsWith(PREFIX)) {
                levels.setProperty(key, System.getProperty(key));
            }
        }
        return levels;
    }
}
