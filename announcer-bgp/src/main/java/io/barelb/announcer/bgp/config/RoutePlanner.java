package io.barelb.announcer.bgp.config;

import io.barelb.api.select.LabelSelectors;
import io.barelb.api.select.LabelSelector;
import io.barelb.api.announce.Advertisement;
import io.barelb.api.announce.AnnouncerState;
import io.barelb.api.config.ConfigResource;
import io.barelb.api.net.IpAddress;
import io.barelb.api.net.IpFamily;
import io.barelb.api.net.IpPrefix;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Computes the routes this node sends to each peer, as MetalLB's speaker and FRR do. Pure, stateless, thread-safe.
 *
 * <ul>
 *   <li>A node peers with the BGPPeers whose {@code nodeSelectors} match its labels (none: every node).</li>
 *   <li>An address is announced only if this node is among its {@code candidateNodes}, through each
 *       BGPAdvertisement in {@code selectedBy} whose {@code nodeSelectors} match this node, to the peers that
 *       advertisement's {@code peers} allows (none: all).</li>
 *   <li>The prefix is the address masked to {@code aggregationLength}/{@code aggregationLengthV6}.</li>
 *   <li>A session carries its own address family only, unless {@code dualStackAddressFamily} is set or it is
 *       unnumbered (an interface peer carries both).</li>
 *   <li>Routes for one prefix to one peer from several advertisements merge their communities (FRR's
 *       {@code set community ... additive}); LOCAL_PREF goes to iBGP peers only; two different non-zero values for
 *       one prefix and peer are a conflict: it is reported and the highest is kept.</li>
 * </ul>
 */
public final class RoutePlanner {

    private RoutePlanner() {
    }

    /**
     * The plan for this node.
     *
     * @param desired    the announcer state; its resources must be valid ({@link BgpValidation})
     * @param nodeName   this node's name
     * @param nodeLabels this node's labels
     * @throws io.barelb.api.config.ConfigException when the resources are invalid
     */
    public static RoutePlan plan(AnnouncerState desired, String nodeName, Map<String, String> nodeLabels) {
        BgpConfig config = BgpConfig.from(desired.resources());
        Map<String, Map<IpPrefix, Builder>> byPeer = new TreeMap<>();
        List<PeerConfig> peers = config.peers().values().stream().filter(p -> p.selectsNode(nodeLabels)).toList();
        peers.forEach(p -> byPeer.put(p.name(), new TreeMap<>(RoutePlanner::comparePrefixes)));
        List<String> conflicts = new ArrayList<>();
        for (Advertisement advertisement : desired.advertisements()) {
            if (!advertisement.candidateNodes().contains(nodeName)) {
                continue;
            }
            for (ConfigResource selectedBy : advertisement.selectedBy()) {
                AdvertisementConfig ad = config.advertisements().get(selectedBy.name());
                if (ad == null || !LabelSelectors.anyMatches(ad.nodeSelectors(), nodeLabels)) {
                    continue;
                }
                IpAddress address = advertisement.address();
                IpPrefix prefix = new IpPrefix(address, address.isIpv4() ? ad.aggregationLength()
                        : ad.aggregationLengthV6());
                for (PeerConfig peer : peers) {
                    if (ad.allowsPeer(peer.name()) && carries(peer, address.family())) {
                        byPeer.get(peer.name()).computeIfAbsent(prefix, Builder::new).add(address, ad, peer, conflicts);
                    }
                }
            }
        }
        Map<String, List<Route>> routes = new TreeMap<>();
        // peers given the same route share one object (with 10,000 Services and two peers: 10,000 routes, not 20,000)
        Map<Route, Route> shared = new java.util.HashMap<>();
        byPeer.forEach((peer, prefixes) -> routes.put(peer, prefixes.values().stream().map(Builder::build)
                .map(route -> shared.computeIfAbsent(route, r -> r)).toList()));
        return new RoutePlan(routes, conflicts);
    }

    private static boolean carries(PeerConfig peer, IpFamily family) {
        return peer.dualStackAddressFamily() || peer.peerAddress().map(a -> a.family() == family).orElse(true);
    }

    private static int comparePrefixes(IpPrefix a, IpPrefix b) {
        int c = a.network().compareTo(b.network());
        return c != 0 ? c : Integer.compare(a.length(), b.length());
    }

    /** The route for one prefix and peer, as advertisements add to it. */
    private static final class Builder {
        private final IpPrefix prefix;
        private final SortedSet<IpAddress> addresses = new TreeSet<>();
        private final SortedSet<Community> communities = new TreeSet<>();
        private final SortedSet<String> advertisements = new TreeSet<>();
        private final Map<Long, String> localPrefs = new TreeMap<>();
        private boolean conflictReported;

        Builder(IpPrefix prefix) {
            this.prefix = prefix;
        }

        void add(IpAddress address, AdvertisementConfig ad, PeerConfig peer, List<String> conflicts) {
            addresses.add(address);
            communities.addAll(ad.communities());
            advertisements.add(ad.name());
            if (ad.localPref() != 0 && peer.internal()) {
                localPrefs.putIfAbsent(ad.localPref(), ad.name());
                if (localPrefs.size() > 1 && !conflictReported) {
                    conflicts.add("BGPPeer \"" + peer.name() + "\" " + prefix + ": LOCAL_PREF " + localPrefs
                            + " from different BGPAdvertisements; keeping the highest");
                    conflictReported = true;
                }
            }
        }

        Route build() {
            Optional<Long> localPref = localPrefs.keySet().stream().max(Long::compare);
            SortedSet<Long> standard = new TreeSet<>();
            List<Community.Large> large = new ArrayList<>();
            for (Community community : communities) {
                if (community instanceof Community.Standard s) {
                    standard.add(s.value());
                } else {
                    large.add((Community.Large) community);
                }
            }
            return new Route(prefix, addresses, localPref, standard, large, advertisements);
        }
    }
}
