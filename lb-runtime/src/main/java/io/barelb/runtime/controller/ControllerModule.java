package io.barelb.runtime.controller;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.barelb.api.Metrics;
import io.barelb.api.ipam.IpamFactory;
import io.barelb.runtime.allocator.IpamRegistry;
import io.barelb.runtime.config.ConfigValidator;
import io.barelb.runtime.config.KindRegistry;
import io.barelb.runtime.host.HostValidationContext;
import io.barelb.runtime.kube.KubeEventSink;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Binds the controller's parts. Only binds: it needs {@code List<IpamFactory>}, the {@code KindRegistry},
 * {@link Metrics} and {@link Clock} bound elsewhere (by the plugin and process modules), and is given the options
 * and the API client.
 */
public final class ControllerModule extends AbstractModule {

    private final ControllerOptions options;
    private final KubernetesClient client;

    public ControllerModule(ControllerOptions options, KubernetesClient client) {
        this.options = options;
        this.client = client;
    }

    @Override
    protected void configure() {
        bind(ControllerOptions.class).toInstance(options);
        bind(KubernetesClient.class).toInstance(client);
    }

    @Provides
    @Singleton
    IpamRegistry ipamRegistry(List<IpamFactory> factories) {
        return new IpamRegistry(factories);
    }

    @Provides
    @Singleton
    ConfigValidator configValidator(List<IpamFactory> ipam, KindRegistry kinds) {
        return new ConfigValidator(ipam, kinds, HostValidationContext::fromSystem);
    }

    @Provides
    @Singleton
    KubeEventSink events(KubernetesClient api, Clock clock) {
        return new KubeEventSink(api, "barelb-controller", clock);
    }

    @Provides
    ServiceController serviceController(KubernetesClient api, ControllerOptions controllerOptions,
                                        ConfigValidator validator, IpamRegistry registry, KubeEventSink events,
                                        Metrics metrics, Clock clock) {
        return new ServiceController(api, controllerOptions, validator, registry, events, metrics, clock);
    }

    @Provides
    @Singleton
    LeaderElectedController leaderElectedController(KubernetesClient api, ControllerOptions controllerOptions,
                                                    com.google.inject.Provider<ServiceController> controllers) {
        return new LeaderElectedController(api, controllerOptions, controllers::get, Duration.ofSeconds(15),
                Duration.ofSeconds(10), Duration.ofSeconds(2));
    }
}
