package io.barelb.runtime.controller;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.function.Consumer;

/**
 * Keys to reconcile, handed one at a time, oldest first, to one worker on the {@link Scheduler}'s thread.
 * A key that waits already is not added twice (many watch events for one object become one reconcile). A key
 * whose reconcile failed comes back through {@link #addRateLimited} after its {@link RateLimiter} wait, as a
 * scheduled task, never a thread of its own; {@link #forget} after a success resets its backoff.
 *
 * <p>Keys added before {@link #start} wait until it; after {@link #close} nothing is added or handed out.
 * Thread-safe: informer threads add, the worker runs on the scheduler's thread.
 *
 * @param <K> the key type
 */
final class WorkQueue<K> {

    private final Scheduler scheduler;
    private final RateLimiter<K> limiter;
    private final LinkedHashSet<K> waiting = new LinkedHashSet<>();
    private Consumer<K> worker;
    private boolean handing;
    private boolean working;
    private boolean closed;

    WorkQueue(Scheduler scheduler, RateLimiter<K> limiter) {
        this.scheduler = scheduler;
        this.limiter = limiter;
    }

    /** Starts handing keys to {@code worker}, on the scheduler's thread, one task per key. */
    synchronized void start(Consumer<K> worker) {
        if (this.worker != null) {
            throw new IllegalStateException("the work queue was started already");
        }
        this.worker = worker;
        handNext();
    }

    /** Adds a key unless it waits already. */
    synchronized void add(K key) {
        if (!closed && waiting.add(key)) {
            handNext();
        }
    }

    /**
     * Adds {@code key} once the rate limiter's wait for it has passed, and counts one failure of it.
     *
     * @return the wait
     */
    Duration addRateLimited(K key) {
        Duration wait = limiter.when(key);
        scheduler.schedule(wait, () -> add(key));
        return wait;
    }

    /** Resets {@code key}'s backoff (its reconcile succeeded). */
    void forget(K key) {
        limiter.forget(key);
    }

    /** How many times in a row {@code key} failed. */
    int failures(K key) {
        return limiter.failures(key);
    }

    /** Keys waiting to be handed out. */
    synchronized int size() {
        return waiting.size();
    }

    /** True while a key waits or is being worked on. */
    synchronized boolean busy() {
        return working || !waiting.isEmpty();
    }

    /** Stops adding and handing out keys; the key being worked on, if any, finishes. Idempotent. */
    synchronized void close() {
        closed = true;
        waiting.clear();
    }

    /** Schedules the next hand-out unless one is scheduled already or nothing waits. Holds the lock. */
    private void handNext() {
        if (worker != null && !handing && !closed && !waiting.isEmpty()) {
            handing = true;
            scheduler.schedule(Duration.ZERO, this::handOne);
        }
    }

    private void handOne() {
        K key;
        synchronized (this) {
            handing = false;
            if (closed || waiting.isEmpty()) {
                return;
            }
            Iterator<K> oldest = waiting.iterator();
            key = oldest.next();
            oldest.remove();
            working = true;
        }
        try {
            worker.accept(key);
        } finally {
            synchronized (this) {
                working = false;
                handNext();
            }
        }
    }
}
