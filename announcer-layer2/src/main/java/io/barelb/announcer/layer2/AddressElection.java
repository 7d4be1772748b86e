package io.barelb.announcer.layer2;

import io.barelb.api.announce.Advertisement;
import io.barelb.api.announce.NodeFacts;
import io.barelb.api.net.IpAddress;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The owner of one advertised address as this speaker sees it, MetalLB's order: the candidate nodes whose speaker
 * is alive in the view, that have a usable interface the advertisement allows and that do not withhold the
 * address; of those the ones with the highest summed {@code preferredNodeSelectors} weight ({@link PreferredNodes});
 * of those the lowest {@code sha256(node + "#" + key)} ({@link OwnerElection}), where the key is the address's
 * {@link ElectionKeys election key} (its Service's first address). Every speaker with the same
 * view and desired state computes the same owner. Pure and thread-safe.
 */
final class AddressElection {

    private AddressElection() {
    }

    /**
     * @param self            this node's name
     * @param selfUsable      the interfaces this node can announce on now
     * @param selfHandingBack true while this node waits before it claims the address again (it stopped withholding
     *                        it a moment ago), so it does not take part
     * @param view            what membership says about the other speakers
     * @param nodes           node facts (labels) by name, for the preferences
     * @param key             the address the hash is taken of ({@link ElectionKeys})
     */
    static Optional<String> owner(Advertisement ad, IpAddress key, String self, Set<String> selfUsable, boolean selfHandingBack,
                                  MembershipView view, Map<String, NodeFacts> nodes) {
        Optional<Set<String>> allowed = L2AdvertisementConfig.allowedInterfaces(ad.selectedBy());
        String address = ad.address().toString();
        Set<String> eligible = ad.candidateNodes().stream()
                .filter(node -> eligible(node, self, allowed, view, selfUsable))
                .filter(node -> node.equals(self) ? !selfHandingBack : !view.withholds(node, address))
                .collect(Collectors.toSet());
        return OwnerElection.owner(key, PreferredNodes.restrict(eligible, ad.selectingAddress(), nodes));
    }

    /** Alive (or this node), and with a usable interface the advertisement allows (or nothing published). */
    private static boolean eligible(String node, String self, Optional<Set<String>> allowed, MembershipView view,
                                    Set<String> selfUsable) {
        if (!node.equals(self) && !view.isAlive(node)) {
            return false;
        }
        Optional<Set<String>> usable = node.equals(self) ? Optional.of(selfUsable) : view.usableInterfacesOf(node);
        if (usable.isEmpty()) {
            return true;
        }
        return allowed.map(names -> names.stream().anyMatch(usable.get()::contains)).orElse(!usable.get().isEmpty());
    }
}
