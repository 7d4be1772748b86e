package io.barelb.runtime.allocator;

import io.barelb.api.ErrorCode;
import io.barelb.api.ServiceKey;
import io.barelb.api.config.ConfigProblem;
import io.barelb.api.net.IpAddress;
import io.barelb.api.net.IpFamily;
import io.barelb.runtime.allocator.AllocationResult.Assigned;
import io.barelb.runtime.allocator.AllocationResult.Failed;
import io.barelb.runtime.allocator.RestoreOutcome.Status;
import io.barelb.runtime.model.AddressPool;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Hands out load-balancer addresses to Services with MetalLB's rules, on top of the IPAM plugins' per-entry
 * allocators. Pure logic: no Kubernetes types, no I/O.
 *
 * <p>Rules, in the order {@link #assign(ServiceRequest)} applies them:
 * <ol>
 *   <li>An assignment the Service already holds is kept while it is still valid (its pool exists and admits the
 *       Service, sharing still allows it, it matches the requested pool, addresses and families); otherwise it is
 *       released and a new one is sought. A PreferDualStack Service holding one family gets the other from the
 *       same pool when it has a free one.</li>
 *   <li>Requested addresses ({@code loadBalancerIP} / {@code loadBalancerIPs}): all in one pool that admits the
 *       Service, of the Service's families, free or held by Services they may share with. autoAssign does not
 *       matter.</li>
 *   <li>A requested pool ({@code address-pool}): must exist and admit the Service; autoAssign does not matter.</li>
 *   <li>Otherwise the pools of {@link PoolChoice#candidates}: pinned pools by priority, then unrestricted
 *       auto-assign pools, by name. In a pool, entries are tried in the order written; in an entry the lowest
 *       address that is free or may be shared (same non-empty {@code allow-shared-ip}, same backend, no common
 *       port) wins.</li>
 *   <li>Families: SingleStack takes the primary family; RequireDualStack needs one pool with both;
 *       PreferDualStack takes both from the first pool that has both free, else one family from the first pool
 *       that has one.</li>
 * </ol>
 * Everything is deterministic: the same calls in the same order give the same answers.
 *
 * <p>Not thread-safe: meant for one reconcile thread.
 */
public final class Allocator implements AutoCloseable {

    private final IpamRegistry registry;
    private PoolSet pools = PoolSet.empty();
    private Holdings holdings = new Holdings();

    /** An allocator with no pools; call {@link #configure(List)} first. */
    public Allocator(IpamRegistry registry) {
        this.registry = registry;
    }

    /**
     * Replaces the pools. Invalid pools (an entry no plugin accepts or a plugin refuses, overlapping entries,
     * an empty pool, a duplicate name) change nothing and are all reported. Valid pools are taken into use; every
     * assignment they still allow is kept, the others are cleared and reported. The plugin allocators that are
     * dropped (those of the pools replaced, or those built for a refused configuration) are closed.
     */
    public ConfigureResult configure(List<AddressPool> newPools) {
        List<ConfigProblem> problems = new ArrayList<>();
        PoolSet next = PoolSet.compile(registry, newPools, problems);
        if (!problems.isEmpty()) {
            next.close();
            return new ConfigureResult(problems, List.of());
        }
        Holdings nextHoldings = new Holdings();
        List<ConfigureResult.Cleared> cleared = new ArrayList<>();
        List<Holdings.Held> held = new ArrayList<>(holdings.all());
        held.sort(Comparator.comparing(h -> h.assignment().service()));
        for (Holdings.Held h : held) {
            AllocationResult check = check(next, nextHoldings, h.request(), h.assignment().addresses());
            if (check instanceof Assigned assigned) {
                claim(next, nextHoldings, h.request(), assigned.assignment());
            } else {
                cleared.add(new ConfigureResult.Cleared(h.assignment().service(), h.assignment().addresses(),
                        ((Failed) check).message()));
            }
        }
        PoolSet replaced = pools;
        pools = next;
        holdings = nextHoldings;
        replaced.close();
        return new ConfigureResult(List.of(), cleared);
    }

    /** Closes the plugin allocators of the pools in use and forgets every pool and assignment. */
    @Override
    public void close() {
        PoolSet replaced = pools;
        pools = PoolSet.empty();
        holdings = new Holdings();
        replaced.close();
    }

    /**
     * Gives the Service its addresses, keeping what it holds when still valid. Idempotent: asking again with
     * the same request returns the same assignment.
     */
    public AllocationResult assign(ServiceRequest request) {
        Holdings.Held current = holdings.get(request.service());
        if (current != null) {
            List<IpAddress> held = current.assignment().addresses();
            if (request.addresses().isEmpty() || Set.copyOf(request.addresses()).equals(Set.copyOf(held))) {
                AllocationResult check = check(pools, holdings, request, held);
                if (check instanceof Assigned assigned) {
                    holdings.detach(request.service());
                    Assignment kept = topUp(request, assigned.assignment());
                    return holdings.attach(request, kept).result();
                }
            }
            release(request.service());
        }
        if (!request.addresses().isEmpty()) {
            AllocationResult check = check(pools, holdings, request, request.addresses());
            if (check instanceof Assigned assigned) {
                claim(pools, holdings, request, assigned.assignment());
            }
            return check;
        }
        if (request.pool().isPresent()) {
            String name = request.pool().get();
            PoolSet.Pool pool = pools.pool(name);
            if (pool == null) {
                return new Failed(ErrorCode.INVALID_REQUEST, "the address-pool annotation names pool \"" + name
                        + "\", which does not exist; use an existing IPAddressPool or remove the annotation");
            }
            if (!PoolChoice.admits(pool.config(), request)) {
                return new Failed(ErrorCode.INVALID_REQUEST, "pool \"" + name + "\" does not serve " + request.service()
                        + ": its serviceAllocation admits other namespaces or Services");
            }
            return allocateIn(List.of(pool), request);
        }
        List<PoolSet.Pool> candidates = PoolChoice.candidates(pools, request);
        if (candidates.isEmpty()) {
            return new Failed(ErrorCode.POOL_EXHAUSTED, "no address pool may serve " + request.service()
                    + ": no auto-assign pool exists or admits it; add one, or name a pool with the address-pool annotation");
        }
        return allocateIn(candidates, request);
    }

    /**
     * Frees what the Service holds (on delete, on a type other than LoadBalancer, on a load-balancer class that
     * is not ours). An address shared with other Services stays taken until its last holder lets it go.
     * Idempotent.
     *
     * @return true if the Service held something
     */
    public boolean release(ServiceKey service) {
        return drop(pools, holdings, service);
    }

    /**
     * Re-claims the assignments recorded on Services, before any new request is served: first every valid
     * recorded assignment, in Service order, then a new assignment (as {@link #assign(ServiceRequest)}) for
     * each invalid one (pool gone, address outside every pool, sharing no longer allowed, the Service now asking
     * for another pool, other addresses or other families). A restart with unchanged configuration changes
     * nothing.
     *
     * @return one outcome per Service, in Service order
     */
    public List<RestoreOutcome> restore(List<RecordedAssignment> recorded) {
        Map<ServiceKey, RecordedAssignment> byService = new LinkedHashMap<>();
        recorded.stream().sorted(Comparator.comparing(r -> r.request().service()))
                .forEach(r -> byService.put(r.request().service(), r));
        for (ServiceKey service : byService.keySet()) {
            release(service);
        }
        Map<ServiceKey, RestoreOutcome> outcomes = new LinkedHashMap<>();
        Map<ServiceKey, String> invalid = new LinkedHashMap<>();
        for (RecordedAssignment record : byService.values()) {
            ServiceRequest request = record.request();
            String why = null;
            AllocationResult check = null;
            if (record.addresses().isEmpty()) {
                why = "no address is recorded";
            } else if (!request.addresses().isEmpty()
                    && !Set.copyOf(request.addresses()).equals(Set.copyOf(record.addresses()))) {
                why = "the Service now asks for " + request.addresses() + " instead of " + record.addresses();
            } else {
                check = check(pools, holdings, request, record.addresses());
                if (check instanceof Failed failed) {
                    why = failed.message();
                }
            }
            if (why == null) {
                claim(pools, holdings, request, ((Assigned) check).assignment());
                outcomes.put(request.service(), new RestoreOutcome(request.service(), Status.KEPT, check, ""));
            } else {
                invalid.put(request.service(), why);
                outcomes.put(request.service(), null);
            }
        }
        for (Map.Entry<ServiceKey, String> entry : invalid.entrySet()) {
            AllocationResult result = assign(byService.get(entry.getKey()).request());
            Status status = result.isAssigned() ? Status.REASSIGNED : Status.FAILED;
            outcomes.put(entry.getKey(), new RestoreOutcome(entry.getKey(), status, result, entry.getValue()));
        }
        return List.copyOf(outcomes.values());
    }

    /** What the Service holds now. */
    public Optional<Assignment> assignment(ServiceKey service) {
        Holdings.Held held = holdings.get(service);
        return held == null ? Optional.empty() : Optional.of(held.assignment());
    }

    /** Every assignment, by Service. */
    public List<Assignment> assignments() {
        List<Assignment> all = new ArrayList<>(holdings.serviceCount());
        for (Holdings.Held held : holdings.all()) {
            all.add(held.assignment());
        }
        all.sort(Comparator.comparing(Assignment::service));
        return all;
    }

    /** The Services holding {@code address} (more than one only when sharing). */
    public Set<ServiceKey> holders(IpAddress address) {
        return Set.copyOf(holdings.holdersOf(address));
    }

    /** Usage of every family of every pool, by pool name then family (IPv4 first). */
    public List<PoolUsage> usage() {
        List<PoolUsage> usage = new ArrayList<>();
        for (PoolSet.Pool pool : pools.pools()) {
            for (IpFamily family : IpFamily.values()) {
                BigInteger total = BigInteger.ZERO;
                long assigned = 0;
                boolean present = false;
                for (PoolSet.Entry entry : pool.entries()) {
                    if (entry.allocator().family() == family) {
                        present = true;
                        total = total.add(entry.allocator().size());
                        assigned += entry.allocator().assignedCount();
                    }
                }
                if (present) {
                    usage.add(new PoolUsage(pool.name(), family, total, assigned,
                            total.subtract(BigInteger.valueOf(assigned))));
                }
            }
        }
        return usage;
    }

    /** Tries the pools in order; the first that can give the wanted families wins. */
    private AllocationResult allocateIn(List<PoolSet.Pool> candidates, ServiceRequest request) {
        List<IpFamily> families = request.wantedFamilies();
        for (PoolSet.Pool pool : candidates) {
            if (hasAll(pool, families)) {
                Assignment assignment = PoolFill.allocate(pool, families, request, holdings);
                if (assignment != null) {
                    return holdings.attach(request, assignment).result();
                }
            }
        }
        if (request.ipFamilyPolicy() == IpFamilyPolicy.PREFER_DUAL_STACK && families.size() == 2) {
            for (PoolSet.Pool pool : candidates) {
                for (IpFamily family : families) {
                    if (pool.has(family)) {
                        Assignment assignment = PoolFill.allocate(pool, List.of(family), request, holdings);
                        if (assignment != null) {
                            return holdings.attach(request, assignment).result();
                        }
                    }
                }
            }
        }
        return new Failed(ErrorCode.POOL_EXHAUSTED, describeFailure(candidates, request, families));
    }

    private static String describeFailure(List<PoolSet.Pool> candidates, ServiceRequest request, List<IpFamily> families) {
        List<String> names = new ArrayList<>();
        boolean anyHasAll = false;
        boolean anyHasOne = false;
        for (PoolSet.Pool pool : candidates) {
            names.add(pool.name());
            anyHasAll |= hasAll(pool, families);
            for (IpFamily family : families) {
                anyHasOne |= pool.has(family);
            }
        }
        String wanted = families.size() == 2 ? "an IPv4 and an IPv6 address" : "an " + families.get(0).kubernetesName() + " address";
        String tried = "pool" + (names.size() == 1 ? " " : "s ") + String.join(", ", names);
        boolean onlyOne = request.ipFamilyPolicy() == IpFamilyPolicy.PREFER_DUAL_STACK && anyHasOne;
        if (!anyHasAll && !onlyOne) {
            return request.service() + " needs " + wanted + " (ipFamilyPolicy " + request.ipFamilyPolicy().kubernetesName()
                    + ") but " + tried + " offer none; add such addresses to a pool or change ipFamilies";
        }
        return "no free address for " + request.service() + " in " + tried
                + "; add addresses to a pool or free some (shared addresses need the same allow-shared-ip and other ports)";
    }

    private static boolean hasAll(PoolSet.Pool pool, List<IpFamily> families) {
        for (IpFamily family : families) {
            if (!pool.has(family)) {
                return false;
            }
        }
        return true;
    }

    /** A PreferDualStack Service holding one family gets the other from the same pool, when there is one free. */
    private Assignment topUp(ServiceRequest request, Assignment held) {
        List<IpFamily> families = request.wantedFamilies();
        if (request.ipFamilyPolicy() != IpFamilyPolicy.PREFER_DUAL_STACK || families.size() != 2
                || held.addresses().size() != 1 || !request.addresses().isEmpty()) {
            return held;
        }
        IpAddress have = held.addresses().get(0);
        IpFamily missing = have.family() == families.get(0) ? families.get(1) : families.get(0);
        PoolSet.Pool pool = pools.pool(held.pool());
        if (!pool.has(missing)) {
            return held;
        }
        Assignment extra = PoolFill.allocate(pool, List.of(missing), request, holdings);
        if (extra == null) {
            return held;
        }
        IpAddress added = extra.addresses().get(0);
        List<IpAddress> both = missing == families.get(0) ? List.of(added, have) : List.of(have, added);
        return new Assignment(request.service(), held.pool(), both);
    }

    /**
     * Whether {@code request}'s Service may hold exactly {@code addresses}: {@link Assigned} with the pool they
     * belong to, or why not. Changes nothing.
     */
    private static AllocationResult check(PoolSet pools, Holdings holdings, ServiceRequest request,
                                          List<IpAddress> addresses) {
        Failed families = AddressRules.checkFamilies(request, addresses);
        if (families != null) {
            return families;
        }
        PoolSet.Pool pool = null;
        for (IpAddress address : addresses) {
            PoolSet.Entry entry = pools.entryOf(address);
            if (entry == null) {
                return new Failed(ErrorCode.ADDRESS_NOT_IN_POOL, address + " is in no address pool (or is excluded by"
                        + " avoidBuggyIPs); request an address of a configured pool");
            }
            if (pool != null && entry.pool() != pool) {
                return new Failed(ErrorCode.INVALID_REQUEST, "the requested addresses lie in different pools (\""
                        + pool.name() + "\" and \"" + entry.pool().name() + "\"); request addresses of one pool");
            }
            pool = entry.pool();
        }
        if (request.pool().isPresent() && !request.pool().get().equals(pool.name())) {
            return new Failed(ErrorCode.INVALID_REQUEST, addresses + " belong to pool \"" + pool.name()
                    + "\" but the address-pool annotation asks for \"" + request.pool().get() + "\"; make them agree");
        }
        if (!PoolChoice.admits(pool.config(), request)) {
            return new Failed(ErrorCode.ADDRESS_NOT_IN_POOL, "pool \"" + pool.name() + "\" does not serve "
                    + request.service() + ": its serviceAllocation admits other namespaces or Services");
        }
        for (IpAddress address : addresses) {
            String problem = holdings.sharingProblem(request, address);
            if (problem != null) {
                return new Failed(ErrorCode.ADDRESS_IN_USE, problem);
            }
        }
        return new Assigned(new Assignment(request.service(), pool.name(), addresses));
    }

    /** Takes checked addresses: reserves those nobody held in their plugin allocator, then records the holder. */
    private static void claim(PoolSet pools, Holdings holdings, ServiceRequest request, Assignment assignment) {
        for (IpAddress address : assignment.addresses()) {
            if (!holdings.isHeld(address)) {
                pools.entryOf(address).allocator().reserve(address);
            }
        }
        holdings.attach(request, assignment);
    }

    /** Forgets the Service's assignment and frees the addresses nobody else holds; true if it held some. */
    private static boolean drop(PoolSet pools, Holdings holdings, ServiceKey service) {
        Holdings.Held held = holdings.detach(service);
        if (held == null) {
            return false;
        }
        for (int i = 0; i < held.addressCount(); i++) {
            IpAddress address = held.address(i);
            if (held.exclusive() || !holdings.isHeld(address)) {
                PoolSet.Entry entry = pools.entryOf(address);
                if (entry != null) {
                    entry.allocator().release(address);
                }
            }
        }
        return true;
    }
}
