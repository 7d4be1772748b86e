package io.barelb.announcer.bgp.config;

import java.time.Duration;
import java.util.Optional;

/**
 * BGP hold and keepalive times as MetalLB derives them ({@code parseTimers} in {@code internal/config/config.go}):
 * only hold given, keepalive is a third of it; only keepalive given, hold is three times it; the hold time,
 * truncated to whole seconds, must be 0 or at least 3 s; the keepalive must not exceed the hold time. With neither
 * given MetalLB leaves both to FRR, whose defaults are 180 s and 60 s. FRR is given whole seconds, so both are
 * truncated to whole seconds. Immutable.
 *
 * @param hold      the hold time, whole seconds
 * @param keepalive the keepalive time, whole seconds
 */
record Timers(Duration hold, Duration keepalive) {

    /** FRR's defaults ({@code frr defaults traditional}), used when a peer sets neither time. */
    static final Timers FRR_DEFAULTS = new Timers(Duration.ofSeconds(180), Duration.ofSeconds(60));

    /** The reason the pair is invalid, and which field to blame. */
    record Invalid(String field, String reason) {
    }

    /** The timers for the given values, or why they are invalid. */
    static Result of(Optional<Duration> hold, Optional<Duration> keepalive) {
        if (hold.isEmpty() && keepalive.isEmpty()) {
            return new Result(Optional.of(FRR_DEFAULTS), Optional.empty());
        }
        Duration h = hold.orElseGet(() -> keepalive.get().multipliedBy(3));
        Duration k = keepalive.orElseGet(() -> hold.get().dividedBy(3));
        long seconds = h.getSeconds();
        if (seconds != 0 && seconds < 3) {
            return new Result(Optional.empty(), Optional.of(new Invalid(hold.isPresent() ? "holdTime" : "keepaliveTime",
                    hold.isPresent() ? "must be 0 (no keepalives) or at least 3s (RFC 4271 section 4.2)"
                            : "gives a hold time of " + seconds + "s (three keepalives), below the 3s minimum; "
                            + "set at least 1s")));
        }
        if (k.compareTo(h) > 0) {
            return new Result(Optional.empty(), Optional.of(new Invalid("keepaliveTime",
                    "must not be longer than the hold time " + h.getSeconds() + "s; a third of it is usual")));
        }
        return new Result(Optional.of(new Timers(Duration.ofSeconds(seconds), Duration.ofSeconds(k.getSeconds()))),
                Optional.empty());
    }

    /** Exactly one of the two is present. */
    record Result(Optional<Timers> timers, Optional<Invalid> invalid) {
    }
}
