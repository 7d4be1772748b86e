package io.barelb.runtime.allocator;

import io.barelb.api.ServiceKey;
import io.barelb.api.net.IpAddress;
import io.barelb.runtime.allocator.AllocationResult.Assigned;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * Which Service holds which address, and the sharing rules between holders. Knows nothing of pools. Not
 * thread-safe.
 *
 * <p>Laid out for the release-and-assign path at tens of thousands of Services: Services in a
 * {@link FlatHashMap} (no node per entry), holders in {@link AddressSlots} (pages of consecutive addresses, which
 * stay in the processor's cache), and an address held by one Service
 * (every address of a Service without a sharing key) maps straight to that Service's {@link Held}, with no list
 * in between; only an address shared by several Services maps to an array of them, sorted by Service. A
 * {@link Held} carries its addresses and the result handed back for them, so releasing reads no other object.
 */
final class Holdings {

    /** A Service's assignment, the request it was made for (its sharing key, ports and backend) and its result. */
    static final class Held {
        private final ServiceRequest request;
        private final Assigned result;
        private final IpAddress first;
        private final IpAddress second;

        private Held(ServiceRequest request, Assignment assignment) {
            this.request = request;
            this.result = new Assigned(assignment);
            List<IpAddress> addresses = assignment.addresses();
            this.first = addresses.get(0);
            this.second = addresses.size() > 1 ? addresses.get(1) : null;
        }

        ServiceRequest request() {
            return request;
        }

        Assignment assignment() {
            return result.assignment();
        }

        /** What {@link Allocator#assign(ServiceRequest)} answers for this assignment. */
        Assigned result() {
            return result;
        }

        ServiceKey service() {
            return request.service();
        }

        /** 1 or 2. */
        int addressCount() {
            return second == null ? 1 : 2;
        }

        /** The {@code index}-th address (0 or 1), as the assignment lists them. */
        IpAddress address(int index) {
            return index == 0 ? first : second;
        }
    }

    private static final NavigableSet<IpAddress> NONE = new TreeSet<>();
    private static final Held[] NO_HOLDERS = new Held[0];

    private final FlatHashMap<ServiceKey, Held> services = new FlatHashMap<>();
    /** Per held address: its one {@link Held}, or a {@code Held[]} of two or more sorted by Service. */
    private final AddressSlots<Object> holders = new AddressSlots<>();
    private final Map<String, TreeSet<IpAddress>> bySharingKey = new HashMap<>();

    Held get(ServiceKey service) {
        return services.get(service);
    }

    Collection<Held> all() {
        return services.values();
    }

    int serviceCount() {
        return services.size();
    }

    /** True if some Service holds {@code address}. */
    boolean isHeld(IpAddress address) {
        return holders.containsKey(address);
    }

    /** The Services holding {@code address}, sorted; empty if none. */
    List<ServiceKey> holdersOf(IpAddress address) {
        Held[] all = holding(address);
        ServiceKey[] keys = new ServiceKey[all.length];
        for (int i = 0; i < all.length; i++) {
            keys[i] = all[i].service();
        }
        return List.of(keys);
    }

    /** Addresses held under a non-empty sharing key, ascending. */
    NavigableSet<IpAddress> sharedUnder(String sharingKey) {
        TreeSet<IpAddress> set = bySharingKey.get(sharingKey);
        return set == null ? NONE : set;
    }

    /**
     * Why {@code request}'s Service may not hold {@code address} next to its current holders, or null if it may:
     * every other holder must have the same non-empty sharing key, the same backend key (traffic policy and, for
     * Local, pod selector), and no (protocol, port) pair in common.
     */
    String sharingProblem(ServiceRequest request, IpAddress address) {
        Object holding = holders.get(address);
        if (holding == null) {
            return null;
        }
        if (holding instanceof Held one) {
            return sharingProblem(request, address, one);
        }
        for (Held other : (Held[]) holding) {
            String problem = sharingProblem(request, address, other);
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    private static String sharingProblem(ServiceRequest request, IpAddress address, Held holder) {
        ServiceKey other = holder.service();
        if (other.equals(request.service())) {
            return null;
        }
        ServiceRequest theirs = holder.request();
        String key = request.sharingKey();
        if (key.isEmpty() || !key.equals(theirs.sharingKey())) {
            return address + " is held by " + other
                    + (theirs.sharingKey().isEmpty() ? ", which does not allow sharing"
                            : " under allow-shared-ip \"" + theirs.sharingKey() + "\"")
                    + (key.isEmpty() ? "; give both Services the same allow-shared-ip annotation to share it"
                            : ", not \"" + key + "\"; use the same allow-shared-ip key on both Services");
        }
        if (!request.effectiveBackendKey().equals(theirs.effectiveBackendKey())) {
            return address + " is shared with " + other + ", whose externalTrafficPolicy or pod selector differs;"
                    + " Services with externalTrafficPolicy Local may share only with Local Services selecting"
                    + " the same pods, and never with Cluster ones";
        }
        for (ServicePort port : request.ports()) {
            if (theirs.ports().contains(port)) {
                return "port " + port + " of " + address + " is already used by " + other
                        + "; Services sharing an address need different ports";
            }
        }
        return null;
    }

    /**
     * Records that {@code request}'s Service holds {@code assignment}'s addresses (after any earlier detach).
     *
     * @return the record, whose {@link Held#result()} is what to answer
     */
    Held attach(ServiceRequest request, Assignment assignment) {
        Held held = new Held(request, assignment);
        services.put(request.service(), held);
        for (int i = 0; i < held.addressCount(); i++) {
            IpAddress address = held.address(i);
            Object before = holders.putIfAbsent(address, held);
            if (before != null) {
                holders.put(address, with(before, held));
            }
            if (!request.sharingKey().isEmpty()) {
                bySharingKey.computeIfAbsent(request.sharingKey(), k -> new TreeSet<>()).add(address);
            }
        }
        return held;
    }

    /**
     * Forgets the Service's assignment, as {@link #detach(ServiceKey)}, and answers it so that the caller can
     * free the addresses no Service holds any more ({@link #isHeld(IpAddress)} false).
     *
     * @return what the Service held, or null if it held nothing
     */
    Held detach(ServiceKey service) {
        Held held = services.remove(service);
        if (held == null) {
            return null;
        }
        for (int i = 0; i < held.addressCount(); i++) {
            IpAddress address = held.address(i);
            Object holding = holders.remove(address);
            Object rest = without(holding, held);
            if (rest != null) {
                holders.put(address, rest);
            } else if (!held.request().sharingKey().isEmpty()) {
                String key = held.request().sharingKey();
                TreeSet<IpAddress> set = bySharingKey.get(key);
                set.remove(address);
                if (set.isEmpty()) {
                    bySharingKey.remove(key);
                }
            }
        }
        return held;
    }

    private Held[] holding(IpAddress address) {
        Object holding = holders.get(address);
        if (holding == null) {
            return NO_HOLDERS;
        }
        return holding instanceof Held one ? new Held[] {one} : (Held[]) holding;
    }

    /** {@code holding} (one Held or a sorted array) with {@code added} inserted in Service order. */
    private static Object with(Object holding, Held added) {
        if (holding instanceof Held one && one.service().equals(added.service())) {
            return added;
        }
        Held[] before = holding instanceof Held one ? new Held[] {one} : (Held[]) holding;
        int at = 0;
        while (at < before.length && before[at].service().compareTo(added.service()) < 0) {
            at++;
        }
        if (at < before.length && before[at].service().equals(added.service())) {
            Held[] replaced = before.clone();
            replaced[at] = added;
            return replaced;
        }
        Held[] after = new Held[before.length + 1];
        System.arraycopy(before, 0, after, 0, at);
        after[at] = added;
        System.arraycopy(before, at, after, at + 1, before.length - at);
        return after;
    }

    /** {@code holding} without {@code removed}: null when nobody is left, a lone Held when one is. */
    private static Object without(Object holding, Held removed) {
        if (holding == removed || holding == null) {
            return null;
        }
        if (holding instanceof Held) {
            return holding; // held by another Service only (cannot happen: attach records every address)
        }
        Held[] before = (Held[]) holding;
        int at = Arrays.asList(before).indexOf(removed);
        if (at < 0) {
            return holding;
        }
        if (before.length == 2) {
            return before[1 - at];
        }
        Held[] after = new Held[before.length - 1];
        System.arraycopy(before, 0, after, 0, at);
        System.arraycopy(before, at + 1, after, at, after.length - at);
        return after;
    }
}
