package io.barelb.runtime.host;

import io.barelb.api.EventSink;
import io.barelb.api.Metrics;
import io.barelb.api.PluginContext;
import io.barelb.api.Role;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

/**
 * The {@link PluginContext} the runtime hands one plugin. Its scheduler's threads carry the plugin's class
 * loader as context loader and are daemons named after the plugin; {@link #close()} stops them.
 */
public final class HostPluginContext implements PluginContext, AutoCloseable {

    private final String pluginName;
    private final Role role;
    private final Optional<String> nodeName;
    private final Clock clock;
    private final EventSink events;
    private final Metrics metrics;
    private final BiFunction<String, String, Optional<String>> secrets;
    private final PluginSettings settings;
    private final ScheduledExecutorService scheduler;

    /**
     * @param pluginLoader the plugin's class loader (context loader of the scheduler's threads)
     * @param secrets      reads key {@code (secretName, key)} of a Secret in the configuration namespace
     * @param settings     the settings plugins may ask for
     */
    public HostPluginContext(String pluginName, ClassLoader pluginLoader, Role role, Optional<String> nodeName, Clock clock,
                             EventSink events, Metrics metrics, BiFunction<String, String, Optional<String>> secrets,
                             PluginSettings settings) {
        this.pluginName = Objects.requireNonNull(pluginName);
        this.role = Objects.requireNonNull(role);
        this.nodeName = Objects.requireNonNull(nodeName);
        this.clock = Objects.requireNonNull(clock);
        this.events = Objects.requireNonNull(events);
        this.metrics = Objects.requireNonNull(metrics);
        this.secrets = Objects.requireNonNull(secrets);
        this.settings = Objects.requireNonNull(settings);
        AtomicInteger threads = new AtomicInteger();
        this.scheduler = Executors.newScheduledThreadPool(1, task -> {
            Thread thread = new Thread(task, "plugin-" + pluginName + "-" + threads.incrementAndGet());
            thread.setDaemon(true);
            thread.setContextClassLoader(pluginLoader);
            return thread;
        });
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
        return events;
    }

    @Override
    public Metrics metrics() {
        return metrics;
    }

    @Override
    public Optional<String> secret(String name, String key) {
        return secrets.apply(name, key);
    }

    @Override
    public Optional<String> setting(String name) {
        return settings.get(name);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
