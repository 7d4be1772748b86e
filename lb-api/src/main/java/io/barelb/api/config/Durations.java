package io.barelb.api.config;

import java.time.Duration;
import java.util.Optional;

/**
 * Parses durations the way Kubernetes writes {@code metav1.Duration} (Go's {@code time.ParseDuration}):
 * a sequence of decimal numbers with a unit each, e.g. {@code 90s}, {@code 1m30s}, {@code 300ms}. For plugins
 * reading duration fields of their kinds, and the runtime's own.
 *
 * @since 0.3
 */
public final class Durations {

    private Durations() {
    }

    /** The duration, or empty when {@code text} is not a Go duration. */
    public static Optional<Duration> parse(String text) {
        String s = text.trim();
        if (s.equals("0")) {
            return Optional.of(Duration.ZERO);
        }
        if (s.isEmpty()) {
            return Optional.empty();
        }
        long nanos = 0;
        int i = 0;
        while (i < s.length()) {
            int start = i;
            while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                i++;
            }
            if (start == i) {
                return Optional.empty();
            }
            double number;
            try {
                number = Double.parseDouble(s.substring(start, i));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
            int unitStart = i;
            while (i < s.length() && !Character.isDigit(s.charAt(i)) && s.charAt(i) != '.') {
                i++;
            }
            long unit = switch (s.substring(unitStart, i)) {
                case "ns" -> 1L;
                case "us", "µs" -> 1_000L;
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                case "h" -> 3_600_000_000_000L;
                default -> -1L;
            };
            if (unit < 0) {
                return Optional.empty();
            }
            nanos += (long) (number * unit);
        }
        return Optional.of(Duration.ofNanos(nanos));
    }
}
