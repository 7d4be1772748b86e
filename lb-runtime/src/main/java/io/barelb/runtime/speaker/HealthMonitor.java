package io.barelb.runtime.speaker;

import io.barelb.api.Metrics;
import io.barelb.runtime.config.HealthCheckSpec;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs this node's health checks: for every {@code HealthCheck} in force, a probe every interval, its outcome fed to
 * a {@link HealthState}. Ticks and state changes run on {@code scheduler}; the blocking probes on {@code probes}, one
 * at a time per check (a tick while a probe is still out is skipped). When a check's status changes, the listener
 * runs, on the scheduler's thread and outside this monitor's lock, so the speaker plans again.
 *
 * <p>Metrics per check: {@value #HEALTHY_METRIC} (1 while healthy), {@value #TRANSITIONS_METRIC} (by the status
 * entered), {@value #LATENCY_METRIC} (the last probe's), {@value #PROBES_METRIC} (by result). Thread-safe.
 */
final class HealthMonitor implements AutoCloseable {

    static final String HEALTHY_METRIC = "barelb_health_check_healthy";
    static final String TRANSITIONS_METRIC = "barelb_health_check_transitions_total";
    static final String LATENCY_METRIC = "barelb_health_check_latency_seconds";
    static final String PROBES_METRIC = "barelb_health_check_probes_total";
    private static final Logger LOG = LoggerFactory.getLogger(HealthMonitor.class);

    private final String nodeName;
    private final ScheduledExecutorService scheduler;
    private final Executor probes;
    private final Clock clock;
    private final Metrics metrics;
    private final Map<String, Running> running = new TreeMap<>();
    private volatile Runnable listener = () -> { };
    private boolean closed;

    /** One check being run. */
    private final class Running {
        final HealthCheckSpec spec;
        final Probe probe;
        final HealthState state;
        ScheduledFuture<?> tick;
        boolean probing;
        double lastLatencySeconds = Double.NaN;

        Running(HealthCheckSpec spec) {
            this.spec = spec;
            this.probe = Probe.of(spec, clock);
            this.state = new HealthState(spec.rise(), spec.fall());
        }
    }

    /**
     * @param scheduler runs the ticks and records the outcomes (the speaker's timer thread)
     * @param probes    runs the blocking probes
     */
    HealthMonitor(String nodeName, ScheduledExecutorService scheduler, Executor probes, Clock clock, Metrics metrics) {
        this.nodeName = nodeName;
        this.scheduler = scheduler;
        this.probes = probes;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** Who is told when a check's status changes. */
    void onChange(Runnable changeListener) {
        this.listener = changeListener;
    }

    /**
     * Makes the checks run exactly those in {@code specs}: new ones start (probed at once), removed ones stop, and a
     * changed one starts over from not checked. Idempotent.
     */
    synchronized void track(List<HealthCheckSpec> specs) {
        if (closed) {
            return;
        }
        Map<String, HealthCheckSpec> wanted = new HashMap<>();
        specs.forEach(spec -> wanted.put(spec.name(), spec));
        for (String name : new ArrayList<>(running.keySet())) {
            Running current = running.get(name);
            if (!current.spec.equals(wanted.get(name))) {
                stop(name, current);
            }
        }
        for (HealthCheckSpec spec : wanted.values()) {
            if (!running.containsKey(spec.name())) {
                start(spec);
            }
        }
    }

    private void start(HealthCheckSpec spec) {
        Running check = new Running(spec);
        running.put(spec.name(), check);
        Map<String, String> labels = labels(spec.name());
        metrics.gauge(HEALTHY_METRIC, "1 while the backend of this health check on this node is healthy", labels,
                () -> healthy(spec.name()) ? 1 : 0);
        metrics.gauge(LATENCY_METRIC, "How long the last probe of this health check took", labels,
                () -> lastLatency(spec.name()));
        LOG.info("health check {} on node {}: {} every {} ms (timeout {} ms, rise {}, fall {})", spec.name(), nodeName,
                spec.describe(), spec.interval().toMillis(), spec.timeout().toMillis(), spec.rise(), spec.fall());
        check.tick = scheduler.scheduleWithFixedDelay(() -> tick(check), 0, spec.interval().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void stop(String name, Running check) {
        check.tick.cancel(false);
        running.remove(name);
        metrics.remove(HEALTHY_METRIC, labels(name));
        metrics.remove(LATENCY_METRIC, labels(name));
        LOG.info("health check {} on node {} stopped", name, nodeName);
    }

    private void tick(Running check) {
        synchronized (this) {
            if (closed || running.get(check.spec.name()) != check || check.probing) {
                return;
            }
            check.probing = true;
        }
        try {
            probes.execute(() -> {
                Probe.Result result = check.probe.run();
                try {
                    scheduler.execute(() -> record(check, result));
                } catch (RejectedExecutionException stopping) {
                    LOG.debug("health check {}: result dropped, the speaker is stopping", check.spec.name());
                }
            });
        } catch (RejectedExecutionException stopping) {
            synchronized (this) {
                check.probing = false;
            }
        }
    }

    private void record(Running check, Probe.Result result) {
        boolean changed;
        synchronized (this) {
            check.probing = false;
            if (closed || running.get(check.spec.name()) != check) {
                return;
            }
            check.lastLatencySeconds = result.latency().toNanos() / 1e9;
            metrics.counter(PROBES_METRIC, "Probes of this health check on this node, by result",
                    Map.of("check", check.spec.name(), "result", result.success() ? "success" : "failure")).increment();
            changed = check.state.record(result.success(), result.detail());
            if (changed) {
                metrics.counter(TRANSITIONS_METRIC, "Status changes of this health check on this node, by the status entered",
                        Map.of("check", check.spec.name(), "to", check.state.status().name().toLowerCase(java.util.Locale.ROOT)))
                        .increment();
                LOG.info("health check {} on node {}: {}", check.spec.name(), nodeName, check.state.summary());
            } else if (!result.success()) {
                LOG.debug("health check {} on node {}: probe failed: {}", check.spec.name(), nodeName, result.detail());
            }
        }
        if (changed) {
            listener.run();
        }
    }

    /** True if the check named {@code name} runs and its backend is healthy. */
    synchronized boolean healthy(String name) {
        Running check = running.get(name);
        return check != null && check.state.healthy();
    }

    /** The check's status phrase ({@link HealthState#summary()}), or empty if no check of that name runs. */
    synchronized Optional<String> summary(String name) {
        return Optional.ofNullable(running.get(name)).map(check -> check.state.summary());
    }

    /** Every running check's name, status and phrase, for the status page. */
    synchronized Map<String, Report> reports() {
        Map<String, Report> reports = new TreeMap<>();
        running.forEach((name, check) -> reports.put(name, new Report(check.spec.describe(), check.state.status(),
                check.state.summary(), check.lastLatencySeconds)));
        return reports;
    }

    /** One check's state, as reported. */
    record Report(String target, HealthState.Status status, String summary, double lastLatencySeconds) {
    }

    private synchronized double lastLatency(String name) {
        Running check = running.get(name);
        return check == null ? Double.NaN : check.lastLatencySeconds;
    }

    private Map<String, String> labels(String name) {
        return Map.of("check", name, "node", nodeName);
    }

    /** Stops every check. Idempotent. */
    @Override
    public synchronized void close() {
        closed = true;
        new ArrayList<>(running.entrySet()).forEach(entry -> stop(entry.getKey(), entry.getValue()));
    }
}
