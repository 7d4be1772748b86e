package io.barelb.runtime.kube;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides which occurrences of an Event reach the API, the way Kubernetes' event recorder does: occurrences
 * with the same object, type, reason and message are one Event whose {@code count} grows, and each object has a
 * token bucket (25 writes, then one more every 5 minutes) so that a Service failing on every reconcile costs
 * the API a bounded number of writes. Occurrences arriving while a write for their Event is still queued are
 * folded into that write. Counts are never lost: a suppressed occurrence is carried by the Event's next write,
 * and {@link #dirty()} lists what {@code close} still has to write.
 *
 * <p>An Event whose write is queued is held apart from the {@link #CACHE_SIZE} most recently used ones and never
 * forgotten until the writer {@link #take takes} it (the writer's queue bounds how many there are): a burst of
 * 10,000 new Services queues 10,000 Events, each written once.
 *
 * <p>Pure: no I/O; time from the injected clock. Thread-safe (every method is synchronized).
 */
final class EventCorrelator {

    /** Kubernetes' defaults ({@code client-go/tools/record}): burst 25, refill one token every 300 s. */
    static final int BURST = 25;
    static final Duration REFILL = Duration.ofMinutes(5);
    /** Kubernetes' default LRU size for aggregation. */
    static final int CACHE_SIZE = 4096;

    /** What the writer must do for one Event. */
    record Write(EventKey key, String name, boolean create, int count, Instant first, Instant last) {
    }

    private static final class Entry {
        final String name;
        final Instant first;
        Instant last;
        int count;
        int written;
        boolean exists;

        Entry(String name, Instant first) {
            this.name = name;
            this.first = first;
            this.last = first;
        }
    }

    private static final class Bucket {
        double tokens = BURST;
        Instant refilled;

        Bucket(Instant now) {
            this.refilled = now;
        }

        boolean take(Instant now) {
            double elapsed = Duration.between(refilled, now).toMillis() / (double) REFILL.toMillis();
            if (elapsed > 0) {
                tokens = Math.min(BURST, tokens + elapsed);
                refilled = now;
            }
            if (tokens < 1) {
                return false;
            }
            tokens -= 1;
            return true;
        }
    }

    private final Clock clock;
    private final EventNames names;
    /** Events whose write is queued: kept until taken, whatever their number. */
    private final Map<EventKey, Entry> queued = new HashMap<>();
    /** Every other Event, the least recently used forgotten beyond {@link #CACHE_SIZE}. */
    private final Map<EventKey, Entry> remembered = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<EventKey, Entry> eldest) {
            return size() > CACHE_SIZE;
        }
    };
    private final Map<String, Bucket> buckets = new HashMap<>();

    /** Names a new Event of an object. */
    interface EventNames {
        String next(EventKey key, Instant now);
    }

    EventCorrelator(Clock clock, EventNames names) {
        this.clock = clock;
        this.names = names;
    }

    /**
     * Records one occurrence. True when the caller must queue a write of this Event (then call {@link #take}
     * from the writer, or {@link #dropped} if it cannot be queued); false when the occurrence was folded into a
     * write already queued, or the object's bucket is empty (the next write carries it).
     */
    synchronized boolean record(EventKey key) {
        Instant now = clock.instant();
        Entry waiting = queued.get(key);
        if (waiting != null) {
            waiting.count++;
            waiting.last = now;
            return false;
        }
        Entry entry = remembered.computeIfAbsent(key, k -> new Entry(names.next(k, now), now));
        entry.count++;
        entry.last = now;
        Bucket bucket = buckets.computeIfAbsent(key.object(), o -> new Bucket(now));
        if (!bucket.take(now)) {
            return false;
        }
        remembered.remove(key);
        queued.put(key, entry);
        return true;
    }

    /** The write to make now for a queued Event (what it holds at this moment), or empty if none is queued. */
    synchronized Optional<Write> take(EventKey key) {
        Entry entry = queued.remove(key);
        if (entry == null) {
            return Optional.empty();
        }
        remembered.put(key, entry);
        return Optional.of(write(key, entry));
    }

    /**
     * The write queued by the last {@link #record} of {@code key} could not be queued (the writer's queue is
     * full): the Event is not written now; its count is carried by its next write (or {@link #dirty()}).
     */
    synchronized void dropped(EventKey key) {
        Entry entry = queued.remove(key);
        if (entry != null) {
            remembered.put(key, entry);
        }
    }

    /** Reports the outcome of a write: on success the Event exists with {@code write.count()}. */
    synchronized void written(Write write, boolean succeeded) {
        Entry entry = entry(write.key());
        if (entry == null || !entry.name.equals(write.name())) {
            return;
        }
        if (succeeded) {
            entry.exists = true;
            entry.written = Math.max(entry.written, write.count());
        }
    }

    /**
     * The Event no longer exists in the API (it expired): the next occurrence starts a new Event. Returns the
     * write that recreates it with the count so far.
     */
    synchronized Optional<Write> recreate(Write lost) {
        Map<EventKey, Entry> holder = queued.containsKey(lost.key()) ? queued : remembered;
        Entry old = holder.remove(lost.key());
        if (old == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Entry fresh = new Entry(names.next(lost.key(), now), now);
        fresh.count = Math.max(old.count - old.written, 1);
        holder.put(lost.key(), fresh);
        return Optional.of(write(lost.key(), fresh));
    }

    /** Every Event whose count in the API is behind and that is not queued, as the writes that bring it up to date. */
    synchronized List<Write> dirty() {
        List<Write> writes = new ArrayList<>();
        remembered.forEach((key, entry) -> {
            if (entry.count > entry.written) {
                writes.add(write(key, entry));
            }
        });
        return writes;
    }

    private Entry entry(EventKey key) {
        Entry entry = queued.get(key);
        return entry != null ? entry : remembered.get(key);
    }

    private static Write write(EventKey key, Entry entry) {
        return new Write(key, entry.name, !entry.exists, entry.count, entry.first, entry.last);
    }

    /** How many distinct Events are remembered. */
    synchronized int size() {
        return queued.size() + remembered.size();
    }
}
