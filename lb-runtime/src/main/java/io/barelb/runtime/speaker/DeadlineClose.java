package io.barelb.runtime.speaker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes several things at once, each on its own daemon thread, and waits for all of them together at most a
 * deadline; one that has not returned by then is logged and abandoned (its thread is left to finish or die with
 * the process), so one stuck plugin cannot hold up shutdown.
 */
final class DeadlineClose {

    private static final Logger LOG = LoggerFactory.getLogger(DeadlineClose.class);

    private DeadlineClose() {
    }

    /**
     * @param closers what to close, by a name for the log
     * @return the names of those that did not finish in time
     */
    static List<String> closeAll(Map<String, Runnable> closers, Duration deadline) {
        Map<String, Thread> threads = new LinkedHashMap<>();
        closers.forEach((name, closer) -> {
            Thread thread = new Thread(() -> {
                try {
                    closer.run();
                } catch (RuntimeException e) {
                    LOG.warn("{} did not close cleanly: {}", name, e.getMessage());
                }
            }, "close-" + name);
            thread.setDaemon(true);
            thread.setContextClassLoader(Thread.currentThread().getContextClassLoader());
            threads.put(name, thread);
            thread.start();
        });
        long end = System.nanoTime() + deadline.toNanos();
        List<String> abandoned = new ArrayList<>();
        for (Map.Entry<String, Thread> entry : threads.entrySet()) {
            try {
                long left = end - System.nanoTime();
                if (left > 0) {
                    TimeUnit.NANOSECONDS.timedJoin(entry.getValue(), left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (entry.getValue().isAlive()) {
                abandoned.add(entry.getKey());
                LOG.warn("{} did not close within {} ms; abandoned", entry.getKey(), deadline.toMillis());
            }
        }
        return abandoned;
    }
}
