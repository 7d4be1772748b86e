package io.barelb.runtime.plugin;

import io.barelb.api.announce.AnnouncerFactory;
import io.barelb.api.ipam.IpamFactory;
import java.util.List;
import java.util.Optional;

/**
 * Every plugin of this process and the factories they provide, with unique names per kind and no configuration
 * kind claimed twice ({@code KindRegistry.of(PluginRegistry)} says who owns which). Immutable;
 * built once by {@link PluginLoader} before the injector exists.
 */
public final class PluginRegistry {

    private final List<LoadedPlugin> plugins;

    PluginRegistry(List<LoadedPlugin> plugins) {
        this.plugins = List.copyOf(plugins);
    }

    /** A registry of factories given directly (tests and embedded use), as if from one plugin each. */
    public static PluginRegistry of(List<IpamFactory> ipamFactories, List<AnnouncerFactory> announcerFactories) {
        return new PluginRegistry(List.of(new LoadedPlugin("built-in", java.nio.file.Path.of("."), List.of(), List.of(),
                ipamFactories, announcerFactories, PluginRegistry.class.getClassLoader())));
    }

    /** The plugins in folder-name order. */
    public List<LoadedPlugin> plugins() {
        return plugins;
    }

    /** Every IPAM factory, in plugin order. */
    public List<IpamFactory> ipamFactories() {
        return plugins.stream().flatMap(p -> p.ipamFactories().stream()).toList();
    }

    /** Every announcer factory, in plugin order. */
    public List<AnnouncerFactory> announcerFactories() {
        return plugins.stream().flatMap(p -> p.announcerFactories().stream()).toList();
    }

    /** The plugin that provides {@code factory} (one of this registry's). */
    public LoadedPlugin pluginOf(AnnouncerFactory factory) {
        return plugins.stream().filter(p -> p.announcerFactories().contains(factory)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(factory + " is not from this registry"));
    }

    /** The announcer factory for a protocol, e.g. {@code layer2}. */
    public Optional<AnnouncerFactory> announcer(String protocol) {
        return announcerFactories().stream().filter(f -> f.name().equals(protocol)).findFirst();
    }
}
