package io.barelb.runtime.allocator;

import io.barelb.runtime.model.AddressPool;
import io.barelb.api.select.LabelSelector;
import io.barelb.runtime.model.ServiceAllocation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** Which pools may serve a Service, and in what order (MetalLB's pinned pools, then the unrestricted ones). */
final class PoolChoice {

    private PoolChoice() {
    }

    /**
     * True if the pool's {@code serviceAllocation} (if any) admits the Service: its namespace is listed or matches
     * a namespace selector (when either is given), and its labels match a service selector (when any is given).
     */
    static boolean admits(AddressPool pool, ServiceRequest request) {
        if (pool.serviceAllocation().isEmpty()) {
            return true;
        }
        ServiceAllocation allocation = pool.serviceAllocation().get();
        if (!allocation.namespaces().isEmpty() || !allocation.namespaceSelectors().isEmpty()) {
            boolean listed = allocation.namespaces().contains(request.service().namespace())
                    || anyMatches(allocation.namespaceSelectors(), request);
            if (!listed) {
                return false;
            }
        }
        if (!allocation.serviceSelectors().isEmpty()) {
            for (LabelSelector selector : allocation.serviceSelectors()) {
                if (selector.matches(request.serviceLabels())) {
                    return true;
                }
            }
            return false;
        }
        return true;
    }

    /**
     * The pools to try for a Service that names no pool and no address: auto-assign pools whose
     * serviceAllocation admits it, by priority (lower first; unset or 0 last), then auto-assign pools without
     * serviceAllocation; ties by name.
     */
    static List<PoolSet.Pool> candidates(PoolSet pools, ServiceRequest request) {
        if (pools.pinned().isEmpty()) {
            return pools.open();
        }
        List<PoolSet.Pool> candidates = new ArrayList<>(pools.pinned().size() + pools.open().size());
        for (PoolSet.Pool pool : pools.pinned()) {
            if (admits(pool.config(), request)) {
                candidates.add(pool);
            }
        }
        candidates.addAll(pools.open());
        return candidates;
    }

    /** Auto-assign pools with a serviceAllocation, by priority then name. */
    static List<PoolSet.Pool> pinnedByPriority(Collection<PoolSet.Pool> pools) {
        List<PoolSet.Pool> pinned = new ArrayList<>();
        for (PoolSet.Pool pool : pools) {
            if (pool.config().autoAssign() && pool.config().serviceAllocation().isPresent()) {
                pinned.add(pool);
            }
        }
        pinned.sort(Comparator.comparingInt(PoolChoice::priority).thenComparing(PoolSet.Pool::name));
        return List.copyOf(pinned);
    }

    /** Auto-assign pools without serviceAllocation, by name. */
    static List<PoolSet.Pool> unrestricted(Collection<PoolSet.Pool> pools) {
        List<PoolSet.Pool> open = new ArrayList<>();
        for (PoolSet.Pool pool : pools) {
            if (pool.config().autoAssign() && pool.config().serviceAllocation().isEmpty()) {
                open.add(pool);
            }
        }
        open.sort(Comparator.comparing(PoolSet.Pool::name));
        return List.copyOf(open);
    }

    private static int priority(PoolSet.Pool pool) {
        int priority = pool.config().serviceAllocation().orElseThrow().priority().orElse(0);
        return priority <= 0 ? Integer.MAX_VALUE : priority;
    }

    private static boolean anyMatches(List<LabelSelector> selectors, ServiceRequest request) {
        for (LabelSelector selector : selectors) {
            if (selector.matches(request.namespaceLabels())) {
                return true;
            }
        }
        return false;
    }
}
