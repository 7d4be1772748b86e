package io.barelb.tck;

import io.barelb.api.EventSink;
import io.barelb.api.PluginContext;
import io.barelb.api.Role;
import io.barelb.api.ServiceKey;
import io.barelb.api.config.ValidationContext;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The plugin context for plugin tests, built the way the host builds one: settings and Secrets the test gives, a real
 * scheduler (shut down by {@link #close()}, as the host does when the plugin's instances are closed), Service events
 * recorded, metrics kept in a {@link RecordingMetrics}. Thread-safe.
 *
 * <pre>{@code
 * try (TestPluginContext context = TestPluginContext.builder("bgp").node("node-1")
 *         .secret("bgp-auth", "password", "s3cret").setting("BARELB_BGP_PORT", "1179").build()) {
 *     Announcer announcer = factory.create(context);
 *     ...
 *     assertEquals(1, context.metrics().value("barelb_bgp_updates_sent_total", Map.of("peer", "192.0.2.1")));
 * }
 * }</pre>
 */
public final class TestPluginContext implements PluginContext, AutoCloseable {

    private final String pluginName;
    private final Role role;
    private final Optional<String> nodeName;
    private final Clock clock;
    private final Map<String, String> settings;
    private final Map<String, String> secrets;
    private final ScheduledThreadPoolExecutor scheduler;
    private final Set<Thread> schedulerThreads = ConcurrentHashMap.newKeySet();
    private final RecordingMetrics metrics = new RecordingMetrics();
    private final List<RecordedEvent> events = new CopyOnWriteArrayList<>();
    private final EventSink eventSink = new EventSink() {
        @Override
        public void normal(ServiceKey service, String reason, String message) {
            events.add(new RecordedEvent(service, "Normal", reason, message));
        }

        @Override
        public void warning(ServiceKey service, String reason, String message) {
            events.add(new RecordedEvent(service, "Warning", reason, message));
        }
    };

    private TestPluginContext(Builder builder) {
        this.pluginName = builder.pluginName;
        this.role = builder.role;
        this.nodeName = Optional.ofNullable(builder.nodeName);
        this.clock = builder.clock;
        this.settings = Map.copyOf(builder.settings);
        this.secrets = Map.copyOf(builder.secrets);
        AtomicInteger count = new AtomicInteger();
        this.scheduler = new ScheduledThreadPoolExecutor(builder.schedulerThreads, runnable -> {
            Thread thread = new Thread(runnable, "tck-" + pluginName + "-scheduler-" + count.incrementAndGet());
            thread.setDaemon(true);
            schedulerThreads.add(thread);
            return thread;
        });
        this.scheduler.setRemoveOnCancelPolicy(true);
    }

    /** A builder for the plugin {@code pluginName} (its folder name), role {@link Role#SPEAKER}, no node name. */
    public static Builder builder(String pluginName) {
        return new Builder(pluginName);
    }

    @Override
    public String pluginName() {
        return pluginName;
    }

    @Override
    public Role role() {
        return role;
    }

    @Override
    public Optional<String> nodeName() {
        return nodeName;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public ScheduledExecutorService scheduler() {
        return scheduler;
    }

    @Override
    public EventSink events() {
        return eventSink;
    }

    @Override
    public RecordingMetrics metrics() {
        return metrics;
    }

    @Override
    public Optional<String> setting(String name) {
        return Optional.ofNullable(settings.get(name));
    }

    @Override
    public Optional<String> secret(String name, String key) {
        return Optional.ofNullable(secrets.get(name + "/" + key));
    }

    /** The context a factory's {@code validate} or {@code create(entry, context)} gets: the same settings and Secrets. */
    public ValidationContext validationContext() {
        return new ValidationContext() {
            @Override
            public String pluginName() {
                return pluginName;
            }

            @Override
            public Optional<String> setting(String name) {
                return TestPluginContext.this.setting(name);
            }

            @Override
            public Optional<String> secret(String name, String key) {
                return TestPluginContext.this.secret(name, key);
            }
        };
    }

    /** Every Service event reported so far, in order. */
    public List<RecordedEvent> recordedEvents() {
        return List.copyOf(events);
    }

    /** The threads the scheduler has started: the host's, not the plugin's, when counting what a plugin leaked. */
    public Set<Thread> schedulerThreads() {
        return Set.copyOf(schedulerThreads);
    }

    /** The tasks waiting on the scheduler now (periodic ones included; cancelled ones are removed at once). */
    public int pendingTasks() {
        return scheduler.getQueue().size();
    }

    /** Shuts the scheduler down and waits up to 5 seconds for its threads, as the host does. Idempotent. */
    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Builds a {@link TestPluginContext}. Not thread-safe. */
    public static final class Builder {
        private final String pluginName;
        private Role role = Role.SPEAKER;
        private String nodeName;
        private Clock clock = Clock.systemUTC();
        private int schedulerThreads = 2;
        private final Map<String, String> settings = new LinkedHashMap<>();
        private final Map<String, String> secrets = new LinkedHashMap<>();

        private Builder(String pluginName) {
            this.pluginName = Objects.requireNonNull(pluginName, "pluginName");
        }

        /** The role of the process (default {@link Role#SPEAKER}). */
        public Builder role(Role value) {
            this.role = Objects.requireNonNull(value, "role");
            return this;
        }

        /** This node's name; {@code null} for none, as outside a speaker. */
        public Builder node(String value) {
            this.nodeName = value;
            return this;
        }

        /** The clock (default the system clock in UTC). */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** The scheduler's thread count (default 2). */
        public Builder schedulerThreads(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("schedulerThreads must be at least 1, got " + value);
            }
            this.schedulerThreads = value;
            return this;
        }

        /** A setting the host answers {@code setting(name)} with, as an operator's variable or property would. */
        public Builder setting(String name, String value) {
            settings.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** A Secret's key, as {@code data} or {@code stringData} of Secret {@code name} would hold it. */
        public Builder secret(String name, String key, String value) {
            secrets.put(Objects.requireNonNull(name, "name") + "/" + Objects.requireNonNull(key, "key"),
                    Objects.requireNonNull(value, "value"));
            return this;
        }

        /** The context. */
        public TestPluginContext build() {
            return new TestPluginContext(this);
        }
    }
}
