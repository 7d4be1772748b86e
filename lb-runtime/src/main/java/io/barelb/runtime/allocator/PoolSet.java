package io.barelb.runtime.allocator;

import io.barelb.api.config.ConfigException;
import io.barelb.api.config.ConfigProblem;
import io.barelb.api.ipam.AddressAllocator;
import io.barelb.api.ipam.PoolEntry;
import io.barelb.api.net.IpAddress;
import io.barelb.api.net.IpFamily;
import io.barelb.api.net.IpRange;
import io.barelb.runtime.model.AddressPool;
import io.barelb.runtime.plugin.Causes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A validated set of pools, each entry backed by a fresh plugin allocator, indexed by the spans the allocators
 * answer. {@link #close()} closes every allocator. Not thread-safe.
 */
final class PoolSet implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PoolSet.class);

    /** One entry of one pool and its allocator. */
    record Entry(Pool pool, int index, String text, AddressAllocator allocator) {
    }

    /** One span of one entry, the unit of the address index. */
    private record Span(IpRange range, Entry entry) {
    }

    /** One pool and its entries, in the order written. */
    static final class Pool {
        private final AddressPool config;
        private final List<Entry> entries = new ArrayList<>();
        private int familyMask;

        Pool(AddressPool config) {
            this.config = config;
        }

        AddressPool config() {
            return config;
        }

        List<Entry> entries() {
            return entries;
        }

        String name() {
            return config.name();
        }

        boolean has(IpFamily family) {
            return (familyMask & (1 << family.ordinal())) != 0;
        }

        private void add(Entry entry) {
            entries.add(entry);
            familyMask |= 1 << entry.allocator().family().ordinal();
        }
    }

    private final Map<String, Pool> byName;
    private final NavigableMap<IpAddress, Span> byFirst;
    private final List<Pool> pinned;
    private final List<Pool> open;

    private PoolSet(Map<String, Pool> byName, NavigableMap<IpAddress, Span> byFirst) {
        this.byName = byName;
        this.byFirst = byFirst;
        this.pinned = PoolChoice.pinnedByPriority(byName.values());
        this.open = PoolChoice.unrestricted(byName.values());
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
            Pool pool = new Pool(config);
            for (int i = 0; i < config.addresses().size(); i++) {
                PoolEntry poolEntry = new PoolEntry(config.name(), i, config.addresses().get(i), config.avoidBuggyIps());
                try {
                    pool.add(new Entry(pool, i, poolEntry.text(), registry.create(poolEntry)));
                } catch (ConfigException e) {
                    problems.addAll(e.problems());
                } catch (RuntimeException e) {
                    problems.add(new ConfigProblem("IPAddressPool", config.name(), poolEntry.fieldPath(), poolEntry.text(),
                            "the IPAM plugin failed on this entry: " + Causes.describe(e)));
                }
            }
            byName.put(config.name(), pool);
            all.addAll(pool.entries());
        }
        return new PoolSet(byName, index(all, problems));
    }

    /** The pool named {@code name}, or null. */
    Pool pool(String name) {
        return byName.get(name);
    }

    /** Every pool, by name. */
    Iterable<Pool> pools() {
        return byName.values();
    }

    /** Auto-assign pools with a serviceAllocation, by priority then name. */
    List<Pool> pinned() {
        return pinned;
    }

    /** Auto-assign pools without serviceAllocation, by name. */
    List<Pool> open() {
        return open;
    }

    /** The entry that may hand out {@code address}, or null when no pool holds it (or avoidBuggyIPs excludes it). */
    Entry entryOf(IpAddress address) {
        Map.Entry<IpAddress, Span> floor = byFirst.floorEntry(address);
        if (floor == null || !floor.getValue().range().contains(address)
                || !floor.getValue().entry().allocator().contains(address)) {
            return null;
        }
        return floor.getValue().entry();
    }

    /**
     * Closes every allocator. A plugin that fails to close one is logged, and the others are closed all the same.
     * Idempotent only in the sense that allocators are closed once: call it once.
     */
    @Override
    public void close() {
        for (Pool pool : byName.values()) {
            for (Entry entry : pool.entries()) {
                close(entry);
            }
        }
    }

    private static void close(Entry entry) {
        try {
            entry.allocator().close();
        } catch (RuntimeException e) {
            LOG.warn("IPAddressPool \"{}\" {}: the IPAM plugin failed to close its allocator: {}", entry.pool().name(),
                    "spec.addresses[" + entry.index() + "]", Causes.describe(e));
        }
    }

    /** The spans of every entry by first address; every entry sharing an address with another is a problem. */
    private static NavigableMap<IpAddress, Span> index(List<Entry> entries, List<ConfigProblem> problems) {
        for (Overlaps.Pair<Entry> pair : Overlaps.find(entries, e -> e.allocator().spans())) {
            Entry later = pair.later();
            Entry earlier = pair.earlier();
            problems.add(new ConfigProblem("IPAddressPool", later.pool().name(), "spec.addresses[" + later.index() + "]",
                    later.text(), "overlaps spec.addresses[" + earlier.index() + "] \"" + earlier.text() + "\" of pool \""
                    + earlier.pool().name() + "\"; an address may belong to one pool only"));
        }
        NavigableMap<IpAddress, Span> index = new TreeMap<>();
        for (Entry entry : entries) {
            for (IpRange range : entry.allocator().spans()) {
                index.put(range.first(), new Span(range, entry));
            }
        }
        return index;
    }
}
