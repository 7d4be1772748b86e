package io.barelb.runtime.controller;

import io.barelb.api.Metrics;
import io.barelb.runtime.allocator.PoolUsage;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * MetalLB's allocator gauges, per pool and with its names, so that its dashboards and alerts keep working:
 * {@code metallb_allocator_addresses_in_use_total} and {@code metallb_allocator_addresses_total} (both gauges in
 * MetalLB despite the suffix). A pool's IPv4 and IPv6 addresses count together, as MetalLB counts them; a pool
 * that leaves the configuration leaves the metrics.
 */
final class PoolMetrics {

    static final String IN_USE = "metallb_allocator_addresses_in_use_total";
    static final String TOTAL = "metallb_allocator_addresses_total";

    private record Counts(double inUse, double total) {
    }

    private final Metrics metrics;
    private final Map<String, Counts> current = new ConcurrentHashMap<>();

    PoolMetrics(Metrics metrics) {
        this.metrics = metrics;
    }

    /** The usage after a reconcile. */
    void update(List<PoolUsage> usage) {
        Map<String, Counts> next = new HashMap<>();
        for (PoolUsage family : usage) {
            Counts before = next.getOrDefault(family.pool(), new Counts(0, 0));
            next.put(family.pool(), new Counts(before.inUse() + family.assigned(),
                    before.total() + family.total().doubleValue()));
        }
        for (String gone : List.copyOf(current.keySet())) {
            if (!next.containsKey(gone)) {
                current.remove(gone);
                metrics.remove(IN_USE, Map.of("pool", gone));
                metrics.remove(TOTAL, Map.of("pool", gone));
            }
        }
        next.forEach((pool, counts) -> {
            if (current.put(pool, counts) == null) {
                metrics.gauge(IN_USE, "Number of IP addresses in use, per pool", Map.of("pool", pool),
                        () -> current.getOrDefault(pool, new Counts(0, 0)).inUse());
                metrics.gauge(TOTAL, "Number of usable IP addresses, per pool", Map.of("pool", pool),
                        () -> current.getOrDefault(pool, new Counts(0, 0)).total());
            }
        });
    }
}
