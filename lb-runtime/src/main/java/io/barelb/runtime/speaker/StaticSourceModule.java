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

/**
 * The speaker reads the cluster from YAML files ({@code --static}), Secrets too (those of the configuration
 * namespace); events go to the log. Only binds.
 */
public final class StaticSourceModule extends AbstractModule {

    private final Path path;
    private final String configNamespace;

    /** Files at {@code path}, Secrets of {@code metallb-system}. */
    public StaticSourceModule(Path path) {
        this(path, "metallb-system");
    }

    public StaticSourceModule(Path path, String configNamespace) {
        this.path = path;
        this.configNamespace = configNamespace;
    }

    @Override
    protected void configure() {
        bind(EventSink.class).to(LoggingEventSink.class).in(Singleton.class);
        bind(StaticSecrets.class).toInstance(new StaticSecrets(configNamespace));
        bind(SecretStore.class).to(StaticSecrets.class);
        bind(StatusResources.class).toInstance(StatusResources.NONE);
    }

    @Provides
    @Singleton
    PluginSettings pluginSettings() {
        return PluginSettings.fromSystem(java.util.Map.of());
    }

    @Provides
    @Singleton
    ClusterSource source(ConfigValidator validator, StaticSecrets secrets) {
        return new StaticClusterSource(path, validator, Duration.ofMillis(250), secrets);
    }
}
