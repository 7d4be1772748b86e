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
        boolean queued;

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
    private final Map<EventKey, Entry> events = new LinkedHashMap<>(64, 0.75f, true) {
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
     * from the writer); false when the occurrence was folded into a write already queued, or the object's
     * bucket is empty (the next write carries it).
     */
    synchronized boolean record(EventKey key) {
        Instant now = clock.instant();
        Entry entry = events.computeIfAbsent(key, k -> new Entry(names.next(k, now), now));
        entry.count++;
        entry.last = now;
        if (entry.queued) {
            return false;
        }
        Bucket bucket = buckets.computeIfAbsent(key.object(), o -> new Bucket(now));
        if (!bucket.take(now)) {
            return false;
        }
        entry.queued = true;
        return true;
    }

    /** The write to make now for a queued Event (what it holds at this moment), or empty if it was evicted. */
    synchronized Optional<Write> take(EventKey key) {
        Entry entry = events.get(key);
        if (entry == null) {
            return Optional.empty();
        }
        entry.queued = false;
        return Optional.of(new Write(key, entry.name, !entry.exists, entry.count, entry.first, entry.last));
    }

    /** Reports the outcome of a write: on success the Event exists with {@code write.count()}. */
    synchronized void written(Write write, boolean succeeded) {
        Entry entry = events.get(write.key());
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
        Entry old = events.remove(lost.key());
        if (old == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Entry fresh = new Entry(names.next(lost.key(), now), now);
        fresh.count = old.count - old.written;
        fresh.count = Math.max(fresh.count, 1);
        events.put(lost.key(), fresh);
        return Optional.of(new Write(lost.key(), fresh.name, true, fresh.count, fresh.first, fresh.last));
    }

    /** Every Event whose count in the API is behind, as the writes that bring it up to date. */
    synchronized List<Write> dirty() {
        List<Write> writes = new ArrayList<>();
        events.forEach((key, entry) -> {
            if (entry.count > entry.written && !entry.queued) {
                writes.add(new Write(key, entry.name, !entry.exists, entry.count, entry.first, entry.last));
            }
        });
        return writes;
    }

    /** How many distinct Events are remembered. */
    synchronized int size() {
        return events.size();
    }
}
