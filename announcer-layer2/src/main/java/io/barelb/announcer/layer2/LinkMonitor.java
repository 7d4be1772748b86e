package io.barelb.announcer.layer2;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices link changes for the announcer: every pushed {@link LinkEvent} makes it read link state at once (on the
 * injected scheduler, never on the event source's thread), and a poll reads it too, at the backstop period while
 * events arrive and at the fast period when they cannot. When what it read differs from last time it runs
 * {@code onChange} and counts which path saw the change ({@code barelb_layer2_link_changes_total{source}}).
 * Thread-safe.
 */
final class LinkMonitor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LinkMonitor.class);

    /**
     * Where link state comes from.
     *
     * @param read           every interface now, by name
     * @param events         pushed link changes; each one makes the monitor read again at once
     * @param pollMillis     the poll period when {@code events} delivers nothing
     * @param backstopMillis the poll period while {@code events} runs
     */
    record Source(Supplier<Map<String, Link>> read, LinkEvents events, long pollMillis, long backstopMillis) {
    }

    private final Source source;
    private final ScheduledExecutorService scheduler;
    private final Layer2Metrics metrics;
    private final Runnable onChange;
    private Map<String, Link> last = Map.of();
    private ScheduledFuture<?> poll;
    private boolean watching;
    private boolean closed;

    LinkMonitor(Source source, ScheduledExecutorService scheduler, Layer2Metrics metrics, Runnable onChange) {
        this.source = Objects.requireNonNull(source, "source");
        this.scheduler = scheduler;
        this.metrics = metrics;
        this.onChange = onChange;
    }

    /** Starts the event source and the poll (the first read at once). */
    synchronized void start() {
        watching = source.events().start(new LinkEvents.Listener() {
            @Override
            public void linkChanged(LinkEvent event) {
                metrics.linkEvent(event.label());
                checkSoon();
            }

            @Override
            public void malformed(String why) {
                metrics.netlinkMalformed();
                LOG.debug("layer2: skipped a netlink message: {}", why);
            }

            @Override
            public void lost() {
                checkSoon();
            }

            @Override
            public void stopped(String why) {
                pollFast();
            }
        });
        schedulePoll(watching ? source.backstopMillis() : source.pollMillis(), 0);
    }

    private void checkSoon() {
        try {
            scheduler.execute(() -> check(Layer2Metrics.SOURCE_NETLINK));
        } catch (RejectedExecutionException closing) {
            // the host is shutting the plugin down
        }
    }

    /** The event source stopped: poll at the fast period from now on. */
    private synchronized void pollFast() {
        watching = false;
        if (!closed) {
            poll.cancel(false);
            schedulePoll(source.pollMillis(), source.pollMillis());
        }
    }

    private void schedulePoll(long period, long delay) {
        poll = scheduler.scheduleWithFixedDelay(() -> check(Layer2Metrics.SOURCE_POLL), delay, period,
                TimeUnit.MILLISECONDS);
    }

    /** True when link changes are pushed (the poll is only the backstop). */
    synchronized boolean watching() {
        return watching;
    }

    /** Link state now (a fresh read). */
    Map<String, Link> read() {
        return source.read().get();
    }

    private void check(String path) {
        try {
            Map<String, Link> current = source.read().get();
            synchronized (this) {
                if (closed || current.equals(last)) {
                    return;
                }
                if (!last.isEmpty()) {
                    metrics.linkChange(path);
                }
                last = current;
            }
            onChange.run();
        } catch (RuntimeException e) {
            LOG.warn("layer2: reading link state failed: {}", e.toString());
        }
    }

    /** Stops the poll and the event source. Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            if (poll != null) {
                poll.cancel(false);
            }
        }
        source.events().close();
    }
}
