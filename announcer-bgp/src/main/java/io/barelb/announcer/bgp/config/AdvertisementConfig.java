package io.barelb.announcer.bgp.config;

import io.barelb.api.select.LabelSelector;
import java.util.List;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * One validated {@code BGPAdvertisement}, communities resolved. Immutable.
 *
 * @param name                   {@code metadata.name}
 * @param aggregationLength      the IPv4 prefix length routes are rolled up to, 32 by default
 * @param aggregationLengthV6    the IPv6 prefix length, 128 by default
 * @param localPref              LOCAL_PREF for iBGP peers; 0 means not set (as in MetalLB)
 * @param communities            the communities, standard and large, resolved and sorted
 * @param peers                  the BGPPeer names to announce to; empty means every peer
 * @param nodeSelectors          the nodes that announce (any matching; empty means every node)
 * @param ipAddressPools         the pools selected by name
 * @param ipAddressPoolSelectors the pools selected by label
 * @param serviceSelectors       the Services selected by label
 */
public record AdvertisementConfig(String name, int aggregationLength, int aggregationLengthV6, long localPref,
                                  SortedSet<Community> communities, List<String> peers,
                                  List<LabelSelector> nodeSelectors, List<String> ipAddressPools,
                                  List<LabelSelector> ipAddressPoolSelectors, List<LabelSelector> serviceSelectors) {

    public AdvertisementConfig {
        Objects.requireNonNull(name, "name");
        communities = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(communities));
        peers = List.copyOf(peers);
        nodeSelectors = List.copyOf(nodeSelectors);
        ipAddressPools = List.copyOf(ipAddressPools);
        ipAddressPoolSelectors = List.copyOf(ipAddressPoolSelectors);
        serviceSelectors = List.copyOf(serviceSelectors);
    }

    /** True if this advertisement may be sent to the peer named {@code peer}. */
    public boolean allowsPeer(String peer) {
        return peers.isEmpty() || peers.contains(peer);
    }
}
