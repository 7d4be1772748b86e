package io.barelb.runtime.speaker;

import io.barelb.api.ipam.AddressAllocator;
import io.barelb.api.ipam.IpamFactory;
import io.barelb.api.ipam.PoolEntry;
import io.barelb.api.net.IpAddress;
import io.barelb.runtime.model.AddressPool;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells which pool an address belongs to, asking the IPAM plugins that own the pools' entries (so a
 * third-party notation works here too). Built per configuration; immutable after construction.
 */
final class PoolFinder {

    private static final Logger LOG = LoggerFactory.getLogger(PoolFinder.class);

    private final List<Entry> entries;

    private record Entry(AddressPool pool, AddressAllocator allocator) {
    }

    PoolFinder(List<AddressPool> pools, List<IpamFactory> factories) {
        List<Entry> found = new ArrayList<>();
        for (AddressPool pool : pools) {
            for (int i = 0; i < pool.addresses().size(); i++) {
                PoolEntry entry = new PoolEntry(pool.name(), i, pool.addresses().get(i), pool.avoidBuggyIps());
                Optional<IpamFactory> factory = factories.stream().filter(f -> f.accepts(entry.text())).findFirst();
                if (factory.isEmpty()) {
                    LOG.warn("IPAddressPool \"{}\" {} \"{}\": no IPAM plugin accepts this entry; its addresses are not announced",
                            pool.name(), entry.fieldPath(), entry.text());
                    continue;
                }
                found.add(new Entry(pool, factory.get().create(entry)));
            }
        }
        this.entries = List.copyOf(found);
    }

    /** The pool whose entries contain {@code address}, in configuration order. */
    Optional<AddressPool> poolOf(IpAddress address) {
        return entries.stream().filter(e -> e.allocator.contains(address)).map(Entry::pool).findFirst();
    }
}
