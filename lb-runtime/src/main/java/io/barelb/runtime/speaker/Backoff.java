package io.barelb.runtime.speaker;

import java.time.Duration;

/**
 * Exponential backoff: the first delay is {@code initial}, each further one doubles, up to {@code max};
 * {@link #reset()} after a success starts over. Pure; not thread-safe (the speaker calls it under its lock).
 */
final class Backoff {

    private final Duration initial;
    private final Duration max;
    private Duration next;

    Backoff(Duration initial, Duration max) {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < initial <= max, got " + initial + " and " + max);
        }
        this.initial = initial;
        this.max = max;
        this.next = initial;
    }

    /** The delay before the next attempt; the one after it is twice as long (at most {@code max}). */
    Duration next() {
        Duration now = next;
        next = now.compareTo(max.dividedBy(2)) > 0 ? max : now.multipliedBy(2);
        return now;
    }

    /** Starts over at {@code initial}. */
    void reset() {
        next = initial;
    }
}
