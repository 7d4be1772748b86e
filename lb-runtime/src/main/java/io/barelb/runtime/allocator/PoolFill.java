package io.barelb.runtime.allocator;

import io.barelb.api.net.IpAddress;
import io.barelb.api.net.IpFamily;
import io.barelb.api.net.IpRange;
import java.util.List;
import java.util.NavigableSet;
import java.util.Optional;

/** Picks addresses inside one pool: per family, the first entry with a usable address, its lowest one. */
final class PoolFill {

    private PoolFill() {
    }

    /**
     * Takes one address of each family from {@code pool}, or nothing.
     *
     * <p>In each entry, in the order written, the lowest address that is free or may be shared with its holders
     * wins (as MetalLB scans a pool). Free addresses are taken in their plugin allocator at once; if a later
     * family fails, they are given back, so a failure changes nothing. The Service must hold nothing.
     *
     * @return the assignment (not yet recorded in {@code holdings}), or null if some family has no usable address
     */
    static Assignment allocate(PoolSet.Pool pool, List<IpFamily> families, ServiceRequest request, Holdings holdings) {
        if (families.size() == 1) {
            IpAddress only = pick(pool, families.get(0), request, holdings, null);
            return only == null ? null : new Assignment(request.service(), pool.name(), List.of(only));
        }
        PoolSet.Entry[] fresh = new PoolSet.Entry[1];
        IpAddress primary = pick(pool, families.get(0), request, holdings, fresh);
        if (primary == null) {
            return null;
        }
        PoolSet.Entry primaryEntry = fresh[0];
        IpAddress secondary = pick(pool, families.get(1), request, holdings, fresh);
        if (secondary == null) {
            if (primaryEntry != null) {
                primaryEntry.allocator().release(primary);
            }
            return null;
        }
        return new Assignment(request.service(), pool.name(), List.of(primary, secondary));
    }

    /**
     * One address of {@code family}: the first entry with a usable one, its lowest free or shareable address.
     * Sets {@code fresh[0]} (unless {@code fresh} is null) to the entry whose allocator handed out a free address,
     * null for a shared one.
     *
     * @return the address, or null if no entry of the family has a usable one
     */
    private static IpAddress pick(PoolSet.Pool pool, IpFamily family, ServiceRequest request, Holdings holdings,
                                  PoolSet.Entry[] fresh) {
        for (PoolSet.Entry entry : pool.entries()) {
            if (entry.allocator().family() != family) {
                continue;
            }
            IpAddress shared = lowestShareable(entry, request, holdings);
            Optional<IpAddress> free = entry.allocator().allocate();
            if (free.isPresent() && (shared == null || free.get().compareTo(shared) < 0)) {
                if (fresh != null) {
                    fresh[0] = entry;
                }
                return free.get();
            }
            free.ifPresent(address -> entry.allocator().release(address));
            if (shared != null) {
                if (fresh != null) {
                    fresh[0] = null;
                }
                return shared;
            }
        }
        return null;
    }

    /** The lowest address of the entry held under the request's sharing key that the request may share. */
    private static IpAddress lowestShareable(PoolSet.Entry entry, ServiceRequest request, Holdings holdings) {
        if (request.sharingKey().isEmpty()) {
            return null;
        }
        NavigableSet<IpAddress> shared = holdings.sharedUnder(request.sharingKey());
        for (IpRange span : entry.allocator().spans()) {
            for (IpAddress address : shared.subSet(span.first(), true, span.last(), true)) {
                if (entry.allocator().contains(address) && holdings.sharingProblem(request, address) == null) {
                    return address;
                }
            }
        }
        return null;
    }
}
