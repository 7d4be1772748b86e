package io.barelb.runtime.speaker;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.barelb.api.EventSink;
import io.barelb.runtime.config.ConfigValidator;
import io.barelb.runtime.host.LoggingEventSink;
import io.barelb.runtime.host.PluginSettings;
import java.nio.file.Path;
import java.time.Duration;

/** The speaker reads the cluster from YAML files ({@code --static}); events go to the log. Only binds. */
public final class StaticSourceModule extends AbstractModule {

    private final Path path;

    public StaticSourceModule(Path path) {
        this.path = path;
    }

    @Override
    protected void configure() {
        bind(EventSink.class).to(LoggingEventSink.class).in(Singleton.class);
    }

    @Provides
    @Singleton
    PluginSettings pluginSettings() {
        return PluginSettings.fromSystem(java.util.Map.of());
    }

    @Provides
    @Singleton
    ClusterSource source(ConfigValidator validator) {
        return new StaticClusterSource(path, validator, Duration.ofMillis(250));
    }
}
