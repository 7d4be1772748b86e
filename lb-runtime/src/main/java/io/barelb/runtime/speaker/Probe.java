package io.barelb.runtime.speaker;

import io.barelb.runtime.config.HealthCheckSpec;
import java.time.Duration;

/**
 * One attempt to reach a backend. {@link #run()} blocks for at most the check's timeout and never throws: every
 * failure is a {@link Result} saying why. Implementations are thread-safe (one probe runs at a time per check).
 */
interface Probe {

    /** Probes once. */
    Result run();

    /**
     * What one probe found.
     *
     * @param success whether the backend answered as required
     * @param latency how long the probe took
     * @param detail  a short explanation: {@code HTTP 200}, {@code connection refused}, {@code timed out after 500 ms}
     */
    record Result(boolean success, Duration latency, String detail) {
    }

    /** The probe of {@code spec}: an HTTP(S) GET when it has {@code http}, else a TCP connect. */
    static Probe of(HealthCheckSpec spec, java.time.Clock clock) {
        return spec.http().<Probe>map(http -> new HttpProbe(spec, http, clock)).orElseGet(() -> new TcpProbe(spec, clock));
    }
}
