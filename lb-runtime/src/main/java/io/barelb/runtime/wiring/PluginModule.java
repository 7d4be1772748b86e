package io.barelb.runtime.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.TypeLiteral;
import io.barelb.api.announce.AnnouncerFactory;
import io.barelb.api.ipam.IpamFactory;
import io.barelb.runtime.config.KindRegistry;
import io.barelb.runtime.plugin.PluginRegistry;
import java.time.Clock;
import java.util.List;

/**
 * Binds what every BareLB process shares: the plugins already loaded (scanning happens before the injector
 * exists), their factories as lists in plugin order, the configuration kinds they own, and the clock. Only binds.
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
        bind(KindRegistry.class).toInstance(KindRegistry.of(registry));
        bind(Clock.class).toInstance(clock);
        bind(new TypeLiteral<List<IpamFactory>>() { }).toInstance(registry.ipamFactories());
        bind(new TypeLiteral<List<AnnouncerFactory>>() { }).toInstance(registry.announcerFactories());
    }
}
