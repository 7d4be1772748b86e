package io.barelb.runtime.kube;

import io.barelb.api.EventSink;
import io.barelb.api.Metrics;
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
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes Kubernetes Events ({@code core/v1}) about Services and configuration resources, and logs each one.
 * Thread-safe; the caller never waits for the API: events are written on a background thread, and a failed
 * write is logged, not thrown. Repeats are aggregated and rate limited as Kubernetes' own recorder does
 * ({@link EventCorrelator}): one Event per object, type, reason and message, whose {@code count} grows.
 *
 * <p>Events come second to the writes they report on. The writer takes them from a bounded queue
 * ({@link #QUEUE_CAPACITY}), and while {@link #yieldTo the controller's status work} is pending it waits until
 * that work has been idle for {@link #QUIET}: a burst of new Services gets its addresses first and its Events
 * after. So that Events are never starved, an Event that has waited {@link #MAX_YIELD} is written anyway (one a
 * second while the controller stays busy). A full queue drops the Event, as client-go's recorder does: the drop is
 * counted ({@value #DROPPED}), logged once per spell of drops at warn, and the Event's count is carried by its next
 * write if it happens again. {@value #QUEUED} is how many wait.
 */
public final class KubeEventSink implements EventSink, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KubeEventSink.class);

    /** Events waiting to be written, at most; sized for twice the burst of 10,000 new Services we measure. */
    public static final int QUEUE_CAPACITY = 20_000;
    /** How long the controller's status work must have been idle before an Event is written. */
    static final Duration QUIET = Duration.ofMillis(100);
    /** How long an Event yields to status work at most. */
    static final Duration MAX_YIELD = Duration.ofSeconds(1);
    /** How often the writer looks whether status work is still pending while it yields. */
    private static final long POLL_MILLIS = 10;
    static final String QUEUED = "barelb_events_queued";
    static final String DROPPED = "barelb_events_dropped_total";

    private final KubernetesClient client;
    private final String component;
    private final AtomicLong sequence = new AtomicLong();
    private final EventCorrelator correlator;
    private final AtomicReference<UidSource> uids = new AtomicReference<>();
    private final AtomicReference<Priority> priority = new AtomicReference<>();
    /** The Events to write, oldest first; guarded by {@link #lock}, which also wakes the writer. */
    private final ArrayDeque<EventKey> queue = new ArrayDeque<>();
    private final int capacity;
    private final Object lock = new Object();
    private final AtomicLong dropped = new AtomicLong();
    /** {@link #dropped} as a metric; null without metrics. */
    private final Metrics.Counter droppedMetric;
    /** True from the first drop until an Event is queued again: the drop is logged once per spell. */
    private final AtomicBoolean dropping = new AtomicBoolean();
    private final Duration maxYield;
    private Thread writer;
    private volatile boolean closing;
    /** When the writer last saw status work pending ({@link System#nanoTime()}); the writer's thread only. */
    private long lastBusy = System.nanoTime() - QUIET.toNanos();

    /** A lookup of Service uids and who set it. */
    private record UidSource(Object owner, Function<ServiceKey, Optional<String>> lookup) {
    }

    /** Work that goes before Events, and who set it. */
    private record Priority(Object owner, BooleanSupplier pending) {
    }

    /**
     * A sink without metrics, with the default queue.
     *
     * @param client    where to write
     * @param component the event source, e.g. {@code barelb-controller}
     * @param clock     timestamps
     */
    public KubeEventSink(KubernetesClient client, String component, Clock clock) {
        this(client, component, clock, null, QUEUE_CAPACITY);
    }

    /**
     * @param client    where to write
     * @param component the event source, e.g. {@code barelb-controller}
     * @param clock     timestamps
     * @param metrics   where {@value #QUEUED} and {@value #DROPPED} are recorded; null: nowhere
     * @param capacity  how many Events may wait to be written
     */
    public KubeEventSink(KubernetesClient client, String component, Clock clock, Metrics metrics, int capacity) {
        this(client, component, clock, metrics, capacity, MAX_YIELD);
    }

    /** The same, an Event yielding for {@code maxYield} at most (tests). */
    KubeEventSink(KubernetesClient client, String component, Clock clock, Metrics metrics, int capacity,
                  Duration maxYield) {
        this.maxYield = maxYield;
        this.client = client;
        this.component = component;
        this.correlator = new EventCorrelator(clock, this::newName);
        this.capacity = capacity;
        if (metrics == null) {
            this.droppedMetric = null;
        } else {
            Map<String, String> labels = Map.of("component", component);
            this.droppedMetric = metrics.counter(DROPPED, "Events not written because the queue of Events to write was full",
                    labels);
            metrics.gauge(QUEUED, "Events waiting to be written", labels, this::queued);
        }
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

    /**
     * Makes Events wait while {@code pending} says status work is pending (the controller's work queue busy), so
     * they never delay it; {@code pending} null stops waiting. Only {@code owner}, who set it, clears it. Called
     * often from the writer's thread: cheap and thread-safe.
     */
    public void yieldTo(Object owner, BooleanSupplier pending) {
        if (pending == null) {
            priority.updateAndGet(current -> current != null && current.owner() == owner ? null : current);
        } else {
            priority.set(new Priority(owner, pending));
        }
    }

    /** Events waiting to be written now. */
    public int queued() {
        synchronized (lock) {
            return queue.size();
        }
    }

    /** Events dropped so far because the queue was full. */
    public long dropped() {
        return dropped.get();
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
        if (closing) {
            correlator.dropped(key);
            LOG.debug("event sink closed; dropped {} {}", reason, message);
        } else if (offer(key)) {
            dropping.set(false);
            startWriter();
        } else {
            correlator.dropped(key);
            dropped.incrementAndGet();
            if (droppedMetric != null) {
                droppedMetric.increment();
            }
            if (dropping.compareAndSet(false, true)) {
                LOG.warn("{} Events wait to be written already; dropping Events until there is room ({} so far,"
                        + " metric {})", capacity, dropped.get(), DROPPED);
            }
        }
        return true;
    }

    private synchronized void startWriter() {
        if (writer == null) {
            writer = new Thread(this::writeQueued, "barelb-events");
            writer.setDaemon(true);
            writer.start();
        }
    }

    private boolean offer(EventKey key) {
        synchronized (lock) {
            if (queue.size() >= capacity) {
                return false;
            }
            queue.add(key);
            lock.notifyAll();
            return true;
        }
    }

    /** The next Event to write, waiting for one; null once the sink is closing and none is left. */
    private EventKey next() throws InterruptedException {
        synchronized (lock) {
            while (queue.isEmpty() && !closing) {
                lock.wait();
            }
            return queue.poll();
        }
    }

    /** The writer's loop: each queued Event in turn, after the status work it yields to; on close, what is dirty. */
    private void writeQueued() {
        try {
            for (EventKey key = next(); key != null; key = next()) {
                awaitTurn();
                EventKey written = key;
                correlator.take(key).ifPresent(write -> send(reference(written), write));
            }
            correlator.dirty().forEach(write -> send(reference(write.key()), write));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Waits while status work is pending, until it has been idle for {@link #QUIET}, for {@link #MAX_YIELD} at
     * most, or until the sink closes. Polls every {@value #POLL_MILLIS} ms: status work does not report when it
     * ends, and polling costs nothing while no Event waits.
     */
    private void awaitTurn() throws InterruptedException {
        long start = System.nanoTime();
        while (!closing) {
            Priority first = priority.get();
            if (first == null) {
                return;
            }
            long now = System.nanoTime();
            if (first.pending().getAsBoolean()) {
                lastBusy = now;
            } else if (now - lastBusy >= QUIET.toNanos()) {
                return;
            }
            if (now - start >= maxYield.toNanos()) {
                return;
            }
            synchronized (lock) {
                if (!closing) {
                    lock.wait(POLL_MILLIS);
                }
            }
        }
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
     * Writes the events already queued, without yielding, and brings every aggregated Event's count up to date
     * (waiting up to 5 s in all), then stops; what is left unwritten then is logged.
     */
    @Override
    public void close() {
        Thread running;
        synchronized (lock) {
            if (closing) {
                return;
            }
            closing = true;
            lock.notifyAll();
        }
        if (!correlator.dirty().isEmpty()) {
            startWriter();
        }
        synchronized (this) {
            running = writer;
        }
        if (running == null) {
            return;
        }
        try {
            running.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (running.isAlive()) {
            LOG.info("closing: {} Events not written within 5 s are left to the writer, which ends with the process",
                    queued());
        }
    }
}
