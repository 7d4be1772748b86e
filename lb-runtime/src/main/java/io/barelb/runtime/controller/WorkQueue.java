package io.barelb.runtime.controller;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A queue of keys to reconcile where a key waiting already is not added twice (many watch events for one
 * object become one reconcile). Thread-safe: informer threads add, the reconcile thread takes.
 *
 * @param <K> the key type
 */
final class WorkQueue<K> {

    private final LinkedHashSet<K> waiting = new LinkedHashSet<>();
    private boolean closed;

    /** Adds a key unless it waits already. */
    synchronized void add(K key) {
        if (!closed && waiting.add(key)) {
            notifyAll();
        }
    }

    /** The oldest key, waiting up to {@code timeout}; empty on timeout or when closed. */
    synchronized Optional<K> take(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (waiting.isEmpty() && !closed) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return Optional.empty();
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        if (closed) {
            return Optional.empty();
        }
        K key = waiting.iterator().next();
        waiting.remove(key);
        return Optional.of(key);
    }

    synchronized int size() {
        return waiting.size();
    }

    /** Stops handing out keys; a waiting {@link #take} returns empty. */
    synchronized void close() {
        closed = true;
        waiting.clear();
        notifyAll();
    }
}
