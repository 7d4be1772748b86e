package io.barelb.distribution;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The stop-the-world pauses in a JVM's {@code -Xlog:gc*,safepoint} file: every GC line "... Pause ... N.NNNms"
 * (Serial, G1, ZGC's phases) and every safepoint's total stopped time (GC or not, e.g. the attach of jcmd).
 *
 * @param pausesMillis     GC pauses in order
 * @param safepointsMillis safepoint totals in order
 */
record GcPauses(List<Double> pausesMillis, List<Double> safepointsMillis) {

    private static final Pattern PAUSE = Pattern.compile("\\bPause .*?(\\d+\\.\\d+)ms$");
    private static final Pattern SAFEPOINT = Pattern.compile("\\[safepoint\\s*].*Total: (\\d+) ns");

    static GcPauses read(Path log) throws IOException {
        List<Double> pauses = new ArrayList<>();
        List<Double> safepoints = new ArrayList<>();
        for (String line : Files.exists(log) ? Files.readAllLines(log) : List.<String>of()) {
            Matcher pause = PAUSE.matcher(line);
            if (pause.find() && line.contains("[gc")) {
                pauses.add(Double.parseDouble(pause.group(1)));
            }
            Matcher safepoint = SAFEPOINT.matcher(line);
            if (safepoint.find()) {
                safepoints.add(Long.parseLong(safepoint.group(1)) / 1e6);
            }
        }
        return new GcPauses(List.copyOf(pauses), List.copyOf(safepoints));
    }

    static double min(List<Double> values) {
        return values.isEmpty() ? 0 : Collections.min(values);
    }

    static double max(List<Double> values) {
        return values.isEmpty() ? 0 : Collections.max(values);
    }

    /** The value below which {@code fraction} of {@code values} lie (nearest rank). */
    static double percentile(List<Double> values, double fraction) {
        if (values.isEmpty()) {
            return 0;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get((int) Math.max(0, Math.min(sorted.size() - 1, Math.ceil(fraction * sorted.size()) - 1)));
    }

    @Override
    public String toString() {
        return String.format("%d GC pauses, p50 %.2f p99 %.2f max %.2f ms; %d safepoints, max %.2f ms",
                pausesMillis.size(), percentile(pausesMillis, 0.5), percentile(pausesMillis, 0.99), max(pausesMillis),
                safepointsMillis.size(), max(safepointsMillis));
    }
}
