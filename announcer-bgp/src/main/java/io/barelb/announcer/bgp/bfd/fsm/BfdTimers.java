package io.barelb.announcer.bgp.bfd.fsm;

import java.util.random.RandomGenerator;

/** The interval arithmetic of RFC 5880 §6.8.2-§6.8.4 and §6.8.7. Pure functions, thread-safe. */
final class BfdTimers {

    /** §6.8.3: bfd.DesiredMinTxInterval while the session is not Up is at least one second. */
    static final long SLOW_START_MICROS = 1_000_000;
    private static final long NANOS_PER_MICRO = 1_000;
    private static final int PARTS = 10_000;

    private BfdTimers() {
    }

    /** The DesiredMinTxInterval to advertise in {@code up} or not: the configured one, at least 1 s unless Up. */
    static long desiredMinTx(long configuredMicros, boolean up) {
        return up ? configuredMicros : Math.max(configuredMicros, SLOW_START_MICROS);
    }

    /** §6.8.7: packets go out no faster than the slower of what we want and what the peer can take. */
    static long transmitIntervalMicros(long desiredMinTxMicros, long remoteMinRxMicros) {
        return Math.max(desiredMinTxMicros, remoteMinRxMicros);
    }

    /**
     * §6.8.7 jitter: the interval less a random 0-25 %, or 10-25 % when bfd.DetectMult is 1 (so the packet
     * never goes out later than 90 % of the interval). Returns nanoseconds.
     */
    static long jitteredNanos(long intervalMicros, int localDetectMult, RandomGenerator random) {
        // a fraction of the interval in 1/10 000 steps: 7 500..10 000, or 7 500..9 000 with Detect Mult 1
        int fraction = 7_500 + random.nextInt(localDetectMult == 1 ? 1_501 : 2_501);
        return intervalMicros * NANOS_PER_MICRO * fraction / PARTS;
    }

    /**
     * §6.8.4, asynchronous mode: the remote Detect Mult times the slower of our RequiredMinRxInterval and the
     * peer's last DesiredMinTxInterval. Returns nanoseconds.
     */
    static long detectionTimeNanos(int remoteDetectMult, long localRequiredMinRxMicros, long remoteDesiredMinTxMicros) {
        return remoteDetectMult * Math.max(localRequiredMinRxMicros, remoteDesiredMinTxMicros) * NANOS_PER_MICRO;
    }
}
