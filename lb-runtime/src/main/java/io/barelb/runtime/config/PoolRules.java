package io.barelb.runtime.config;

import io.barelb.api.select.LabelSelectors;
import io.barelb.api.config.Problems;
import io.barelb.api.config.ConfigException;
import io.barelb.api.config.ConfigResource;
import io.barelb.api.config.ConfigView;
import io.barelb.api.ipam.AddressAllocator;
import io.barelb.api.ipam.IpamFactory;
import io.barelb.api.ipam.PoolEntry;
import io.barelb.api.net.IpFamily;
import io.barelb.api.net.IpPrefix;
import io.barelb.api.net.IpRange;
import io.barelb.runtime.allocator.IpamRegistry;
import io.barelb.runtime.allocator.Overlaps;
import io.barelb.runtime.model.AddressPool;
import io.barelb.api.select.LabelSelector;
import io.barelb.runtime.model.ServiceAllocation;
import io.barelb.runtime.plugin.Causes;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The generic rules for {@code IPAddressPool}: known fields, unique names, at least one entry, each entry
 * readable (by the IPAM plugin its {@code NAME:} prefix or its notation selects, when plugins are given, else by
 * syntax), and no address in two entries. What an entry covers (its spans) and holds (its size) is what the
 * plugin's allocator answers, never its first to last address. Builds the {@link AddressPool} model of every
 * valid pool.
 */
final class PoolRules {

    private static final Set<String> FIELDS = Set.of("addresses", "autoAssign", "avoidBuggyIPs", "serviceAllocation");
    private static final Set<String> ALLOCATION_FIELDS = Set.of("priority", "namespaces", "namespaceSelectors",
            "serviceSelectors");

    /**
     * One entry that was read, with where it is written.
     *
     * @param family the family of its addresses
     * @param spans  the spans of consecutive addresses it covers, ascending
     * @param size   the number of addresses it may hand out
     */
    record Entry(ConfigResource pool, int index, String text, IpFamily family, List<IpRange> spans, BigInteger size) {

        Entry {
            spans = List.copyOf(spans);
        }

        /** The fewest CIDR prefixes that cover exactly its spans. */
        List<IpPrefix> prefixes() {
            return spans.stream().flatMap(span -> AddressRange.of(span).toPrefixes().stream()).toList();
        }
    }

    private final IpamRegistry registry;

    /** @param factories the installed IPAM factories; none means entries are read by syntax */
    PoolRules(List<IpamFactory> factories) {
        this.registry = new IpamRegistry(factories);
    }

    /** Checks every pool; returns the valid pools (by name) and fills {@code entries} with every readable entry. */
    Map<String, AddressPool> check(List<ConfigResource> pools, Problems problems, Map<String, List<Entry>> entries) {
        Map<String, AddressPool> valid = new LinkedHashMap<>();
        Set<String> names = new HashSet<>();
        List<Entry> all = new ArrayList<>();
        for (ConfigResource pool : pools) {
            if (!names.add(pool.name())) {
                problems.add(new io.barelb.api.config.ConfigProblem(pool.kind(), pool.name(), "metadata.name", pool.name(),
                        "duplicate pool name; every IPAddressPool needs its own name"));
                continue;
            }
            int before = problems.list().size();
            ConfigView spec = pool.spec();
            problems.unknownKeys(spec, FIELDS);
            List<String> addresses = problems.readList(() -> spec.strings("addresses"));
            if (addresses.isEmpty() && problems.list().size() == before) {
                problems.at(spec, "addresses", "", "is required: list at least one CIDR or first-last range");
            }
            List<Entry> poolEntries = new ArrayList<>();
            for (int i = 0; i < addresses.size(); i++) {
                boolean avoid = problems.read(() -> spec.bool("avoidBuggyIPs")).orElse(false);
                entry(pool, i, addresses.get(i), avoid, problems).ifPresent(poolEntries::add);
            }
            boolean autoAssign = problems.read(() -> spec.bool("autoAssign")).orElse(true);
            boolean avoidBuggyIps = problems.read(() -> spec.bool("avoidBuggyIPs")).orElse(false);
            Optional<ServiceAllocation> allocation = problems.read(() -> spec.child("serviceAllocation"))
                    .map(view -> serviceAllocation(view, problems));
            entries.put(pool.name(), List.copyOf(poolEntries));
            all.addAll(poolEntries);
            if (problems.list().size() == before) {
                valid.put(pool.name(), new AddressPool(pool.name(), pool.labels(), addresses, autoAssign, avoidBuggyIps,
                        allocation));
            }
        }
        overlaps(all, problems);
        return valid;
    }

    private Optional<Entry> entry(ConfigResource pool, int index, String text, boolean avoidBuggyIps, Problems problems) {
        String field = "spec.addresses[" + index + "]";
        if (registry.factories().isEmpty()) {
            try {
                AddressRange range = AddressRange.parse(text);
                return Optional.of(new Entry(pool, index, text, range.family(), List.of(range.span()),
                        range.size(avoidBuggyIps)));
            } catch (IllegalArgumentException e) {
                problems.add(new io.barelb.api.config.ConfigProblem(pool.kind(), pool.name(), field, text, e.getMessage()));
                return Optional.empty();
            }
        }
        try (AddressAllocator allocator = registry.create(new PoolEntry(pool.name(), index, text, avoidBuggyIps))) {
            return Optional.of(new Entry(pool, index, text, allocator.family(), allocator.spans(), allocator.size()));
        } catch (ConfigException e) {
            problems.addAll(e.problems());
        } catch (RuntimeException e) {
            problems.add(new io.barelb.api.config.ConfigProblem(pool.kind(), pool.name(), field, text,
                    "the IPAM plugin failed on this entry: " + Causes.describe(e)));
        }
        return Optional.empty();
    }

    private static ServiceAllocation serviceAllocation(ConfigView view, Problems problems) {
        problems.unknownKeys(view, ALLOCATION_FIELDS);
        Optional<Long> priority = problems.integerIn(view, "priority", 0, Integer.MAX_VALUE);
        List<String> namespaces = problems.readList(() -> view.strings("namespaces"));
        List<LabelSelector> namespaceSelectors = LabelSelectors.list(view, "namespaceSelectors", problems);
        List<LabelSelector> serviceSelectors = LabelSelectors.list(view, "serviceSelectors", problems);
        return new ServiceAllocation(priority.map(p -> OptionalInt.of(p.intValue())).orElse(OptionalInt.empty()),
                namespaces, namespaceSelectors, serviceSelectors);
    }

    /** Reports each entry that shares an address with another entry (of any pool), naming the one written first. */
    private static void overlaps(List<Entry> all, Problems problems) {
        for (Overlaps.Pair<Entry> pair : Overlaps.find(all, Entry::spans)) {
            Entry earlier = pair.earlier();
            Entry later = pair.later();
            problems.add(new io.barelb.api.config.ConfigProblem(later.pool().kind(), later.pool().name(),
                    "spec.addresses[" + later.index() + "]", later.text(),
                    "overlaps " + earlier.text() + " of pool \"" + earlier.pool().name()
                            + "\"; an address may belong to one pool entry only"));
        }
    }
}
