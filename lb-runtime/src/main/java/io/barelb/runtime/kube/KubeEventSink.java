package io.barelb.runtime.kube;

import io.barelb.api.EventSink;
import io.barelb.api.ServiceKey;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes Kubernetes Events ({@code core/v1}) about Services and configuration resources, and logs each one.
 * Thread-safe; the caller never waits for the API: events are written on a background thread, and a failed
 * write is logged, not thrown.
 */
public final class KubeEventSink implements EventSink, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KubeEventSink.class);

    private final KubernetesClient client;
    private final String component;
    private final Clock clock;
    private final ExecutorService writer;
    private final AtomicLong sequence = new AtomicLong();

    /**
     * @param client    where to write
     * @param component the event source, e.g. {@code barelb-controller}
     * @param clock     timestamps
     */
    public KubeEventSink(KubernetesClient client, String component, Clock clock) {
        this.client = client;
        this.component = component;
        this.clock = clock;
        this.writer = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "barelb-events");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public void normal(ServiceKey service, String reason, String message) {
        LOG.info("{}: {}: {}", service, reason, message);
        write(service(service), "Normal", reason, message);
    }

    @Override
    public void warning(ServiceKey service, String reason, String message) {
        LOG.warn("{}: {}: {}", service, reason, message);
        write(service(service), "Warning", reason, message);
    }

    /** A Warning about a configuration object ({@code kind} of {@code apiVersion} in {@code namespace}). */
    public void configWarning(String namespace, String apiVersion, String kind, String name, String reason,
                              String message) {
        LOG.warn("{} {}/{}: {}: {}", kind, namespace, name, reason, message);
        write(new ObjectReferenceBuilder().withApiVersion(apiVersion).withKind(kind).withNamespace(namespace)
                .withName(name).build(), "Warning", reason, message);
    }

    private static ObjectReference service(ServiceKey service) {
        return new ObjectReferenceBuilder().withApiVersion("v1").withKind("Service")
                .withNamespace(service.namespace()).withName(service.name()).build();
    }

    private void write(ObjectReference object, String type, String reason, String message) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        String time = DateTimeFormatter.ISO_INSTANT.format(now);
        String name = object.getName() + "." + Long.toHexString(now.toEpochMilli()) + "-"
                + Long.toHexString(sequence.incrementAndGet());
        Event event = new EventBuilder()
                .withNewMetadata().withName(name.toLowerCase(Locale.ROOT)).withNamespace(object.getNamespace()).endMetadata()
                .withInvolvedObject(object)
                .withType(type)
                .withReason(reason)
                .withMessage(message)
                .withCount(1)
                .withFirstTimestamp(time)
                .withLastTimestamp(time)
                .withNewSource().withComponent(component).endSource()
                .withReportingComponent(component)
                .build();
        try {
            writer.execute(() -> {
                try {
                    client.v1().events().inNamespace(object.getNamespace()).resource(event).create();
                } catch (RuntimeException e) {
                    LOG.debug("could not write event {} for {}/{}: {}", reason, object.getNamespace(), object.getName(),
                            e.toString());
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            LOG.debug("event sink closed; dropped {} {}", reason, message);
        }
    }

    /** Writes the events already handed over (waiting up to 5 s), then stops. */
    @Override
    public void close() {
        writer.shutdown();
        try {
            writer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
