package io.barelb.announcer.layer2;

import static io.barelb.announcer.layer2.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.barelb.tck.TestPluginContext;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How link changes reach the announcer: pushed events at once, the poll as a backstop or as the fallback. */
class LinkMonitorTest {

    private static final MacAddress MAC = MacAddress.parse("02:00:00:00:00:0b");
    private static final long HOUR = Duration.ofHours(1).toMillis();

    private final TestPluginContext context = TestPluginContext.builder("layer2").node("node-1").build();
    private final Layer2Metrics metrics = new Layer2Metrics(context.metrics(), "node-1");
    private final AtomicReference<Map<String, Link>> links = new AtomicReference<>(eth0(true));
    private final AtomicInteger changes = new AtomicInteger();
    private final PushedEvents events = new PushedEvents();
    private LinkMonitor monitor;

    @AfterEach
    void close() {
        if (monitor != null) {
            monitor.close();
        }
        context.close();
    }

    @Test
    void aPushedEventIsActedOnAtOnceWhileThePollWaitsAnHour() throws Exception {
        startWith(events);
        assertThat(monitor.watching()).isTrue();

        links.set(eth0(false));
        events.push(new LinkEvent(false, 2, Optional.of("eth0"), 0x1002, 2));

        await(() -> changes.get() == 2);
        assertThat(changes()).containsEntry("netlink", 1L).doesNotContainKey("poll");
        assertThat(context.metrics().value(Layer2Metrics.LINK_EVENTS, Map.of("interface", "eth0"))).isEqualTo(1);
    }

    @Test
    void anEventThatChangesNothingRunsNothing() throws Exception {
        startWith(events);

        events.push(new LinkEvent(false, 2, Optional.of("eth0"), 0x11043, LinkEvent.OPER_UP));
        context.scheduler().submit(() -> { }).get();

        assertThat(changes.get()).isEqualTo(1);
        assertThat(context.metrics().value(Layer2Metrics.LINK_EVENTS, Map.of("interface", "eth0"))).isEqualTo(1);
    }

    @Test
    void withoutEventsThePollNoticesAtItsFastPeriod() throws Exception {
        startWith(LinkEvents.none());
        assertThat(monitor.watching()).isFalse();

        links.set(eth0(false));

        await(() -> changes.get() == 2);
        assertThat(changes()).containsEntry("poll", 1L);
    }

    @Test
    void whenTheEventSourceStopsThePollTakesOverAtItsFastPeriod() throws Exception {
        startWith(events);

        events.listener.stopped("recv failed with errno 9");
        links.set(eth0(false));

        await(() -> changes.get() == 2);
        assertThat(monitor.watching()).isFalse();
        assertThat(changes()).containsEntry("poll", 1L);
    }

    @Test
    void lostMessagesMakeItReadAgainAndMalformedOnesAreCounted() throws Exception {
        startWith(events);

        links.set(eth0(false));
        events.listener.lost();
        events.listener.malformed("attribute at byte 32 claims 4000 bytes");

        await(() -> changes.get() == 2);
        assertThat(context.metrics().value(Layer2Metrics.NETLINK_MALFORMED, Map.of())).isEqualTo(1);
    }

    @Test
    void closingClosesTheEventSourceAndLeavesNoTask() throws Exception {
        startWith(events);

        monitor.close();

        assertThat(events.closed).isTrue();
        await(() -> context.pendingTasks() == 0);
    }

    /** Starts the monitor (fast poll 10 ms, backstop an hour) and waits for its first read. */
    private void startWith(LinkEvents source) throws InterruptedException {
        monitor = new LinkMonitor(new LinkMonitor.Source(links::get, source, 10, HOUR), context.scheduler(), metrics,
                changes::incrementAndGet);
        monitor.start();
        await(() -> changes.get() == 1);
    }

    private Map<String, Long> changes() {
        Map<String, Long> bySource = new java.util.TreeMap<>();
        for (String source : new String[] {"netlink", "poll"}) {
            long value = context.metrics().value(Layer2Metrics.LINK_CHANGES, Map.of("source", source));
            if (value > 0) {
                bySource.put(source, value);
            }
        }
        return bySource;
    }

    private static Map<String, Link> eth0(boolean up) {
        return Map.of("eth0", new Link("eth0", MAC, up, true));
    }

    /** Events the test pushes by hand. */
    static final class PushedEvents implements LinkEvents {
        volatile Listener listener;
        volatile boolean closed;

        @Override
        public boolean start(Listener newListener) {
            listener = newListener;
            return true;
        }

        void push(LinkEvent event) {
            listener.linkChanged(event);
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
