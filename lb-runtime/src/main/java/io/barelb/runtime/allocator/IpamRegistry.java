package io.barelb.runtime.allocator;

import io.barelb.api.config.ConfigProblem;
import io.barelb.api.ipam.IpamFactory;
import io.barelb.api.ipam.PoolEntry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The IPAM factories of every loaded plugin, and which one answers a pool entry. Immutable and thread-safe
 * (factories are).
 */
public final class IpamRegistry {

    private final List<IpamFactory> factories;

    /**
     * @param factories every IPAM factory the plugins offer
     * @throws IllegalArgumentException if two factories share a name
     */
    public IpamRegistry(List<IpamFactory> factories) {
        this.factories = List.copyOf(factories);
        Map<String, IpamFactory> byName = new HashMap<>();
        for (IpamFactory factory : this.factories) {
            IpamFactory previous = byName.putIfAbsent(factory.name(), factory);
            if (previous != null) {
                throw new IllegalArgumentException("two IPAM factories are named \"" + factory.name() + "\": "
                        + previous.getClass().getName() + " and " + factory.getClass().getName());
            }
        }
    }

    /** The factories, in the order given. */
    public List<IpamFactory> factories() {
        return factories;
    }

    /**
     * The one factory that accepts {@code entry}.
     *
     * @throws io.barelb.api.config.ConfigException naming the entry when none or several accept it
     */
    IpamFactory factoryFor(PoolEntry entry) {
        List<IpamFactory> accepting = new ArrayList<>();
        for (IpamFactory factory : factories) {
            if (factory.accepts(entry.text())) {
                accepting.add(factory);
            }
        }
        if (accepting.size() == 1) {
            return accepting.get(0);
        }
        String reason = accepting.isEmpty()
                ? "no IPAM plugin understands this entry (loaded: " + names(factories)
                        + "); write a CIDR such as 192.0.2.0/24 or a range such as 192.0.2.10-192.0.2.20"
                : "several IPAM plugins claim this entry (" + names(accepting) + "); remove one of them";
        throw new io.barelb.api.config.ConfigException(
                new ConfigProblem("IPAddressPool", entry.pool(), entry.fieldPath(), entry.text(), reason));
    }

    private static String names(List<IpamFactory> list) {
        List<String> names = new ArrayList<>();
        for (IpamFactory factory : list) {
            names.add(factory.name());
        }
        return names.isEmpty() ? "none" : String.join(", ", names);
    }
}
