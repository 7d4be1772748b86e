package io.barelb.runtime.bench;

import io.barelb.api.ipam.AddressAllocator;
import io.barelb.api.ipam.IpamFactory;
import io.barelb.api.ipam.PoolEntry;
import io.barelb.ipam.cidr.CidrIpamPlugin;
import io.barelb.ipam.range.RangeIpamPlugin;
import java.util.ArrayList;
import java.util.List;

/** The real IPAM plugins, as the runtime would get them. */
final class Plugins {

    private Plugins() {
    }

    static List<IpamFactory> factories() {
        List<IpamFactory> factories = new ArrayList<>(new RangeIpamPlugin().ipamFactories());
        factories.addAll(new CidrIpamPlugin().ipamFactories());
        return factories;
    }

    /** An allocator for one entry, from whichever plugin accepts it. */
    static AddressAllocator allocator(String entry) {
        for (IpamFactory factory : factories()) {
            if (factory.accepts(entry)) {
                return factory.create(new PoolEntry("bench", 0, entry, false));
            }
        }
        throw new IllegalArgumentException("no plugin accepts " + entry);
    }
}
