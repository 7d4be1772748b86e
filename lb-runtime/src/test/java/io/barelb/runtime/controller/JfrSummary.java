package io.barelb.runtime.controller;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * A JFR recording (the JDK's {@code profile} settings: execution samples every 10 ms) of one benchmark phase,
 * summarised like {@code jfr print --events jdk.ExecutionSample} counted by hand: samples by thread group
 * ({@link ThreadCpu#group}) and the top frames of each group.
 */
final class JfrSummary implements AutoCloseable {

    private final Recording recording;
    private final Path file;

    private JfrSummary(Recording recording, Path file) {
        this.recording = recording;
        this.file = file;
    }

    static JfrSummary start(Path file) {
        try {
            Recording recording = new Recording(Configuration.getConfiguration("profile"));
            recording.setToDisk(true);
            recording.setDestination(file);
            recording.start();
            return new JfrSummary(recording, file);
        } catch (IOException | java.text.ParseException e) {
            throw new IllegalStateException("cannot start a JFR recording: " + e, e);
        }
    }

    /** Stops the recording (what follows is not profiled); {@link #stopAndSummarise} reads it. Idempotent. */
    void stop() {
        if (recording.getState() == jdk.jfr.RecordingState.RUNNING) {
            recording.stop();
        }
    }

    /** Stops the recording and prints the summary: share of samples per group, top {@code top} frames of each. */
    String stopAndSummarise(int top) {
        stop();
        Map<String, Long> byGroup = new TreeMap<>();
        Map<String, Map<String, Long>> frames = new HashMap<>();
        Map<String, Map<String, Long>> own = new HashMap<>();
        try {
            for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
                if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                    continue;
                }
                String thread = event.getThread("sampledThread") == null ? "?" : event.getThread("sampledThread").getJavaName();
                String group = ThreadCpu.group(thread == null ? "?" : thread);
                byGroup.merge(group, 1L, Long::sum);
                List<RecordedFrame> stack = event.getStackTrace().getFrames();
                String frame = stack.isEmpty() ? "?" : stack.get(0).getMethod().getType().getName() + "."
                        + stack.get(0).getMethod().getName();
                frames.computeIfAbsent(group, g -> new HashMap<>()).merge(frame, 1L, Long::sum);
                own.computeIfAbsent(group, g -> new HashMap<>()).merge(firstOwnFrame(stack), 1L, Long::sum);
            }
        } catch (IOException e) {
            return "cannot read " + file + ": " + e;
        }
        long total = byGroup.values().stream().mapToLong(Long::longValue).sum();
        StringBuilder text = new StringBuilder("JFR " + file + ": " + total + " execution samples;");
        byGroup.forEach((group, count) -> text.append(String.format(" %s %.0f%%", group, 100.0 * count / total)));
        text.append('\n');
        append(text, "top frames", frames, total, top);
        append(text, "first frame outside the JDK", own, total, top);
        return text.toString();
    }

    private static void append(StringBuilder text, String title, Map<String, Map<String, Long>> byGroup, long total,
                               int top) {
        new TreeMap<>(byGroup).forEach((group, counts) -> {
            text.append("  ").append(title).append(", ").append(group).append(" (% of all samples):\n");
            counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(top)
                    .forEach(e -> text.append(String.format("    %5.1f%% %s%n", 100.0 * e.getValue() / total, e.getKey())));
        });
    }

    @Override
    public void close() {
        recording.close();
    }

    /** The first frame (from the top) outside the JDK, e.g. {@code io.fabric8.mockwebserver.crud.AttributeSet.matches}. */
    private static String firstOwnFrame(List<RecordedFrame> stack) {
        for (RecordedFrame frame : stack) {
            String type = frame.getMethod().getType().getName();
            if (!type.startsWith("java.") && !type.startsWith("jdk.") && !type.startsWith("sun.")
                    && !type.startsWith("com.sun.")) {
                return type + "." + frame.getMethod().getName();
            }
        }
        return "(JDK only)";
    }
}
