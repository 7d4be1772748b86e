package io.barelb.runtime.plugin;

import io.barelb.api.announce.AnnouncerFactory;
import io.barelb.api.ipam.IpamFactory;
import java.nio.file.Path;
import java.util.List;

/**
 * One plugin folder after loading: its jars and the factories its entry points handed out (already wrapped
 * so that every call runs inside the plugin). Immutable.
 *
 * @param name               the folder's name, which is the plugin's name
 * @param folder             the folder
 * @param jars               the jar files, sorted by name
 * @param entryPoints        the class names of its {@code LbPlugin} implementations
 * @param ipamFactories      its IPAM factories
 * @param announcerFactories its announcer factories
 * @param classLoader        the class loader of its jars (context loader of its threads)
 */
public record LoadedPlugin(String name, Path folder, List<Path> jars, List<String> entryPoints,
                           List<IpamFactory> ipamFactories, List<AnnouncerFactory> announcerFactories,
                           ClassLoader classLoader) {

    public LoadedPlugin {
        jars = List.copyOf(jars);
        entryPoints = List.copyOf(entryPoints);
        ipamFactories = List.copyOf(ipamFactories);
        announcerFactories = List.copyOf(announcerFactories);
    }
}
