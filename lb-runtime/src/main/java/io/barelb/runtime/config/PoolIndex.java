package io.barelb.runtime.config;

import io.barelb.api.select.LabelSelectors;
import io.barelb.api.config.Problems;
import io.barelb.api.config.ConfigResource;
import io.barelb.api.config.ConfigView;
import io.barelb.api.select.LabelSelector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pools of a configuration as advertisement rules need them: by name, with labels and entries. Immutable.
 */
final class PoolIndex {

    private final Map<String, ConfigResource> pools;
    private final Map<String, List<PoolRules.Entry>> entries;

    PoolIndex(List<ConfigResource> pools, Map<String, List<PoolRules.Entry>> entries) {
        Map<String, ConfigResource> byName = new LinkedHashMap<>();
        pools.forEach(pool -> byName.putIfAbsent(pool.name(), pool));
        this.pools = byName;
        this.entries = Map.copyOf(entries);
    }

    boolean exists(String name) {
        return pools.containsKey(name);
    }

    /** The entries of a pool that could be read. */
    List<PoolRules.Entry> entries(String pool) {
        return entries.getOrDefault(pool, List.of());
    }

    /**
     * Checks {@code ipAddressPools} and {@code ipAddressPoolSelectors} of an advertisement and returns the
     * names of the pools it selects (all pools when both are empty or absent, as MetalLB's
     * {@code setBGPAdvertisementsToPools} and {@code setL2AdvertisementsToPools} select them).
     */
    List<String> selected(ConfigView spec, Problems problems) {
        return selected(spec, problems, new Problems());
    }

    /**
     * As {@link #selected(ConfigView, Problems)}, with each name in {@code ipAddressPools} that no pool has reported
     * to {@code missing}: MetalLB ({@code setBGPAdvertisementsToPools}, {@code setL2AdvertisementsToPools}) skips such
     * a name, so it is a notice, not a problem.
     */
    List<String> selected(ConfigView spec, Problems problems, Problems missing) {
        List<String> names = problems.readList(() -> spec.strings("ipAddressPools"));
        for (int i = 0; i < names.size(); i++) {
            if (!exists(names.get(i))) {
                missing.at(spec, "ipAddressPools[" + i + "]", names.get(i), "no IPAddressPool has this name, so the"
                        + " advertisement selects nothing by it (as in MetalLB); create the pool or remove the reference");
            }
        }
        List<LabelSelector> selectors = LabelSelectors.list(spec, "ipAddressPoolSelectors", problems);
        if (names.isEmpty() && selectors.isEmpty()) { // MetalLB's rule, and the speaker's (AdvertisementRule)
            return List.copyOf(pools.keySet());
        }
        List<String> result = new ArrayList<>();
        for (ConfigResource pool : pools.values()) {
            boolean byName = names.contains(pool.name());
            boolean bySelector = selectors.stream().anyMatch(s -> s.matches(pool.labels()));
            if (byName || bySelector) {
                result.add(pool.name());
            }
        }
        return result;
    }
}
