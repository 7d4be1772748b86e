package io.barelb.announcer.layer2;

import io.barelb.api.Metrics;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;

/** A real {@link Metrics} sink kept in memory, for tests and the mini speaker. Thread-safe. */
final class InMemoryMetrics implements Metrics {

    private final Map<String, SimpleCounter> counters = new ConcurrentHashMap<>();
    private final Map<String, DoubleSupplier> gauges = new ConcurrentHashMap<>();

    @Override
    public Counter counter(String name, String help, Map<String, String> labels) {
        return counters.computeIfAbsent(key(name, labels), k -> new SimpleCounter());
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
    long value(String name, Map<String, String> labels) {
        SimpleCounter counter = counters.get(key(name, labels));
        return counter == null ? 0 : counter.value();
    }

    boolean hasGauge(String name, Map<String, String> labels) {
        return gauges.containsKey(key(name, labels));
    }

    /** Every series as {@code name{k="v"} value}, sorted. */
    Map<String, Double> snapshot() {
        Map<String, Double> all = new TreeMap<>();
        counters.forEach((key, counter) -> all.put(key, (double) counter.value()));
        gauges.forEach((key, gauge) -> all.put(key, gauge.getAsDouble()));
        return all;
    }

    static String key(String name, Map<String, String> labels) {
        StringBuilder text = new StringBuilder(name).append('{');
        new TreeMap<>(labels).forEach((k, v) -> text.append(k).append("=\"").append(v).append("\","));
        if (!labels.isEmpty()) {
            text.setLength(text.length() - 1);
        }
        return text.append('}').toString();
    }

    private static final class SimpleCounter implements Counter {
        private final AtomicLong value = new AtomicLong();

        @Override
        public void add(long amount) {
            if (amount < 0) {
                throw new IllegalArgumentException("a counter only grows");
            }
            value.addAndGet(amount);
        }

        @Override
        public long value() {
            return value.get();
        }
    }
}
