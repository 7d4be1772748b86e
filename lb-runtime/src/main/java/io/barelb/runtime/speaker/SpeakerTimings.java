package io.barelb.runtime.speaker;

import java.time.Duration;

/**
 * The speaker's lifecycle timings. Immutable.
 *
 * @param retryInitial  delay before applying a failed state again; it doubles on each further failure
 * @param retryMax      the longest delay between two attempts
 * @param resync        how often every announcer is handed its current state again, changed or not
 * @param closeDeadline how long {@link Speaker#close()} waits for all announcers together
 */
record SpeakerTimings(Duration retryInitial, Duration retryMax, Duration resync, Duration closeDeadline) {

    /** 1 s doubling to 5 min, resync as given, 5 s to close. */
    static SpeakerTimings withResync(Duration resync) {
        return new SpeakerTimings(Duration.ofSeconds(1), Duration.ofMinutes(5), resync, Duration.ofSeconds(5));
    }
}
