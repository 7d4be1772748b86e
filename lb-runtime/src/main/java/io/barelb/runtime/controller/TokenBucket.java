package io.barelb.runtime.controller;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * An overall limit on retries, whatever the key: a bucket of {@code burst} tokens refilled at {@code perSecond};
 * each retry takes one, and when none is left it waits until its token has been refilled (later retries queue up
 * behind it). Time comes from the injected clock. Keeps no per-key state. Thread-safe.
 *
 * @param <K> the key type
 */
final class TokenBucket<K> implements RateLimiter<K> {

    private final double perSecond;
    private final int burst;
    private final Clock clock;
    private double tokens;
    private Instant last;

    TokenBucket(double perSecond, int burst, Clock clock) {
        if (perSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("a token bucket needs a positive rate and burst, got " + perSecond
                    + "/s, burst " + burst);
        }
        this.perSecond = perSecond;
        this.burst = burst;
        this.clock = clock;
        this.tokens = burst;
    }

    @Override
    public synchronized Duration when(K key) {
        Instant now = clock.instant();
        if (last != null && now.isAfter(last)) {
            double refilled = Duration.between(last, now).toNanos() / 1e9 * perSecond;
            tokens = Math.min(burst, tokens + refilled);
        }
        last = last == null || now.isAfter(last) ? now : last;
        tokens -= 1;
        return tokens >= 0 ? Duration.ZERO : Duration.ofNanos((long) Math.ceil(-tokens / perSecond * 1e9));
    }

    @Override
    public void forget(K key) {
        // no per-key state
    }

    @Override
    public int failures(K key) {
        return 0;
    }
}
