package io.barelb.runtime.controller;

import java.time.Duration;

/**
 * How long a key that failed waits before its next try. Thread-safe.
 *
 * @param <K> the key type
 */
interface RateLimiter<K> {

    /** The wait before {@code key}'s next try; counts one more failure of it. */
    Duration when(K key);

    /** Forgets {@code key}'s failures (it succeeded); its next failure waits the shortest time again. */
    void forget(K key);

    /** How many times {@code key} failed since it was last forgotten. */
    int failures(K key);

    /**
     * The controller's default, as client-go's: per key 5 ms doubling up to 1000 s, and over all keys at most 10
     * retries a second after a burst of 100, whichever waits longer.
     */
    static <K> RateLimiter<K> controllerDefault(java.time.Clock clock) {
        return longest(new ItemExponentialBackoff<>(Duration.ofMillis(5), Duration.ofSeconds(1000)),
                new TokenBucket<>(10, 100, clock));
    }

    /** Waits as long as the longer of both; counts and forgets in both. */
    static <K> RateLimiter<K> longest(RateLimiter<K> first, RateLimiter<K> second) {
        return new RateLimiter<>() {
            @Override
            public Duration when(K key) {
                Duration a = first.when(key);
                Duration b = second.when(key);
                return a.compareTo(b) >= 0 ? a : b;
            }

            @Override
            public void forget(K key) {
                first.forget(key);
                second.forget(key);
            }

            @Override
            public int failures(K key) {
                return Math.max(first.failures(key), second.failures(key));
            }
        };
    }
}
