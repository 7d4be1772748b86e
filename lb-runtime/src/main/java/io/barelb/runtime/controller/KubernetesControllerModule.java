package io.barelb.runtime.controller;

import com.google.inject.AbstractModule;
import com.google.inject.Provider;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.barelb.api.EventSink;
import io.barelb.runtime.kube.KubeEventSink;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;

/**
 * Binds where the controller reads and writes the cluster: the API client given, a {@link KubeControllerCluster}
 * per leadership term, Events through {@link KubeEventSink} (after the term's status writes), and the
 * {@link LeaderElectedController} that campaigns for the Lease. Only binds: nothing here connects until
 * {@link LeaderElectedController#start()}.
 */
public final class KubernetesControllerModule extends AbstractModule {

    private final KubernetesClient client;

    public KubernetesControllerModule(KubernetesClient client) {
        this.client = client;
    }

    @Override
    protected void configure() {
        bind(KubernetesClient.class).toInstance(client);
        bind(EventSink.class).to(KubeEventSink.class);
    }

    @Provides
    @Singleton
    KubeEventSink events(KubernetesClient api, Clock clock, io.barelb.api.Metrics metrics) {
        return new KubeEventSink(api, "barelb-controller", clock, metrics, KubeEventSink.QUEUE_CAPACITY);
    }

    @Provides
    ControllerCluster cluster(KubernetesClient api, ControllerOptions options,
                              io.barelb.runtime.config.ConfigValidator validator, KubeEventSink events) {
        return new KubeControllerCluster(api, options, validator.kinds(), events);
    }

    @Provides
    @Singleton
    LeaderElectedController leaderElectedController(KubernetesClient api, ControllerOptions options,
                                                    Provider<ServiceController> controllers) {
        return new LeaderElectedController(api, options, controllers::get, Duration.ofSeconds(15),
                Duration.ofSeconds(10), Duration.ofSeconds(2));
    }
}
