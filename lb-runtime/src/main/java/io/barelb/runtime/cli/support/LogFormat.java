package io.barelb.runtime.cli.support;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How the log is written to stderr: {@code plain} (slf4j-simple, one line per event: time, level, short logger
 * name, message) or {@code json} (logback's {@code JsonEncoder}, one object per line). Chosen by
 * {@code --log-format} or, without it, by {@code BARELB_LOG_FORMAT}; both backends are on the class path, so the
 * choice names SLF4J's provider explicitly ({@code slf4j.provider}) before the first logger exists.
 */
public enum LogFormat {
    plain("org.slf4j.simple.SimpleServiceProvider"),
    json("ch.qos.logback.classic.spi.LogbackServiceProvider");

    /** The environment variable read when the command line does not say. */
    public static final String VARIABLE = "BARELB_LOG_FORMAT";

    private final String provider;

    LogFormat(String provider) {
        this.provider = provider;
    }

    /**
     * The format the arguments ({@code --log-format=F} or {@code --log-format F}) or, without them,
     * {@code environment} ask for; empty when the value is none of the formats (picocli then reports it).
     */
    public static Optional<LogFormat> requested(List<String> args, Map<String, String> environment) {
        String value = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--")) {
                break;
            }
            if (arg.startsWith("--log-format=")) {
                value = arg.substring("--log-format=".length());
            } else if (arg.equals("--log-format") && i + 1 < args.size()) {
                value = args.get(i + 1);
            }
        }
        if (value == null) {
            value = environment.getOrDefault(VARIABLE, "");
            if (value.isBlank()) {
                return Optional.of(plain);
            }
        }
        try {
            return Optional.of(valueOf(value.trim().toLowerCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Names this format's SLF4J provider for the rest of the process, and keeps SLF4J's own start-up notes (which
     * provider it connected to) out of the log. Must run before the first logger is made.
     */
    public void select() {
        System.setProperty("slf4j.provider", provider);
        if (System.getProperty("slf4j.internal.verbosity") == null) {
            System.setProperty("slf4j.internal.verbosity", "WARN");
        }
    }
}
