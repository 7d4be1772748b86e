package io.barelb.announcer.bgp.netty;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** A single-threaded {@link SessionScheduler} on a manual clock: tasks run inline, timers when time is advanced. */
final class ManualScheduler implements SessionScheduler {

    private record Task(long dueNanos, long order, Runnable task, boolean[] cancelled) {
    }

    private final List<Task> tasks = new ArrayList<>();
    private long nowNanos;
    private long order;

    @Override
    public void execute(Runnable task) {
        task.run();
    }

    @Override
    public Cancellable schedule(Runnable task, Duration delay) {
        boolean[] cancelled = {false};
        tasks.add(new Task(nowNanos + delay.toNanos(), order++, task, cancelled));
        return () -> cancelled[0] = true;
    }

    /** Moves time forward, running each timer that falls due, in order. */
    void advance(Duration by) {
        long end = nowNanos + by.toNanos();
        while (true) {
            Optional<Task> next = tasks.stream().filter(t -> !t.cancelled()[0] && t.dueNanos() <= end)
                    .min(Comparator.comparingLong(Task::dueNanos).thenComparingLong(Task::order));
            if (next.isEmpty()) {
                break;
            }
            tasks.remove(next.get());
            nowNanos = next.get().dueNanos();
            next.get().task().run();
        }
        tasks.removeIf(t -> t.cancelled()[0]);
        nowNanos = end;
    }

    /** Timers scheduled and neither cancelled nor run. */
    long pending() {
        return tasks.stream().filter(t -> !t.cancelled()[0]).count();
    }
}
