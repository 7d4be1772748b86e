package io.barelb.runtime.controller;

import io.barelb.api.Metrics;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;

/**
 * A {@link Metrics} that keeps series in memory and can print them in the Prometheus text format. Thread-safe.
 * Used until (and unless) the process binds an exporter of its own.
 */
public final class InMemoryMetrics implements Metrics {

    private record Series(String name, Map<String, String> labels) {
        Series {
            labels = Map.copyOf(new TreeMap<>(labels));
        }

        @Override
        public String toString() {
            if (labels.isEmpty()) {
                return name;
            }
            StringBuilder text = new StringBuilder(name).append('{');
            new TreeMap<>(labels).forEach((k, v) -> text.append(k).append("=\"").append(v).append("\","));
            text.setLength(text.length() - 1);
            return text.append('}').toString();
        }
    }

    private final Map<Series, AtomicLong> counters = new ConcurrentHashMap<>();
    private final Map<Series, DoubleSupplier> gauges = new ConcurrentHashMap<>();

    @Override
    public Counter counter(String name, String help, Map<String, String> labels) {
        AtomicLong value = counters.computeIfAbsent(new Series(name, labels), s -> new AtomicLong());
        return new Counter() {
            @Override
            public void add(long amount) {
                value.addAndGet(amount);
            }

            @Override
            public long value() {
                return value.get();
            }
        };
    }

    @Override
    public void gauge(String name, String help, Map<String, String> labels, DoubleSupplier value) {
        gauges.put(new Series(name, labels), Objects.requireNonNull(value));
    }

    @Override
    public void remove(String name, Map<String, String> labels) {
        counters.remove(new Series(name, labels));
        gauges.remove(new Series(name, labels));
    }

    /** The current value of a series (counter or gauge), or NaN when it does not exist. */
    public double value(String name, Map<String, String> labels) {
        Series series = new Series(name, labels);
        AtomicLong counter = counters.get(series);
        if (counter != null) {
            return counter.get();
        }
        DoubleSupplier gauge = gauges.get(series);
        return gauge == null ? Double.NaN : gauge.getAsDouble();
    }

    /** Every series, one per line, sorted: {@code name{labels} value}. */
    public String text() {
        Map<String, String> lines = new TreeMap<>();
        counters.forEach((s, v) -> lines.put(s.toString(), Long.toString(v.get())));
        gauges.forEach((s, v) -> lines.put(s.toString(), Double.toString(v.getAsDouble())));
        StringBuilder text = new StringBuilder();
        lines.forEach((series, value) -> text.append(series).append(' ').append(value).append('\n'));
        return text.toString();
    }
}
