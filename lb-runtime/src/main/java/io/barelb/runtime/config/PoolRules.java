package io.barelb.runtime.config;

import io.barelb.api.config.ConfigException;
import io.barelb.api.config.ConfigResource;
import io.barelb.api.config.ConfigView;
import io.barelb.api.ipam.AddressAllocator;
import io.barelb.api.ipam.IpamFactory;
import io.barelb.api.ipam.PoolEntry;
import io.barelb.runtime.model.AddressPool;
import io.barelb.runtime.model.LabelSelector;
import io.barelb.runtime.model.ServiceAllocation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The generic rules for {@code IPAddressPool}: known fields, unique names, at least one entry, each entry
 * readable (by the IPAM plugin that answers to its notation when plugins are given, else by syntax), and no
 * address in two entries. Builds the {@link AddressPool} model of every valid pool.
 */
final class PoolRules {

    private static final Set<String> FIELDS = Set.of("addresses", "autoAssign", "avoidBuggyIPs", "serviceAllocation");
    private static final Set<String> ALLOCATION_FIELDS = Set.of("priority", "namespaces", "namespaceSelectors",
            "serviceSelectors");

    /** One entry that was read, with where it is written. */
    record Entry(ConfigResource pool, int index, String text, AddressRange range) {
    }

    private final List<IpamFactory> factories;

    PoolRules(List<IpamFactory> factories) {
        this.factories = List.copyOf(factories);
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
                Optional<AddressRange> range = entry(pool, i, addresses.get(i), avoid, problems);
                if (range.isPresent()) {
                    poolEntries.add(new Entry(pool, i, addresses.get(i), range.get()));
                }
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

    private Optional<AddressRange> entry(ConfigResource pool, int index, String text, boolean avoidBuggyIps,
                                         Problems problems) {
        String field = "spec.addresses[" + index + "]";
        if (factories.isEmpty()) {
            try {
                return Optional.of(AddressRange.parse(text));
            } catch (IllegalArgumentException e) {
                problems.add(new io.barelb.api.config.ConfigProblem(pool.kind(), pool.name(), field, text, e.getMessage()));
                return Optional.empty();
            }
        }
        List<IpamFactory> accepting = factories.stream().filter(f -> f.accepts(text)).toList();
        if (accepting.size() != 1) {
            String reason = accepting.isEmpty()
                    ? "no IPAM plugin accepts this entry (installed: " + String.join(", ",
                    factories.stream().map(IpamFactory::name).toList())
                    + "); write a CIDR such as 192.0.2.0/24 or a range such as 192.0.2.10-192.0.2.20"
                    : "more than one IPAM plugin accepts this entry: " + String.join(", ",
                    accepting.stream().map(IpamFactory::name).toList());
            problems.add(new io.barelb.api.config.ConfigProblem(pool.kind(), pool.name(), field, text, reason));
            return Optional.empty();
        }
        try {
            AddressAllocator allocator = accepting.get(0).create(new PoolEntry(pool.name(), index, text, avoidBuggyIps));
            return Optional.of(new AddressRange(allocator.first(), allocator.last()));
        } catch (ConfigException e) {
            problems.addAll(e.problems());
            return Optional.empty();
        }
    }

    private static ServiceAllocation serviceAllocation(ConfigView view, Problems problems) {
        problems.unknownKeys(view, ALLOCATION_FIELDS);
        Optional<Long> priority = problems.integerIn(view, "priority", 0, Integer.MAX_VALUE);
        List<String> namespaces = problems.readList(() -> view.strings("namespaces"));
        List<LabelSelector> namespaceSelectors = Selectors.list(view, "namespaceSelectors", problems);
        List<LabelSelector> serviceSelectors = Selectors.list(view, "serviceSelectors", problems);
        return new ServiceAllocation(priority.map(p -> OptionalInt.of(p.intValue())).orElse(OptionalInt.empty()),
                namespaces, namespaceSelectors, serviceSelectors);
    }

    /** Reports each entry that shares an address with an earlier-starting entry (of any pool). */
    private static void overlaps(List<Entry> all, Problems problems) {
        List<Entry> sorted = new ArrayList<>(all);
        sorted.sort(Comparator.comparing((Entry e) -> e.range().first()).thenComparing(e -> e.range().last()));
        Entry widest = null;
        for (Entry entry : sorted) {
            if (widest != null && widest.range().overlaps(entry.range())) {
                Entry earlier = widest;
                Entry later = entry;
                if (position(all, later) < position(all, earlier)) {
                    earlier = entry;
                    later = widest;
                }
                problems.add(new io.barelb.api.config.ConfigProblem(later.pool().kind(), later.pool().name(),
                        "spec.addresses[" + later.index() + "]", later.text(),
                        "overlaps " + earlier.text() + " of pool \"" + earlier.pool().name()
                                + "\"; an address may belong to one pool entry only"));
            }
            if (widest == null || widest.range().family() != entry.range().family()
                    || widest.range().last().compareTo(entry.range().last()) < 0) {
                widest = entry;
            }
        }
    }

    private static int position(List<Entry> all, Entry entry) {
        return all.indexOf(entry);
    }
}
