package io.barelb.runtime.allocator;

import io.barelb.api.ServiceKey;
import io.barelb.api.net.IpAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * Which Service holds which address, and the sharing rules between holders. Knows nothing of pools. Not
 * thread-safe.
 */
final class Holdings {

    /** A Service's assignment and the request it was made for (its sharing key, ports and backend). */
    record Held(ServiceRequest request, Assignment assignment) {
    }

    private static final NavigableSet<IpAddress> NONE = new TreeSet<>();

    private final Map<ServiceKey, Held> services = new HashMap<>();
    private final Map<IpAddress, List<ServiceKey>> holders = new HashMap<>();
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

    /** The Services holding {@code address}, sorted; empty if none. */
    List<ServiceKey> holdersOf(IpAddress address) {
        List<ServiceKey> list = holders.get(address);
        return list == null ? List.of() : list;
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
        for (ServiceKey other : holdersOf(address)) {
            if (other.equals(request.service())) {
                continue;
            }
            ServiceRequest theirs = services.get(other).request();
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
        }
        return null;
    }

    /** Records that {@code request}'s Service holds {@code assignment}'s addresses (after any earlier detach). */
    void attach(ServiceRequest request, Assignment assignment) {
        services.put(request.service(), new Held(request, assignment));
        for (IpAddress address : assignment.addresses()) {
            List<ServiceKey> list = holders.computeIfAbsent(address, a -> new ArrayList<>(1));
            int at = Collections.binarySearch(list, request.service());
            if (at < 0) {
                list.add(-at - 1, request.service()); // sorted, so answers never depend on the order of past calls
            }
            if (!request.sharingKey().isEmpty()) {
                bySharingKey.computeIfAbsent(request.sharingKey(), k -> new TreeSet<>()).add(address);
            }
        }
    }

    /**
     * Forgets the Service's assignment.
     *
     * @return the addresses no Service holds any more (empty if the Service held nothing)
     */
    List<IpAddress> detach(ServiceKey service) {
        Held held = services.remove(service);
        if (held == null) {
            return List.of();
        }
        List<IpAddress> unheld = new ArrayList<>(2);
        for (IpAddress address : held.assignment().addresses()) {
            List<ServiceKey> list = holders.get(address);
            list.remove(service);
            if (list.isEmpty()) {
                holders.remove(address);
                unheld.add(address);
                String key = held.request().sharingKey();
                if (!key.isEmpty()) {
                    TreeSet<IpAddress> set = bySharingKey.get(key);
                    set.remove(address);
                    if (set.isEmpty()) {
                        bySharingKey.remove(key);
                    }
                }
            }
        }
        return unheld;
    }
}
