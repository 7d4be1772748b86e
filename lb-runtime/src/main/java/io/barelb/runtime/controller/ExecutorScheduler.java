package io.barelb.runtime.controller;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process's {@link Scheduler}: one daemon thread, {@code barelb-controller}, started by the first task (creating
 * the scheduler starts none). A task that throws is logged and the thread goes on with the next one. One per
 * process, shared by every leadership term; {@link #close()} at process end.
 */
public final class ExecutorScheduler implements Scheduler, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ExecutorScheduler.class);

    private final ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, task -> {
        Thread thread = new Thread(task, "barelb-controller");
        thread.setDaemon(true);
        return thread;
    });

    @Override
    public void schedule(Duration delay, Runnable task) {
        try {
            executor.schedule(() -> run(task), delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closed) {
            LOG.debug("scheduler closed; dropped a task");
        }
    }

    private static void run(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.error("controller task failed", e);
        }
    }

    /** Drops the tasks not yet due, interrupts the one running and waits up to 5 s for it to end. */
    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
