package io.barelb.tck;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Waits for something an asynchronous plugin makes true, with a deadline: the one poller the kit uses. The deadline
 * bounds a wait; it is never an assertion about speed.
 */
public final class Await {

    private Await() {
    }

    /** A check that may throw (reading a peer's table, a file). */
    @FunctionalInterface
    public interface Probe<T> {
        /** The current value. */
        T read() throws Exception;
    }

    /**
     * Reads {@code probe} every 20 ms until it equals {@code expected}; fails after {@code deadline} with
     * {@code what} and the last value read.
     */
    public static <T> T until(String what, Duration deadline, Probe<T> probe, T expected) {
        return until(what, deadline, probe, value -> value.equals(expected), () -> "expected " + expected);
    }

    /** Reads {@code probe} until {@code condition} holds for its value; fails after {@code deadline}. */
    public static <T> T until(String what, Duration deadline, Probe<T> probe, java.util.function.Predicate<T> condition,
                              Supplier<String> expectation) {
        long end = System.nanoTime() + deadline.toNanos();
        T last = null;
        Exception lastError = null;
        while (true) {
            try {
                last = probe.read();
                lastError = null;
                if (condition.test(last)) {
                    return last;
                }
            } catch (Exception e) {
                lastError = e;
            }
            if (System.nanoTime() > end) {
                AssertionError failure = new AssertionError(what + ": not true within " + deadline.toMillis() + " ms ("
                        + expectation.get() + "; last read " + (lastError != null ? lastError : last) + ")");
                if (lastError != null) {
                    failure.initCause(lastError);
                }
                throw failure;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(what + ": interrupted while waiting", e);
            }
        }
    }
}
