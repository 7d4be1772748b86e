package io.barelb.runtime.speaker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A scheduler whose time only moves when the test calls {@link #advance(Duration)}; due tasks then run on the
 * test's thread in time order. Deterministic: no threads. Periodic tasks are supported with a fixed delay.
 */
final class ManualScheduler extends AbstractExecutorService implements ScheduledExecutorService {

    private final PriorityQueue<Task> queue = new PriorityQueue<>(Comparator.comparingLong((Task t) -> t.due)
            .thenComparingLong(t -> t.sequence));
    private long now;
    private long sequence;
    private boolean shutdown;

    /** Moves time on by {@code amount}, running every task that falls due. */
    synchronized void advance(Duration amount) {
        long end = now + amount.toNanos();
        while (!queue.isEmpty() && queue.peek().due <= end) {
            Task task = queue.poll();
            now = task.due;
            if (task.cancelled) {
                continue;
            }
            task.command.run();
            if (task.period > 0 && !task.cancelled && !shutdown) {
                task.due = now + task.period;
                queue.add(task);
            } else {
                task.done = true;
            }
        }
        now = end;
    }

    /** How long from now each pending one-shot task is due, soonest first. */
    synchronized List<Duration> pendingOneShots() {
        List<Duration> delays = new ArrayList<>();
        queue.stream().filter(t -> !t.cancelled && t.period == 0).sorted(queue.comparator())
                .forEach(t -> delays.add(Duration.ofNanos(t.due - now)));
        return delays;
    }

    private synchronized Task add(Runnable command, long delayNanos, long periodNanos) {
        Task task = new Task(command, now + Math.max(0, delayNanos), periodNanos, sequence++);
        if (!shutdown) {
            queue.add(task);
        }
        return task;
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        return add(command, unit.toNanos(delay), 0);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        Task[] task = new Task[1];
        task[0] = add(() -> {
            try {
                task[0].result = callable.call();
            } catch (Exception e) {
                task[0].failure = e;
            }
        }, unit.toNanos(delay), 0);
        return (ScheduledFuture<V>) (ScheduledFuture<?>) task[0];
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        return add(command, unit.toNanos(initialDelay), unit.toNanos(period));
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        return add(command, unit.toNanos(initialDelay), unit.toNanos(delay));
    }

    @Override
    public void execute(Runnable command) {
        add(command, 0, 0);
    }

    @Override
    public synchronized void shutdown() {
        shutdown = true;
    }

    @Override
    public synchronized List<Runnable> shutdownNow() {
        shutdown = true;
        List<Runnable> left = queue.stream().map(t -> t.command).toList();
        queue.clear();
        return left;
    }

    @Override
    public synchronized boolean isShutdown() {
        return shutdown;
    }

    @Override
    public synchronized boolean isTerminated() {
        return shutdown;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return true;
    }

    private final class Task implements ScheduledFuture<Object> {
        final Runnable command;
        final long period;
        final long sequence;
        long due;
        volatile boolean cancelled;
        volatile boolean done;
        volatile Object result;
        volatile Exception failure;

        Task(Runnable command, long due, long period, long sequence) {
            this.command = command;
            this.due = due;
            this.period = period;
            this.sequence = sequence;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            synchronized (ManualScheduler.this) {
                return unit.convert(due - now, TimeUnit.NANOSECONDS);
            }
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            boolean was = !cancelled && !done;
            cancelled = true;
            return was;
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        @Override
        public boolean isDone() {
            return done || cancelled;
        }

        /** What a callable returned once it ran (null for a runnable, or before it ran: time is the test's). */
        @Override
        public Object get() throws java.util.concurrent.ExecutionException {
            if (failure != null) {
                throw new java.util.concurrent.ExecutionException(failure);
            }
            return result;
        }

        @Override
        public Object get(long timeout, TimeUnit unit) throws java.util.concurrent.ExecutionException {
            return get();
        }
    }
}
