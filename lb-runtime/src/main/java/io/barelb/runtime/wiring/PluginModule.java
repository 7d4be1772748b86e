package io.barelb.runtime.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import io.barelb.api.announce.AnnouncerFactory;
import io.barelb.api.ipam.IpamFactory;
import io.barelb.runtime.plugin.PluginRegistry;
import java.time.Clock;

/**
 * Binds what every BareLB process shares: the plugins already loaded (scanning happens before the injector
 * exists), their factories as sets, and the clock. Only binds.
 */
public final class PluginModule extends AbstractModule {

    private final PluginRegistry registry;
    private final Clock clock;

    public PluginModule(PluginRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    @Override
    protected void configure() {
        bind(PluginRegistry.class).toInstance(registry);
        bind(Clock.class).toInstance(clock);
        Multibinder<IpamFactory> ipam = Multibinder.newSetBinder(binder(), IpamFactory.class);
        registry.ipamFactories().forEach(factory -> ipam.addBinding().toInstance(factory));
        Multibinder<AnnouncerFactory> announcers = Multibinder.newSetBinder(binder(), AnnouncerFactory.class);
        registry.announcerFactories().forEach(factory -> announcers.addBinding().toInstance(factory));
    }
}
