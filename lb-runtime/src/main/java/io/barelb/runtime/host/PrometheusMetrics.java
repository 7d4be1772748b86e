package io.barelb.runtime.host;

import io.barelb.api.Metrics;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleSupplier;

/**
 * {@link Metrics} on the Prometheus Java client. One family per name; the label keys of a name are fixed by
 * its first use (a later use with other keys is a programming error and says so). Thread-safe.
 */
public final class PrometheusMetrics implements Metrics {

    private final PrometheusRegistry registry;
    private final Map<String, Family<io.prometheus.metrics.core.metrics.Counter>> counters = new ConcurrentHashMap<>();
    private final Map<String, GaugeFamily> gauges = new ConcurrentHashMap<>();

    public PrometheusMetrics(PrometheusRegistry registry) {
        this.registry = registry;
    }

    /**
     * The registry of a BareLB process: the JVM's and the process's own metrics ({@code jvm_*},
     * {@code process_*}, the JVM counterpart of the Go runtime metrics MetalLB exposes) and
     * {@code barelb_build_info{component, version}} (always 1), plus whatever the process records.
     *
     * @param component {@code controller} or {@code speaker}
     */
    public static PrometheusMetrics forProcess(String component) {
        PrometheusRegistry registry = new PrometheusRegistry();
        io.prometheus.metrics.instrumentation.jvm.JvmMetrics.builder().register(registry);
        PrometheusMetrics metrics = new PrometheusMetrics(registry);
        String version = BuildVersion.version();
        metrics.gauge("barelb_build_info", "BareLB's version; always 1", Map.of("component", component,
                "version", version), () -> 1);
        return metrics;
    }

    /** A fresh registry of its own (tests, tools). */
    public static PrometheusMetrics standalone() {
        return new PrometheusMetrics(new PrometheusRegistry());
    }

    /**
     * Serves {@code /metrics} on {@code port} until the returned handle is closed; port 0 serves nothing.
     * {@code /healthz} and {@code /readyz} answer 200 (no checks registered).
     *
     * @throws io.barelb.api.LbException ({@code NetworkFailure}) naming the port when it cannot be bound
     */
    public java.io.Closeable serve(int port) {
        return serve(port, new HealthChecks());
    }

    /**
     * Serves {@code /metrics}, and {@code /healthz} and {@code /readyz} from {@code health}, on {@code port} until
     * the returned handle is closed; port 0 serves nothing.
     *
     * @throws io.barelb.api.LbException ({@code NetworkFailure}) naming the port when it cannot be bound
     */
    public java.io.Closeable serve(int port, HealthChecks health) {
        return serve(port, health, java.util.Optional.empty());
    }

    /**
     * Serves {@code /metrics}, {@code /healthz} and {@code /readyz}, and {@code /status} (JSON from {@code status},
     * if given) on {@code port} until the returned handle is closed; port 0 serves nothing.
     *
     * @throws io.barelb.api.LbException ({@code NetworkFailure}) naming the port when it cannot be bound
     */
    public java.io.Closeable serve(int port, HealthChecks health, java.util.Optional<java.util.function.Supplier<String>> status) {
        if (port <= 0) {
            return () -> { };
        }
        try {
            return io.prometheus.metrics.exporter.httpserver.HTTPServer.builder().port(port).registry(registry)
                    .defaultHandler(new HealthEndpoint(health, status)).buildAndStart();
        } catch (IOException e) {
            throw new io.barelb.api.LbException(io.barelb.api.ErrorCode.NETWORK_FAILURE, "cannot serve /metrics on port "
                    + port + ": " + e.getMessage() + "; stop what holds the port or choose another with --metrics-port"
                    + " (0 turns the endpoint off)", e);
        }
    }

    /** The registry to expose over HTTP. */
    public PrometheusRegistry registry() {
        return registry;
    }

