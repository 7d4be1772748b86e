package io.barelb.announcer.layer2;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What this speaker knows about the other speakers at one moment. Immutable.
 *
 * @param active           false when no membership runs (no seeds configured, or not joined yet): then every
 *                         candidate node counts as alive, as MetalLB does without memberlist
 * @param alive            the node names of the speakers in the current view (this node included)
 * @param usableInterfaces for each node that published it, the interfaces on which it can announce (suitable and
 *                         link up); a node not in the map is assumed healthy
 * @param merges           how many times partitions were merged; it grows when a split heals, so owners
 *                         re-announce (each side may have had its own owner meanwhile)
 * @param withheld         for each node that published it, the addresses it holds back from because its local
 *                         backend fails their health check; a node not in the map withholds nothing
 */
record MembershipView(boolean active, Set<String> alive, Map<String, Set<String>> usableInterfaces, long merges,
                      Map<String, Set<String>> withheld) {

    MembershipView {
        alive = Set.copyOf(alive);
        usableInterfaces = Map.copyOf(usableInterfaces);
        withheld = Map.copyOf(withheld);
    }

    /** A view in which no node withholds anything. */
    MembershipView(boolean active, Set<String> alive, Map<String, Set<String>> usableInterfaces, long merges) {
        this(active, alive, usableInterfaces, merges, Map.of());
    }

    /** The view of a speaker without membership. */
    static MembershipView inactive() {
        return new MembershipView(false, Set.of(), Map.of(), 0);
    }

    /** True if {@code node} published that it holds back from {@code address} (written as {@code IpAddress} prints). */
    boolean withholds(String node, String address) {
        return withheld.getOrDefault(node, Set.of()).contains(address);
    }

    /** True if {@code node}'s speaker is alive, or if no membership runs. */
    boolean isAlive(String node) {
        return !active || alive.contains(node);
    }

    /** The interfaces {@code node} published, if it did. */
    Optional<Set<String>> usableInterfacesOf(String node) {
        return Optional.ofNullable(usableInterfaces.get(node));
    }
}
