package io.barelb.api.plugin;

import io.barelb.api.announce.AnnouncerFactory;
import io.barelb.api.ipam.IpamFactory;
import java.util.List;

/**
 * The one entry point of a BareLB plugin, found with {@link java.util.ServiceLoader}: a plugin jar lists its
 * implementation in {@code META-INF/services/io.barelb.api.plugin.LbPlugin} and is dropped into its own folder under
 * {@code plugins/}. The runtime instantiates it once per process (public no-argument constructor) and asks it
 * for factories before anything else starts.
 *
 * <p>Every method has a default, so a plugin overrides only what it provides, and this interface grows only by
 * new default methods. Implementations must be cheap to construct and must not start threads or open sockets:
 * that happens when a factory builds an instance.
 */
public interface LbPlugin {

    /** IPAM factories, each answering to one pool-entry notation. */
    default List<IpamFactory> ipamFactories() {
        return List.of();
    }

    /** Announcer factories, each implementing one protocol. */
    default List<AnnouncerFactory> announcerFactories() {
        return List.of();
    }
}
