package io.barelb.runtime.speaker;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.barelb.api.EventSink;
import io.barelb.runtime.config.ConfigValidator;
import io.barelb.runtime.host.LoggingEventSink;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * The speaker reads the cluster from the Kubernetes API through {@code client}, with the configuration in
 * {@code configNamespace}. Only binds.
 */
public final class KubernetesSourceModule extends AbstractModule {

    private final KubernetesClient client;
    private final String configNamespace;

    public KubernetesSourceModule(KubernetesClient client, String configNamespace) {
        this.client = client;
        this.configNamespace = configNamespace;
    }

    @Override
    protected void configure() {
        bind(KubernetesClient.class).toInstance(client);
        bind(EventSink.class).to(LoggingEventSink.class).in(Singleton.class);
    }

    @Provides
    @Singleton
    ClusterSource source(ConfigValidator validator) {
        return new KubernetesClusterSource(client, configNamespace, validator);
    }
}
