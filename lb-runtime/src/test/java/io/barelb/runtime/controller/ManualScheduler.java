package io.barelb.runtime.controller;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.PriorityQueue;

/**
 * A {@link Scheduler} and {@link Clock} driven by the test: tasks run on the test's thread, only in
 * {@link #runDue()} and {@link #advance(Duration)}, in the order they fall due (ties in the order scheduled).
 * Time moves only when the test says so. Thread-safe for scheduling (informer threads may schedule).
 */
final class ManualScheduler implements Scheduler {

    private record Task(Instant due, long sequence, Runnable body) {
    }

    private final PriorityQueue<Task> tasks = new PriorityQueue<>((a, b) -> a.due().equals(b.due())
            ? Long.compare(a.sequence(), b.sequence()) : a.due().compareTo(b.due()));
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private long sequence;
    private long ran;

    @Override
    public synchronized void schedule(Duration delay, Runnable task) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("negative delay " + delay);
        }
        tasks.add(new Task(now.plus(delay), sequence++, task));
    }

    /** The time now, as the clock says. */
    synchronized Instant now() {
        return now;
    }

    /** A clock that reads this scheduler's time. */
    Clock clock() {
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                throw new UnsupportedOperationException("the manual clock is UTC");
            }

            @Override
            public Instant instant() {
                return now();
            }
        };
    }

    /** Runs every task due now, including those they schedule for now; returns how many ran. */
    int runDue() {
        return runUntil(now());
    }

    /** Moves time forward by {@code step}, running each task when its time comes; returns how many ran. */
    int advance(Duration step) {
        return runUntil(now().plus(step));
    }

    /** The delay until the next task falls due, or null when none waits. */
    synchronized Duration nextDelay() {
        Task next = tasks.peek();
        return next == null ? null : Duration.between(now, next.due());
    }

    /** Tasks waiting. */
    synchronized int pending() {
        return tasks.size();
    }

    /** Tasks run so far. */
    synchronized long ran() {
        return ran;
    }

    private int runUntil(Instant until) {
        int count = 0;
        while (true) {
            Task next;
            synchronized (this) {
                next = tasks.peek();
                if (next == null || next.due().isAfter(until)) {
                    now = until;
                    return count;
                }
                tasks.poll();
                if (next.due().isAfter(now)) {
                    now = next.due();
                }
                ran++;
            }
            next.body().run();
            count++;
        }
    }
}
