package io.barelb.runtime.speaker;

import io.barelb.runtime.host.HealthChecks;
import io.barelb.runtime.host.PrometheusMetrics;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running speaker: the source feeds the speaker, status is read every status interval, every announcer is
 * handed its state again every resync interval, metrics are served, and {@link #stop()} (or the JVM's shutdown)
 * withdraws every announcement before the process ends.
 */
public final class SpeakerProcess {

    private static final Logger LOG = LoggerFactory.getLogger(SpeakerProcess.class);

    private final SpeakerSettings settings;
    private final ClusterSource source;
    private final Speaker speaker;
    private final PrometheusMetrics metrics;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final ScheduledExecutorService timers;
    private final HealthChecks health = new HealthChecks();
    /** The last view the source delivered; null until the source has read everything once. */
    private volatile ClusterView lastView;
    private java.io.Closeable metricsServer = () -> { };

    @Inject
    SpeakerProcess(SpeakerSettings settings, ClusterSource source, Speaker speaker, PrometheusMetrics metrics,
                   ScheduledExecutorService timers) {
        this.settings = settings;
        this.timers = timers;
        this.source = source;
        this.speaker = speaker;
        this.metrics = metrics;
    }

    /** Starts everything and returns; the process serves until {@link #stop()}. */
    public void start() {
        SpeakerHealth.register(health, () -> lastView, speaker, stopped);
        metricsServer = metrics.serve(settings.metricsPort(), health,
                java.util.Optional.of(() -> SpeakerStatusPage.render(settings.nodeName(), speaker)));
        source.start(view -> {
            lastView = view;
            speaker.reconcile(view);
        });
        long interval = settings.statusInterval().toMillis();
        timers.scheduleWithFixedDelay(speaker::reportStatus, interval, interval, TimeUnit.MILLISECONDS);
        long resync = settings.resyncInterval().toMillis();
        timers.scheduleWithFixedDelay(speaker::resync, resync, resync, TimeUnit.MILLISECONDS);
        LOG.info("speaker for node {} started ({}; metrics {})", settings.nodeName(),
                settings.staticPath().map(p -> "static files " + p).orElse("Kubernetes API"),
                settings.metricsPort() > 0 ? "on :" + settings.metricsPort() + "/metrics" : "off");
    }

    /** Withdraws every announcement and stops. Idempotent. */
    public void stop() {
        if (stopped.getCount() == 0) {
            return;
        }
        source.close();
        speaker.close();
        timers.shutdownNow();
        try {
            metricsServer.close();
        } catch (IOException e) {
            LOG.warn("metrics endpoint did not close cleanly: {}", e.getMessage());
        }
        stopped.countDown();
        LOG.info("speaker for node {} stopped", settings.nodeName());
    }

    /** The checks behind {@code /healthz} and {@code /readyz}. */
    public HealthChecks health() {
        return health;
    }

    /** Blocks until stopped. */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }
}
