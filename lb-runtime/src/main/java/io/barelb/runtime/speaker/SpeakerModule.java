package io.barelb.runtime.speaker;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.barelb.api.EventSink;
import io.barelb.api.Metrics;
import io.barelb.api.Role;
import io.barelb.runtime.config.ConfigValidator;
import io.barelb.runtime.host.HostPluginContext;
import io.barelb.runtime.host.HostValidationContext;
import io.barelb.runtime.host.PluginSettings;
import io.barelb.runtime.host.PrometheusMetrics;
import io.barelb.runtime.plugin.PluginRegistry;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Wires a speaker process: the speaker, its metrics, and the configuration validator. Where the cluster is
 * read from is a second module: {@link StaticSourceModule} or {@link KubernetesSourceModule}. Only binds.
 */
public final class SpeakerModule extends AbstractModule {

    private final SpeakerSettings settings;

    public SpeakerModule(SpeakerSettings settings) {
        this.settings = settings;
    }

    @Override
    protected void configure() {
        bind(SpeakerSettings.class).toInstance(settings);
        bind(PrometheusMetrics.class).toInstance(PrometheusMetrics.forProcess("speaker"));
        bind(Metrics.class).to(PrometheusMetrics.class);
        bind(SpeakerProcess.class).in(Singleton.class);
    }

    @Provides
    @Singleton
    ConfigValidator validator(PluginRegistry registry, PluginSettings pluginSettings, SecretStore secrets) {
        // plugins validate with the same settings and read-only Secrets their announcers get
        return new ConfigValidator(registry.ipamFactories(), io.barelb.runtime.config.KindRegistry.of(registry),
                plugin -> new HostValidationContext(plugin, pluginSettings, secrets::value));
    }

    @Provides
    @Singleton
    Speaker speaker(PluginRegistry registry, EventSink events, Metrics metrics, Clock clock, PluginSettings pluginSettings,
                    SecretStore secrets, StatusResources resources, ScheduledExecutorService timers) {
        return new Speaker(settings.nodeName(), settings.loadBalancerClass(), registry.ipamFactories(),
                registry.announcerFactories(),
                factory -> new HostPluginContext(registry.pluginOf(factory).name(), registry.pluginOf(factory).classLoader(),
                        Role.SPEAKER, Optional.of(settings.nodeName()), clock, events, metrics, secrets::value,
                        pluginSettings),
                events, metrics, resources, timers, SpeakerTimings.withResync(settings.resyncInterval()),
                new HealthMonitor(settings.nodeName(), timers, probes(), clock, metrics));
    }

    /** The threads the health checks' blocking probes run on (idle ones end after a minute). */
    private static java.util.concurrent.ExecutorService probes() {
        return Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "speaker-health-probe");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The speaker's one timer thread: retries, resync, status reads. {@link SpeakerProcess#stop()} shuts it down. */
    @Provides
    @Singleton
    ScheduledExecutorService timers() {
        return Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "speaker-timers");
            thread.setDaemon(true);
            return thread;
        });
    }
}
