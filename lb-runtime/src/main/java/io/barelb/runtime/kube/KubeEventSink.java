package io.barelb.runtime.kube;

import io.barelb.api.EventSink;
import io.barelb.api.ServiceKey;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes Kubernetes Events ({@code core/v1}) about Services and configuration resources, and logs each one.
 * Thread-safe; the caller never waits for the API: events are written on a background thread, and a failed
 * write is logged, not thrown. Repeats are aggregated and rate limited as Kubernetes' own recorder does
 * ({@link EventCorrelator}): one Event per object, type, reason and message, whose {@code count} grows.
 */
public final class KubeEventSink implements EventSink, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KubeEventSink.class);

    private final KubernetesClient client;
    private final String component;
    private final ExecutorService writer;
    private final AtomicLong sequence = new AtomicLong();
    private final EventCorrelator correlator;
    private final AtomicReference<UidSource> uids = new AtomicReference<>();

    /** A lookup of Service uids and who set it. */
    private record UidSource(Object owner, Function<ServiceKey, Optional<String>> lookup) {
    }

    /**
     * @param client    where to write
     * @param component the event source, e.g. {@code barelb-controller}
     * @param clock     timestamps
     */
    public KubeEventSink(KubernetesClient client, String component, Clock clock) {
        this.client = client;
        this.component = component;
        this.correlator = new EventCorrelator(clock, this::newName);
        this.writer = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "barelb-events");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public void normal(ServiceKey service, String reason, String message) {
        if (write(service(service), "Normal", reason, message)) {
            LOG.info("{}: {}: {}", service, reason, message);
        }
    }

    @Override
    public void warning(ServiceKey service, String reason, String message) {
        if (write(service(service), "Warning", reason, message)) {
            LOG.warn("{}: {}: {}", service, reason, message);
        }
    }

    /** A Warning about a configuration object ({@code kind} of {@code apiVersion} in {@code namespace}). */
    public void configWarning(String namespace, String apiVersion, String kind, String name, String reason,
                              String message) {
        if (write(new ObjectReferenceBuilder().withApiVersion(apiVersion).withKind(kind).withNamespace(namespace)
                .withName(name).build(), "Warning", reason, message)) {
            LOG.warn("{} {}/{}: {}: {}", kind, namespace, name, reason, message);
        }
    }

    /**
     * Where a Service's uid is found before the API is asked (a controller term's informer cache), so a new Event
     * costs no read; {@code lookup} null stops using it. Only {@code owner}, who set a lookup, clears it: a term
     * that ends after the next one started leaves the newer lookup in place.
     */
    public void uidsFrom(Object owner, Function<ServiceKey, Optional<String>> lookup) {
        if (lookup == null) {
            uids.updateAndGet(source -> source != null && source.owner() == owner ? null : source);
        } else {
            uids.set(new UidSource(owner, lookup));
        }
    }

    private static ObjectReference reference(EventKey key) {
        return new ObjectReferenceBuilder().withApiVersion(key.apiVersion()).withKind(key.kind())
                .withNamespace(key.namespace()).withName(key.name()).build();
    }

    private static ObjectReference service(ServiceKey service) {
        return new ObjectReferenceBuilder().withApiVersion("v1").withKind("Service")
                .withNamespace(service.namespace()).withName(service.name()).build();
    }

    /**
     * Hands one occurrence to the correlator; true when it is written (then the caller logs it too, so the log
     * is rate limited like the API), false when it is folded into the Event's next write.
     */
    private boolean write(ObjectReference object, String type, String reason, String message) {
        EventKey key = EventKey.of(object, type, reason, message);
        if (!correlator.record(key)) {
            LOG.debug("{} {}/{}: {}: {} (repeated)", object.getKind(), object.getNamespace(), object.getName(),
                    reason, message);
            return false;
        }
        try {
            writer.execute(() -> correlator.take(key).ifPresent(write -> send(object, write)));
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            LOG.debug("event sink closed; dropped {} {}", reason, message);
        }
        return true;
    }

    private void send(ObjectReference object, EventCorrelator.Write write) {
        String namespace = object.getNamespace();
        try {
            if (write.create()) {
                client.v1().events().inNamespace(namespace).resource(event(withUid(object), write)).create();
            } else {
                String patch = "{\"count\":" + write.count() + ",\"lastTimestamp\":\"" + time(write.last()) + "\"}";
                var updated = client.v1().events().inNamespace(namespace).withName(write.name())
                        .patch(PatchContext.of(PatchType.JSON_MERGE), patch);
                if (updated == null) {
                    throw new KubernetesClientException("not found", 404, null);
                }
            }
            correlator.written(write, true);
        } catch (KubernetesClientException e) {
            correlator.written(write, false);
            if (!write.create() && e.getCode() == 404) {
                // the API expired the Event (an hour by default): start a new one with what it had not counted
                correlator.recreate(write).ifPresent(fresh -> send(object, fresh));
                return;
            }
            LOG.debug("could not write event {} for {}/{}: {}", write.key().reason(), namespace, object.getName(),
                    e.toString());
        } catch (RuntimeException e) {
            correlator.written(write, false);
            LOG.debug("could not write event {} for {}/{}: {}", write.key().reason(), namespace, object.getName(),
                    e.toString());
        }
    }

    /**
     * The reference with the object's uid: {@code kubectl describe} finds an object's Events by uid, so an Event
     * without one is invisible there. Taken from {@link #uidsFrom the cache} when it has the object, otherwise one
     * read per new Event (repeats are patches); without the object, as is.
     */
    private ObjectReference withUid(ObjectReference object) {
        if (object.getUid() != null) {
            return object;
        }
        UidSource source = uids.get();
        if (source != null && "v1".equals(object.getApiVersion()) && "Service".equals(object.getKind())) {
            Optional<String> cached = source.lookup().apply(new ServiceKey(object.getNamespace(), object.getName()));
            if (cached.isPresent()) {
                return new ObjectReferenceBuilder(object).withUid(cached.get()).build();
            }
        }
        try {
            var metadata = "v1".equals(object.getApiVersion()) && "Service".equals(object.getKind())
                    ? java.util.Optional.ofNullable(client.services().inNamespace(object.getNamespace())
                            .withName(object.getName()).get()).map(service -> service.getMetadata())
                    : java.util.Optional.ofNullable(client.genericKubernetesResources(object.getApiVersion(), object.getKind())
                            .inNamespace(object.getNamespace()).withName(object.getName()).get())
                            .map(resource -> resource.getMetadata());
            return metadata.map(m -> new ObjectReferenceBuilder(object).withUid(m.getUid()).build()).orElse(object);
        } catch (RuntimeException e) {
            LOG.debug("cannot read the uid of {} {}/{}: {}", object.getKind(), object.getNamespace(), object.getName(),
                    e.toString());
            return object;
        }
    }

    private Event event(ObjectReference object, EventCorrelator.Write write) {
        EventKey key = write.key();
        return new EventBuilder()
                .withNewMetadata().withName(write.name()).withNamespace(object.getNamespace()).endMetadata()
                .withInvolvedObject(object)
                .withType(key.type())
                .withReason(key.reason())
                .withMessage(key.message())
                .withCount(write.count())
                .withFirstTimestamp(time(write.first()))
                .withLastTimestamp(time(write.last()))
                .withNewSource().withComponent(component).endSource()
                .withReportingComponent(component)
                .build();
    }

    private static String time(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    private String newName(EventKey key, Instant now) {
        String name = key.name() + "." + Long.toHexString(now.toEpochMilli()) + "-"
                + Long.toHexString(sequence.incrementAndGet());
        return name.toLowerCase(Locale.ROOT);
    }

    /**
     * Writes the events already handed over and brings every aggregated Event's count up to date (waiting up to
     * 5 s in all), then stops.
     */
    @Override
    public void close() {
        try {
            writer.execute(() -> correlator.dirty().forEach(write -> send(reference(write.key()), write)));
        } catch (java.util.concurrent.RejectedExecutionException alreadyClosed) {
            return;
        }
        writer.shutdown();
        try {
            writer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
