package io.barelb.announcer.bgp.netty;

import java.time.Duration;

/**
 * The one thread a {@link BgpPeerSession} runs on, and its timers: the session's event loop in production
 * ({@link #of(io.netty.channel.EventLoop)}), a manual clock in tests.
 */
public interface SessionScheduler {

    /** A scheduled task that can be cancelled. */
    interface Cancellable {
        void cancel();
    }

    /** Runs {@code task} on the session's thread (at once if already on it). */
    void execute(Runnable task);

    /** Runs {@code task} on the session's thread after {@code delay}. */
    Cancellable schedule(Runnable task, Duration delay);

    /** The scheduler of a Netty event loop; the session's channels are registered on the same loop. */
    static SessionScheduler of(io.netty.channel.EventLoop loop) {
        return new SessionScheduler() {
            @Override
            public void execute(Runnable task) {
                if (loop.inEventLoop()) {
                    task.run();
                } else {
                    loop.execute(task);
                }
            }

            @Override
            public Cancellable schedule(Runnable task, Duration delay) {
                io.netty.util.concurrent.ScheduledFuture<?> future =
                        loop.schedule(task, delay.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
                return () -> future.cancel(false);
            }
        };
    }
}
