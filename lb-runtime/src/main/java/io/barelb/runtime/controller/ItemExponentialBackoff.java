package io.barelb.runtime.controller;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Per-key exponential backoff: the n-th failure in a row of a key waits {@code base * 2^(n-1)}, at most
 * {@code max}. {@link #forget} resets the key. Thread-safe.
 *
 * @param <K> the key type
 */
final class ItemExponentialBackoff<K> implements RateLimiter<K> {

    private final Duration base;
    private final Duration max;
    private final Map<K, Integer> failures = new HashMap<>();

    ItemExponentialBackoff(Duration base, Duration max) {
        if (base.isNegative() || base.isZero() || max.compareTo(base) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < base <= max, got base " + base + ", max " + max);
        }
        this.base = base;
        this.max = max;
    }

    @Override
    public synchronized Duration when(K key) {
        int before = failures.merge(key, 1, Integer::sum) - 1;
        double nanos = base.toNanos() * Math.pow(2, before);
        return nanos >= max.toNanos() ? max : Duration.ofNanos((long) nanos);
    }

    @Override
    public synchronized void forget(K key) {
        failures.remove(key);
    }

    @Override
    public synchronized int failures(K key) {
        return failures.getOrDefault(key, 0);
    }
}
