package io.barelb.runtime.speaker;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.barelb.api.EventSink;
import io.barelb.runtime.config.ConfigValidator;
import io.barelb.runtime.host.PluginSettings;
import io.barelb.runtime.kube.KubeEventSink;
import java.time.Clock;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * The speaker reads the cluster from the Kubernetes API through {@code client}, with the configuration and the
 * Secrets plugins may read in {@code configNamespace}. Only binds.
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
        bind(SecretStore.class).toInstance(new KubernetesSecrets(client, configNamespace));
    }

    @Provides
    @Singleton
    EventSink events(Clock clock, io.barelb.api.Metrics metrics) {
        return new KubeEventSink(client, "barelb-speaker", clock, metrics, KubeEventSink.QUEUE_CAPACITY);
    }

    /** Operator settings, plus membership settings derived from the Nodes listed once at start. */
    @Provides
    @Singleton
    PluginSettings pluginSettings(SpeakerSettings settings) {
        try {
            return PluginSettings.fromSystem(MembershipSettings.fromNodes(settings.nodeName(), client.nodes().list().getItems()));
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(KubernetesSourceModule.class).warn(
                    "cannot list Nodes to derive the speakers' membership addresses ({}); set BARELB_MEMBERLIST_BIND and"
                            + " BARELB_MEMBERLIST_SEEDS, or failover waits for Kubernetes to mark a node NotReady", e.getMessage());
            return PluginSettings.fromSystem(java.util.Map.of());
        }
    }

    @Provides
    @Singleton
    StatusResources statusResources(SpeakerSettings settings) {
        return new KubernetesStatusResources(client, configNamespace, settings.nodeName(),
                SpeakerPod.ownerIn(System.getenv(), configNamespace));
    }

    @Provides
    @Singleton
    ClusterSource source(ConfigValidator validator) {
        return new KubernetesClusterSource(client, configNamespace, validator);
    }
}
