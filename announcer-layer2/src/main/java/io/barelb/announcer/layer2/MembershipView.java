package io.barelb.announcer.layer2;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What this speaker knows about the other speakers at one moment. Immutable.
 *
 * @param phase            whether membership runs and this speaker has joined: {@link Phase#NONE} (no seeds
 *                         configured, or the join failed) makes every candidate node count as alive, as MetalLB does
 *                         without memberlist; {@link Phase#JOINING} means this speaker must not claim any address yet
 * @param alive            the node names of the speakers in the current view (this node included)
 * @param usableInterfaces for each node that published it, the interfaces on which it can announce (suitable and
 *                         link up); a node not in the map is assumed healthy
 * @param merges           how many times partitions were merged; it grows when a split heals, so owners
 *                         re-announce (each side may have had its own owner meanwhile)
 * @param withheld         for each node that published it, the addresses it holds back from because its local
 *                         backend fails their health check; a node not in the map withholds nothing
 */
record MembershipView(Phase phase, Set<String> alive, Map<String, Set<String>> usableInterfaces, long merges,
                      Map<String, Set<String>> withheld) {

    /** Where this speaker stands with the membership group. */
    enum Phase {
        /** No membership runs (not configured, or it could not start): every candidate counts as alive. */
        NONE,
        /** Membership is configured and this speaker has not joined a view yet: it knows nobody's liveness. */
        JOINING,
        /** This speaker is a member of a view (possibly alone in it, as the first node or the coordinator). */
        JOINED
    }

    MembershipView {
        java.util.Objects.requireNonNull(phase, "phase");
        alive = Set.copyOf(alive);
        usableInterfaces = Map.copyOf(usableInterfaces);
        withheld = Map.copyOf(withheld);
    }

    /** A joined ({@code active}) or membership-less view. */
    MembershipView(boolean active, Set<String> alive, Map<String, Set<String>> usableInterfaces, long merges,
                   Map<String, Set<String>> withheld) {
        this(active ? Phase.JOINED : Phase.NONE, alive, usableInterfaces, merges, withheld);
    }

    /** A joined ({@code active}) or membership-less view in which no node withholds anything. */
    MembershipView(boolean active, Set<String> alive, Map<String, Set<String>> usableInterfaces, long merges) {
        this(active, alive, usableInterfaces, merges, Map.of());
    }

    /** The view of a speaker without membership. */
    static MembershipView inactive() {
        return new MembershipView(Phase.NONE, Set.of(), Map.of(), 0, Map.of());
    }

    /** The view of a speaker whose membership is configured but has not joined yet. */
    static MembershipView joining() {
        return new MembershipView(Phase.JOINING, Set.of(), Map.of(), 0, Map.of());
    }

    /** True once this speaker is in a view: liveness comes from the group. */
    boolean active() {
        return phase == Phase.JOINED;
    }

    /**
     * True if this speaker may claim addresses: it joined a view, or no membership runs. A joining speaker claims
     * nothing, since it cannot know whether another node owns an address now; {@code joinWaitOver} (the bounded
     * wait for the join has passed) makes it behave as without membership.
     */
    boolean mayClaim(boolean joinWaitOver) {
        return phase != Phase.JOINING || joinWaitOver;
    }

    /** True if {@code node} published that it holds back from {@code address} (written as {@code IpAddress} prints). */
    boolean withholds(String node, String address) {
        return withheld.getOrDefault(node, Set.of()).contains(address);
    }

    /** True if {@code node}'s speaker is alive, or if this speaker is not in a view. */
    boolean isAlive(String node) {
        return phase != Phase.JOINED || alive.contains(node);
    }

    /** The interfaces {@code node} published, if it did. */
    Optional<Set<String>> usableInterfacesOf(String node) {
        return Optional.ofNullable(usableInterfaces.get(node));
    }
}