    @Override
    public Counter counter(String name, String help, Map<String, String> labels) {
        Family<io.prometheus.metrics.core.metrics.Counter> family = counters.computeIfAbsent(name, n -> {
            List<String> keys = sortedKeys(labels);
            return new Family<>(keys, io.prometheus.metrics.core.metrics.Counter.builder()
                    .name(n).help(help).labelNames(keys.toArray(String[]::new)).register(registry));
        });
        CounterDataPoint point = family.metric.labelValues(family.values(name, labels));
        return new Counter() {
            @Override
            public void add(long amount) {
                point.inc(amount);
            }

            @Override
            public long value() {
                return (long) point.get();
            }
        };
    }

    @Override
    public void gauge(String name, String help, Map<String, String> labels, DoubleSupplier value) {
        GaugeFamily family = gauges.computeIfAbsent(name, n -> new GaugeFamily(n, help, sortedKeys(labels), registry));
        family.series.put(List.of(family.values(name, labels)), value);
    }

    @Override
    public void remove(String name, Map<String, String> labels) {
        Family<io.prometheus.metrics.core.metrics.Counter> counter = counters.get(name);
        if (counter != null) {
            counter.metric.remove(counter.values(name, labels));
        }
        GaugeFamily gauge = gauges.get(name);
        if (gauge != null) {
            gauge.series.remove(List.of(gauge.values(name, labels)));
        }
    }

    /**
     * The current value of one series (counter or gauge), or NaN when it does not exist. A counter's name may be
     * given with or without its {@code _total} suffix.
     */
    public double value(String name, Map<String, String> labels) {
        String base = name.endsWith("_total") ? name.substring(0, name.length() - "_total".length()) : name;
        for (io.prometheus.metrics.model.snapshots.MetricSnapshot snapshot : registry.scrape()) {
            if (!snapshot.getMetadata().getName().equals(base) && !snapshot.getMetadata().getName().equals(name)) {
                continue;
            }
            for (io.prometheus.metrics.model.snapshots.DataPointSnapshot point : snapshot.getDataPoints()) {
                java.util.Map<String, String> pointLabels = new java.util.HashMap<>();
                point.getLabels().forEach(label -> pointLabels.put(label.getName(), label.getValue()));
                if (!pointLabels.equals(labels)) {
                    continue;
                }
                if (point instanceof io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot counter) {
                    return counter.getValue();
                }
                if (point instanceof io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot gauge) {
                    return gauge.getValue();
                }
            }
        }
        return Double.NaN;
    }

    /** Everything registered, in the Prometheus text format (what {@code /metrics} serves). */
    public String scrape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PrometheusTextFormatWriter.create().write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static List<String> sortedKeys(Map<String, String> labels) {
        return List.copyOf(new TreeMap<>(labels).keySet());
    }

    private static class Family<M> {
        final List<String> keys;
        final M metric;

        Family(List<String> keys, M metric) {
            this.keys = keys;
            this.metric = metric;
        }

        String[] values(String name, Map<String, String> labels) {
            if (!sortedKeys(labels).equals(keys)) {
                throw new IllegalArgumentException("metric " + name + " has labels " + keys + ", not " + sortedKeys(labels));
            }
            return keys.stream().map(labels::get).toArray(String[]::new);
        }
    }

    private static final class GaugeFamily extends Family<GaugeWithCallback> {
        final Map<List<String>, DoubleSupplier> series;

        GaugeFamily(String name, String help, List<String> keys, PrometheusRegistry registry) {
            this(name, help, keys, registry, new ConcurrentHashMap<>());
        }

        private GaugeFamily(String name, String help, List<String> keys, PrometheusRegistry registry,
                            Map<List<String>, DoubleSupplier> series) {
            super(keys, GaugeWithCallback.builder().name(name).help(help).labelNames(keys.toArray(String[]::new))
                    .callback(callback -> series.forEach((values, supplier) ->
                            callback.call(supplier.getAsDouble(), values.toArray(String[]::new))))
                    .register(registry));
            this.series = series;
        }
    }
}
