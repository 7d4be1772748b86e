package io.barelb.runtime.controller;

import java.time.Duration;

/**
 * Where the controller's work runs: every task on one thread, one at a time, in the order the tasks fall due.
 * It is the controller's only source of threads and delays, so a test drives the controller by running due tasks
 * and moving time forward by hand instead of sleeping. Thread-safe: any thread may schedule.
 */
public interface Scheduler {

    /**
     * Runs {@code task} once {@code delay} has passed; {@link Duration#ZERO} runs it when the thread is next free.
     * Never blocks and never runs the task on the caller's thread. A task scheduled after the scheduler was closed
     * is dropped.
     */
    void schedule(Duration delay, Runnable task);
}
