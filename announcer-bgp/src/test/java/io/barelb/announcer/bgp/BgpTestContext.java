package io.barelb.announcer.bgp;

import io.barelb.api.EventSink;
import io.barelb.api.Metrics;
import io.barelb.api.PluginContext;
import io.barelb.api.Role;
import io.barelb.api.ServiceKey;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;

/** A plugin context for the announcer's tests: metrics kept in memory, events dropped, Secrets from a map. */
final class BgpTestContext implements PluginContext, Metrics, AutoCloseable {

    private final Optional<String> nodeName;
    private final Map<String, String> secrets;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final Map<String, AtomicLong> counters = new ConcurrentHashMap<>();
    private final Map<String, DoubleSupplier> gauges = new ConcurrentHashMap<>();

    /** @param secrets {@code "secretName/key" -> value} */
    BgpTestContext(Optional<String> nodeName, Map<String, String> secrets) {
        this.nodeName = nodeName;
        this.secrets = Map.copyOf(secrets);
    }

    @Override
    public String pluginName() {
        return "bgp";
    }

    @Override
    public Role role() {
        return Role.SPEAKER;
    }

    @Override
    public Optional<String> nodeName() {
        return nodeName;
    }

    @Override
    public Clock clock() {
        return Clock.systemUTC();
    }

    @Override
    public ScheduledExecutorService scheduler() {
        return scheduler;
    }

    @Override
    public EventSink events() {
        return new EventSink() {
            @Override
            public void normal(ServiceKey service, String reason, String message) {
            }

            @Override
            public void warning(ServiceKey service, String reason, String message) {
            }
        };
    }

    @Override
    public Metrics metrics() {
        return this;
    }

    @Override
    public Optional<String> secret(String name, String key) {
        return Optional.ofNullable(secrets.get(name + "/" + key));
    }

    @Override
    public Counter counter(String name, String help, Map<String, String> labels) {
        AtomicLong value = counters.computeIfAbsent(key(name, labels), k -> new AtomicLong());
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
        gauges.put(key(name, labels), value);
    }

    @Override
    public void remove(String name, Map<String, String> labels) {
        counters.remove(key(name, labels));
        gauges.remove(key(name, labels));
    }

    /** The gauge's current value, empty if it is not registered. */
    Optional<Double> gauge(String name, String peer) {
        return Optional.ofNullable(gauges.get(key(name, Map.of("peer", peer)))).map(DoubleSupplier::getAsDouble);
    }

    /** The counter's current value, empty if it is not registered. */
    Optional<Long> counter(String name, String peer) {
        return Optional.ofNullable(counters.get(key(name, Map.of("peer", peer)))).map(AtomicLong::get);
    }

    private static String key(String name, Map<String, String> labels) {
        return name + new TreeMap<>(labels);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
