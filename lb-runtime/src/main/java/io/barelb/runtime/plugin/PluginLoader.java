package io.barelb.runtime.plugin;

import io.barelb.api.plugin.LbPlugin;
import io.barelb.api.announce.AnnouncerFactory;
import io.barelb.api.config.ResourceKind;
import io.barelb.api.ipam.IpamFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds plugins: every sub-folder of the plugins folder is one plugin, its {@code *.jar} files get a
 * {@link PluginClassLoader} of their own, and {@link ServiceLoader} finds its {@link LbPlugin} entry points.
 *
 * <p>Start-up fails, with a message naming the folder, when a folder has no jar, when its jars declare no
 * entry point in {@code META-INF/services/io.barelb.api.plugin.LbPlugin}, when an entry point cannot be built, or
 * when two plugins provide factories of one kind with the same name or claim one configuration kind (naming both
 * folders).
 */
public final class PluginLoader {

    private static final Logger LOG = LoggerFactory.getLogger(PluginLoader.class);
    /** The kinds the runtime owns itself; no plugin may claim them. */
    private static final java.util.Set<String> RUNTIME_KINDS = java.util.Set.of("IPAddressPool", "ConfigurationState");

    private final ClassLoader runtimeLoader;

    /** A loader whose plugins share the SPI and slf4j classes of the loader that loaded the runtime. */
    public PluginLoader() {
        this(PluginLoader.class.getClassLoader());
    }

    PluginLoader(ClassLoader runtimeLoader) {
        this.runtimeLoader = runtimeLoader;
    }

    /**
     * Loads every plugin folder under {@code pluginsDir}, in name order. A missing folder means no plugins.
     *
     * @throws PluginLoadException naming the folder that cannot be used
     */
    public PluginRegistry load(Path pluginsDir) {
        if (!Files.isDirectory(pluginsDir)) {
            LOG.warn("plugins folder {} does not exist: no IPAM or announcer plugins are loaded", pluginsDir);
            return new PluginRegistry(List.of());
        }
        List<LoadedPlugin> plugins = new ArrayList<>();
        for (Path folder : list(pluginsDir, Files::isDirectory)) {
            plugins.add(loadFolder(folder));
        }
        rejectDuplicates(plugins);
        rejectDuplicateKinds(plugins);
        return new PluginRegistry(plugins);
    }

    private LoadedPlugin loadFolder(Path folder) {
        String name = folder.getFileName().toString();
        List<Path> jars = list(folder, path -> Files.isRegularFile(path) && path.getFileName().toString().endsWith(".jar"));
        if (jars.isEmpty()) {
            throw new PluginLoadException("plugin folder " + folder + " holds no .jar file: put the plugin's jars"
                    + " (and its private libraries) there, or remove the folder");
        }
        PluginClassLoader loader = new PluginClassLoader(name, jars.stream().map(PluginLoader::toUrl).toList(), runtimeLoader);
        PluginCalls calls = new PluginCalls(name, loader);
        List<LbPlugin> entryPoints = calls.call("loading its entry points", () -> instantiate(folder, loader));
        if (entryPoints.isEmpty()) {
            throw new PluginLoadException("plugin folder " + folder + " has no entry point: none of its jars lists an"
                    + " implementation of io.barelb.api.plugin.LbPlugin in META-INF/services/io.barelb.api.plugin.LbPlugin");
        }
        List<IpamFactory> ipam = new ArrayList<>();
        List<AnnouncerFactory> announcers = new ArrayList<>();
        for (LbPlugin entryPoint : entryPoints) {
            String what = entryPoint.getClass().getName();
            calls.call(what + ".ipamFactories()", entryPoint::ipamFactories)
                    .forEach(factory -> ipam.add(new GuardedIpamFactory(factory, calls)));
            calls.call(what + ".announcerFactories()", entryPoint::announcerFactories)
                    .forEach(factory -> announcers.add(new GuardedAnnouncerFactory(factory, calls)));
        }
        LOG.info("plugin {} loaded from {}: {} IPAM and {} announcer factories", name, folder, ipam.size(), announcers.size());
        return new LoadedPlugin(name, folder, jars, entryPoints.stream().map(p -> p.getClass().getName()).toList(),
                ipam, announcers, loader);
    }

    private static List<LbPlugin> instantiate(Path folder, ClassLoader loader) {
        List<LbPlugin> found = new ArrayList<>();
        try {
            for (LbPlugin plugin : ServiceLoader.load(LbPlugin.class, loader)) {
                // the service file is read through the plugin's loader, whose parent (the platform loader)
                // has none: every entry found comes from this folder's jars
                found.add(plugin);
            }
        } catch (ServiceConfigurationError e) {
            throw new PluginLoadException("plugin folder " + folder + " lists an entry point that cannot be built: "
                    + Causes.describe(e) + "; fix or remove the plugin's jars", e);
        }
        return found;
    }

    private static void rejectDuplicates(List<LoadedPlugin> plugins) {
        Map<String, LoadedPlugin> owners = new HashMap<>();
        for (LoadedPlugin plugin : plugins) {
            Stream<String> keys = Stream.concat(
                    plugin.ipamFactories().stream().map(f -> "IPAM factory \"" + f.name() + "\""),
                    plugin.announcerFactories().stream().map(f -> "announcer factory \"" + f.name() + "\""));
            keys.forEach(key -> {
                LoadedPlugin earlier = owners.putIfAbsent(key, plugin);
                if (earlier != null) {
                    throw new PluginLoadException("two plugins provide the " + key + ": " + earlier.folder() + " and "
                            + plugin.folder() + "; remove one of the folders");
                }
            });
        }
    }

    /** Two plugins claiming one configuration kind, or a plugin claiming one of the runtime's, stop start-up. */
    private static void rejectDuplicateKinds(List<LoadedPlugin> plugins) {
        Map<String, LoadedPlugin> owners = new HashMap<>();
        for (LoadedPlugin plugin : plugins) {
            for (AnnouncerFactory factory : plugin.announcerFactories()) {
                for (ResourceKind kind : factory.kinds()) {
                    if (RUNTIME_KINDS.contains(kind.kind())) {
                        throw new PluginLoadException("plugin folder " + plugin.folder() + " claims the configuration kind "
                                + kind.kind() + ", which is the runtime's own; remove it from the plugin's kinds()");
                    }
                    LoadedPlugin earlier = owners.putIfAbsent(kind.kind(), plugin);
                    if (earlier != null && earlier != plugin) {
                        throw new PluginLoadException("two plugins claim the configuration kind " + kind.kind() + ": "
                                + earlier.folder() + " and " + plugin.folder() + "; remove one of the folders");
                    }
                }
            }
        }
    }

    private static List<Path> list(Path dir, java.util.function.Predicate<Path> filter) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(filter).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    private static URL toUrl(Path jar) {
        try {
            return jar.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
