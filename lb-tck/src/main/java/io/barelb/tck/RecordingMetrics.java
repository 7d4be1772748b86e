package io.barelb.tck;

import io.barelb.api.Metrics;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;

/**
 * A real {@link Metrics} sink kept in memory, so a test reads back what a plugin recorded. Thread-safe. Series are
 * keyed as Prometheus writes them, {@code name{label="value",...}} with the labels sorted.
 */
public final class RecordingMetrics implements Metrics {

    private final Map<String, RecordingCounter> counters = new ConcurrentHashMap<>();
    private final Map<String, DoubleSupplier> gauges = new ConcurrentHashMap<>();

    @Override
    public Counter counter(String name, String help, Map<String, String> labels) {
        return counters.computeIfAbsent(key(name, labels), k -> new RecordingCounter());
    }

    @Override
    public void gauge(String name, String help, Map<String, String> labels, DoubleSupplier value) {
        gauges.put(key(name, labels), value);
    }

    @Override
    public void remove(String name, Map<String, String> labels) {
        counters.remove(key(name, labels));
        gauges.remove(key(name, labels));
    }

    /** The counter's value, 0 if it does not exist. */
    public long value(String name, Map<String, String> labels) {
        RecordingCounter counter = counters.get(key(name, labels));
        return counter == null ? 0 : counter.value();
    }

    /** True if a gauge with these labels is registered now. */
    public boolean hasGauge(String name, Map<String, String> labels) {
        return gauges.containsKey(key(name, labels));
    }

    /** The gauge's current value, empty if it is not registered. */
    public Optional<Double> gauge(String name, Map<String, String> labels) {
        return Optional.ofNullable(gauges.get(key(name, labels))).map(DoubleSupplier::getAsDouble);
    }

    /** Every series now, as {@code name{k="v"} -> value}, sorted. */
    public Map<String, Double> snapshot() {
        Map<String, Double> all = new TreeMap<>();
        counters.forEach((key, counter) -> all.put(key, (double) counter.value()));
        gauges.forEach((key, gauge) -> all.put(key, gauge.getAsDouble()));
        return all;
    }

    /** The series key: {@code name{a="1",b="2"}}, labels sorted; {@code name{}} without labels. */
    public static String key(String name, Map<String, String> labels) {
        StringBuilder text = new StringBuilder(name).append('{');
        new TreeMap<>(labels).forEach((k, v) -> text.append(k).append("=\"").append(v).append("\","));
        if (!labels.isEmpty()) {
            text.setLength(text.length() - 1);
        }
        return text.append('}').toString();
    }

    private static final class RecordingCounter implements Counter {
        private final AtomicLong value = new AtomicLong();

        @Override
        public void add(long amount) {
            if (amount < 0) {
                throw new IllegalArgumentException("a counter only grows, got " + amount);
            }
            value.addAndGet(amount);
        }

        @Override
        public long value() {
            return value.get();
        }
    }
}
