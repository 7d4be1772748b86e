package io.barelb.api;

import java.util.Map;
import java.util.function.DoubleSupplier;

/**
 * Where a plugin records its metrics; the runtime exposes them (Prometheus text format). Thread-safe.
 * Names use the Prometheus conventions ({@code barelb_layer2_requests_received_total}); the same name with the
 * same labels always returns the same counter.
 */
public interface Metrics {

    /** A monotonically increasing counter. */
    Counter counter(String name, String help, Map<String, String> labels);

    /** A gauge whose value is read from {@code value} when the metrics are scraped. */
    void gauge(String name, String help, Map<String, String> labels, DoubleSupplier value);

    /** Forgets the series with these labels (e.g. when an address is no longer announced). */
    void remove(String name, Map<String, String> labels);

    /** A counter. Thread-safe. */
    interface Counter {
        /** Adds one. */
        default void increment() {
            add(1);
        }

        /** Adds {@code amount} (non-negative). */
        void add(long amount);

        /** The current value. */
        long value();
    }
}
