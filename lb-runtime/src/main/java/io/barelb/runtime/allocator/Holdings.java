package io.barelb.runtime.allocator;

import io.barelb.api.ServiceKey;
import io.barelb.api.net.IpAddress;
import io.barelb.runtime.allocator.AllocationResult.Assigned;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * Which Service holds which address, and the sharing rules between holders. Knows nothing of pools. Not
 * thread-safe.
 *
 * <p>Laid out for the release-and-assign path at tens of thousands of Services: a Service's record ({@link Held})
 * sits in a {@link RecordTable} (the table holds the records themselves, each with its key and hash), carries its
 * addresses as numbers and the result handed back for them, and stays in place, vacant, when the Service releases
 * its addresses, so that releasing and assigning again reads the record and writes it, and inserts, removes and
 * allocates no entry. Holders sit in {@link AddressSlots} (pages of consecutive addresses, which stay in the
 * processor's cache); an address held by one Service (every address of a Service without a sharing key) maps
 * straight to that Service's record, with no list in between; only an address shared by several Services maps to
 * an array of them, sorted by Service.
 */
final class Holdings {

    /**
     * A Service's record: while it holds addresses, its assignment, the request it was made for (its sharing key,
     * ports and backend) and its result. A record whose Service released everything stays in the Service map,
     * <em>vacant</em>, and is filled again by the Service's next assignment: releasing and assigning one Service
     * (the common change) then neither removes nor inserts a map entry nor allocates a record. Vacant records are
     * swept out when they outnumber the held ones.
     */
    static final class Held extends RecordTable.Keyed<ServiceKey> {
        private ServiceRequest request; // null while vacant
        private Assigned result;
        // the addresses as numbers, not references to the IpAddress objects of the assignment: releasing reads
        // this record only (one or two cache lines), and they stay readable after detach() for the caller to free
        private int count;
        private boolean firstV4;
        private boolean secondV4;
        private long firstHigh;
        private long firstLow;
        private long secondHigh;
        private long secondLow;
        private boolean exclusive;

        private Held(ServiceKey service) {
            super(service);
        }

        private void fill(ServiceRequest held, Assignment assignment) {
            this.request = held;
            this.result = new Assigned(assignment);
            List<IpAddress> addresses = assignment.addresses();
            IpAddress one = addresses.get(0);
            this.firstV4 = one.isIpv4();
            this.firstHigh = one.high();
            this.firstLow = one.low();
            this.count = addresses.size();
            if (count > 1) {
                IpAddress two = addresses.get(1);
                this.secondV4 = two.isIpv4();
                this.secondHigh = two.high();
                this.secondLow = two.low();
            }
            this.exclusive = held.sharingKey().isEmpty();
        }

        private boolean vacant() {
            return request == null;
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
            return key();
        }

        /** True when the request had no sharing key: no other Service may hold these addresses. */
        boolean exclusive() {
            return exclusive;
        }

        /** 1 or 2. */
        int addressCount() {
            return count;
        }

        /** The {@code index}-th address (0 or 1), as the assignment lists them (a new object). */
        IpAddress address(int index) {
            return index == 0 ? address(firstV4, firstHigh, firstLow) : address(secondV4, secondHigh, secondLow);
        }

        private static IpAddress address(boolean v4, long high, long low) {
            return v4 ? IpAddress.ipv4((int) low) : IpAddress.ipv6(high, low);
        }
    }

    /** Vacant records are swept out once there are more of them than this and than held ones. */
    static final int SWEEP_THRESHOLD = 64;

    private static final NavigableSet<IpAddress> NONE = new TreeSet<>();
    private static final Held[] NO_HOLDERS = new Held[0];

    private final RecordTable<ServiceKey, Held> services = new RecordTable<>();
    /** Per held address: its one {@link Held}, or a {@code Held[]} of two or more sorted by Service. */
    private final AddressSlots<Object> holders = new AddressSlots<>();
    private final Map<String, TreeSet<IpAddress>> bySharingKey = new HashMap<>();
    private int vacant;

    /** The Service's record while it holds addresses, else null. */
    Held get(ServiceKey service) {
        Held held = services.get(service);
        return held == null || held.vacant() ? null : held;
    }

    /** Every Service's record that holds addresses, in no particular order. */
    List<Held> all() {
        List<Held> all = new ArrayList<>(serviceCount());
        for (Held held : services.records()) {
            if (!held.vacant()) {
                all.add(held);
            }
        }
        return all;
    }

    int serviceCount() {
        return services.size() - vacant;
    }

    /** Records kept in the Service map, vacant ones included (for tests of the sweep). */
    int recordCount() {
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
        ServiceKey service = request.service();
        Held held = services.get(service);
        if (held == null) {
            held = new Held(service);
            services.add(held);
        } else if (held.vacant()) {
            vacant--;
        } else {
            unlink(held, held.request.sharingKey()); // not expected (callers detach first), kept true all the same
        }
        held.fill(request, assignment);
        for (int i = 0; i < held.addressCount(); i++) {
            IpAddress address = held.address(i);
            Object before = holders.putIfAbsent(address, held);
            if (before != null) {
                holders.put(address, with(before, held));
            }
            if (!held.exclusive()) {
                bySharingKey.computeIfAbsent(request.sharingKey(), k -> new TreeSet<>()).add(address);
            }
        }
        return held;
    }

    /**
     * Forgets the Service's assignment and answers it, so that the caller can free the addresses no Service
     * holds any more ({@link #isHeld(IpAddress)} false): the answer's {@link Held#address(int)},
     * {@link Held#addressCount()} and {@link Held#exclusive()} stay readable.
     *
     * @return what the Service held, or null if it held nothing
     */
    Held detach(ServiceKey service) {
        Held held = get(service);
        if (held == null) {
            return null;
        }
        String sharingKey = held.exclusive ? "" : held.request.sharingKey(); // exclusive: read no request
        held.request = null;
        held.result = null;
        vacant++;
        unlink(held, sharingKey);
        if (vacant > SWEEP_THRESHOLD && vacant > services.size() - vacant) {
            services.retain(h -> !h.vacant());
            vacant = 0;
        }
        return held;
    }

    /** Removes the record from the address index (and its addresses from its sharing key's set). */
    private void unlink(Held held, String sharingKey) {
        for (int i = 0; i < held.addressCount(); i++) {
            IpAddress address = held.address(i);
            Object holding = holders.remove(address);
            Object rest = without(holding, held);
            if (rest != null) {
                holders.put(address, rest);
            } else if (!held.exclusive()) {
                TreeSet<IpAddress> set = bySharingKey.get(sharingKey);
                set.remove(address);
                if (set.isEmpty()) {
                    bySharingKey.remove(sharingKey);
                }
            }
        }
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
