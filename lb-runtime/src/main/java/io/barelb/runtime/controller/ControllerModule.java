package io.barelb.runtime.controller;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.barelb.api.EventSink;
import io.barelb.api.Metrics;
import io.barelb.api.ipam.IpamFactory;
import io.barelb.runtime.allocator.Allocator;
import io.barelb.runtime.allocator.IpamRegistry;
import io.barelb.runtime.config.ConfigValidator;
import io.barelb.runtime.config.KindRegistry;
import io.barelb.runtime.host.HostValidationContext;
import java.time.Clock;
import java.util.List;

/**
 * Binds the controller's logic: the validator, the IPAM registry, the one {@link Scheduler} of the process, and
 * the {@link ServiceController} of a leadership term with its parts (a fresh {@link ControllerCluster},
 * {@link Allocator}, {@link ServiceReconciler} and {@link WorkQueue} each time one is asked for). Where the cluster
 * is read and written is a second module: {@link KubernetesControllerModule} in a process, an in-memory cluster in
 * tests. Needs {@code List<IpamFactory>}, the {@code KindRegistry} and {@link Clock} (the plugin module) and
 * {@link Metrics} bound elsewhere. Only binds: building the injector starts no thread and opens no connection.
 */
public final class ControllerModule extends AbstractModule {

    private final ControllerOptions options;

    public ControllerModule(ControllerOptions options) {
        this.options = options;
    }

    @Override
    protected void configure() {
        bind(ControllerOptions.class).toInstance(options);
        bind(ExecutorScheduler.class).in(Singleton.class);
        bind(Scheduler.class).to(ExecutorScheduler.class);
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

    /** A new term's controller; {@code cluster} is a fresh instance per call, shared by the term's parts. */
    @Provides
    ServiceController serviceController(ControllerCluster cluster, ConfigValidator validator, IpamRegistry registry,
                                        EventSink events, Scheduler scheduler, Metrics metrics, Clock clock) {
        Allocator allocator = new Allocator(registry);
        ServiceReconciler reconciler = new ServiceReconciler(cluster, allocator, events, options.lbClass());
        WorkQueue<Object> queue = new WorkQueue<>(scheduler, RateLimiter.controllerDefault(clock));
        return new ServiceController(options, validator, cluster, allocator, reconciler, queue, metrics, clock);
    }
}
