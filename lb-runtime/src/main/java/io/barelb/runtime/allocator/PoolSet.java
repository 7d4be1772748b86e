package io.barelb.runtime.allocator;

import io.barelb.api.config.ConfigException;
import io.barelb.api.config.ConfigProblem;
import io.barelb.api.ipam.AddressAllocator;
import io.barelb.api.ipam.IpamFactory;
import io.barelb.api.ipam.PoolEntry;
import io.barelb.api.net.IpAddress;
import io.barelb.api.net.IpFamily;
import io.barelb.runtime.model.AddressPool;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/** A validated set of pools, each entry backed by a fresh plugin allocator. Not thread-safe. */
final class PoolSet {

    /** One entry of one pool and its allocator. */
    record Entry(Pool pool, int index, String text, String plugin, AddressAllocator allocator) {
    }

    /** One pool and its entries, in the order written. */
    record Pool(AddressPool config, List<Entry> entries) {

        String name() {
            return config.name();
        }

        boolean has(IpFamily family) {
            for (Entry entry : entries) {
                if (entry.allocator().family() == family) {
                    return true;
                }
            }
            return false;
        }
    }

    private final Map<String, Pool> byName;
    private final NavigableMap<IpAddress, Entry> byFirst;

    private PoolSet(Map<String, Pool> byName, NavigableMap<IpAddress, Entry> byFirst) {
        this.byName = byName;
        this.byFirst = byFirst;
    }

    /** No pools at all. */
    static PoolSet empty() {
        return new PoolSet(new TreeMap<>(), new TreeMap<>());
    }

    /**
     * Builds the allocators of every entry; adds every problem found to {@code problems}. The result is only
     * meaningful when no problem was added.
     */
    static PoolSet compile(IpamRegistry registry, List<AddressPool> pools, List<ConfigProblem> problems) {
        Map<String, Pool> byName = new TreeMap<>();
        List<Entry> all = new ArrayList<>();
        for (AddressPool config : pools) {
            if (byName.containsKey(config.name())) {
                problems.add(new ConfigProblem("IPAddressPool", config.name(), "metadata.name", config.name(),
                        "two pools have this name; rename one"));
                continue;
            }
            if (config.addresses().isEmpty()) {
                problems.add(new ConfigProblem("IPAddressPool", config.name(), "spec.addresses", "",
                        "the pool has no addresses; list at least one CIDR (192.0.2.0/24) or range (192.0.2.10-192.0.2.20)"));
            }
            List<Entry> entries = new ArrayList<>();
            Pool pool = new Pool(config, entries);
            for (int i = 0; i < config.addresses().size(); i++) {
                PoolEntry poolEntry = new PoolEntry(config.name(), i, config.addresses().get(i), config.avoidBuggyIps());
                try {
                    IpamFactory factory = registry.factoryFor(poolEntry);
                    entries.add(new Entry(pool, i, poolEntry.text(), factory.name(), factory.create(poolEntry)));
                } catch (ConfigException e) {
                    problems.addAll(e.problems());
                } catch (RuntimeException e) {
                    problems.add(new ConfigProblem("IPAddressPool", config.name(), poolEntry.fieldPath(), poolEntry.text(),
                            "the IPAM plugin failed on this entry: " + e));
                }
            }
            byName.put(config.name(), pool);
            all.addAll(entries);
        }
        return new PoolSet(byName, indexWithoutOverlaps(all, problems));
    }

    /** The pool named {@code name}, or null. */
    Pool pool(String name) {
        return byName.get(name);
    }

    /** Every pool, by name. */
    Iterable<Pool> pools() {
        return byName.values();
    }

    /** The entry that may hand out {@code address}, or null when no pool holds it (or avoidBuggyIPs excludes it). */
    Entry entryOf(IpAddress address) {
        Map.Entry<IpAddress, Entry> floor = byFirst.floorEntry(address);
        if (floor == null || !floor.getValue().allocator().contains(address)) {
            return null;
        }
        return floor.getValue();
    }

    private static NavigableMap<IpAddress, Entry> indexWithoutOverlaps(List<Entry> entries, List<ConfigProblem> problems) {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparing((Entry e) -> e.allocator().first()));
        NavigableMap<IpAddress, Entry> index = new TreeMap<>();
        Entry reach = null;
        for (Entry entry : sorted) {
            AddressAllocator allocator = entry.allocator();
            if (reach != null && reach.allocator().family() == allocator.family()
                    && allocator.first().compareTo(reach.allocator().last()) <= 0) {
                problems.add(new ConfigProblem("IPAddressPool", entry.pool().name(), "spec.addresses[" + entry.index() + "]",
                        entry.text(), "overlaps spec.addresses[" + reach.index() + "] \"" + reach.text() + "\" of pool \""
                        + reach.pool().name() + "\"; an address may belong to one pool only"));
            }
            if (reach == null || reach.allocator().family() != allocator.family()
                    || allocator.last().compareTo(reach.allocator().last()) > 0) {
                reach = entry;
            }
            index.put(allocator.first(), entry);
        }
        return index;
    }
}
