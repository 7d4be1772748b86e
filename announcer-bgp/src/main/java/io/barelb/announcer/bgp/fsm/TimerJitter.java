package io.barelb.announcer.bgp.fsm;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * RFC 4271 §10's jitter: each time the ConnectRetryTimer or the KeepaliveTimer starts, its interval is multiplied
 * by a random factor between 0.75 and 1.0, so that peers restarted together do not stay in step. The hold timer
 * and the IdleHoldTimer run unjittered. The random source is injected; {@link #NONE} keeps intervals exact (tests
 * that count seconds). Not thread-safe (the source need not be): one session's event loop uses it.
 */
public final class TimerJitter {

    /** No jitter: every interval as configured. */
    public static final TimerJitter NONE = new TimerJitter(null);

    private static final double LOWEST_FACTOR = 0.75;

    private final RandomGenerator random;

    private TimerJitter(RandomGenerator random) {
        this.random = random;
    }

    /** Jitter drawn from {@code random} ({@code nextDouble()} in [0, 1) gives a factor in [0.75, 1.0)). */
    public static TimerJitter from(RandomGenerator random) {
        return new TimerJitter(Objects.requireNonNull(random, "random"));
    }

    /** The interval {@code timer} runs for this time. */
    Duration apply(SessionTimer timer, Duration interval) {
        if (random == null || (timer != SessionTimer.CONNECT_RETRY && timer != SessionTimer.KEEPALIVE)) {
            return interval;
        }
        double factor = LOWEST_FACTOR + (1 - LOWEST_FACTOR) * random.nextDouble();
        long nanos = (long) (interval.toNanos() * factor);
        return Duration.ofNanos(Math.max(1, nanos));
    }
}
