package io.barelb.announcer.layer2;

import io.barelb.api.EventSink;
import io.barelb.api.PluginContext;
import io.barelb.api.Role;
import io.barelb.api.ServiceKey;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** A plugin context for tests and the mini speaker: real scheduler, in-memory metrics, recorded events. */
final class TestPluginContext implements PluginContext, AutoCloseable {

    /** One recorded event. */
    record Event(ServiceKey service, String type, String reason, String message) {
    }

    private final String nodeName;
    private final ScheduledExecutorService scheduler;
    private final InMemoryMetrics metrics = new InMemoryMetrics();
    private final List<Event> events = new CopyOnWriteArrayList<>();

    TestPluginContext(String nodeName) {
        this(nodeName, 2);
    }

    TestPluginContext(String nodeName, int schedulerThreads) {
        this.nodeName = nodeName;
        this.scheduler = Executors.newScheduledThreadPool(schedulerThreads, runnable -> {
            Thread thread = new Thread(runnable, "test-plugin-scheduler");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public String pluginName() {
        return "layer2";
    }

    @Override
    public Role role() {
        return Role.SPEAKER;
    }

    @Override
    public Optional<String> nodeName() {
        return Optional.ofNullable(nodeName);
    }

    @Override
    public Clock clock() {
        return Clock.systemUTC();
    }

    @Override
    public ScheduledExecutorService scheduler() {
        return scheduler;
    }

    @Override
    public EventSink events() {
        return new EventSink() {
            @Override
            public void normal(ServiceKey service, String reason, String message) {
                events.add(new Event(service, "Normal", reason, message));
            }

            @Override
            public void warning(ServiceKey service, String reason, String message) {
                events.add(new Event(service, "Warning", reason, message));
            }
        };
    }

    @Override
    public InMemoryMetrics metrics() {
        return metrics;
    }

    List<Event> recordedEvents() {
        return List.copyOf(events);
    }

    @Override
    public Optional<String> secret(String name, String key) {
        return Optional.empty();
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
