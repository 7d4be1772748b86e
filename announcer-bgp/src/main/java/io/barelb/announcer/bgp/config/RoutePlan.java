package io.barelb.announcer.bgp.config;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What this node sends to each of its peers. Immutable.
 *
 * @param routes    for each peer this node peers with (by BGPPeer name), its routes sorted by prefix; a peer with
 *                  nothing to announce is present with an empty list
 * @param conflicts LOCAL_PREF conflicts found (MetalLB rejects such a configuration unless service selectors hide
 *                  it); each names the peer, prefix, values and the value kept (the highest)
 */
public record RoutePlan(Map<String, List<Route>> routes, List<String> conflicts) {

    public RoutePlan {
        Map<String, List<Route>> copy = new TreeMap<>();
        routes.forEach((peer, list) -> copy.put(peer, List.copyOf(list)));
        routes = java.util.Collections.unmodifiableMap(copy);
        conflicts = List.copyOf(conflicts);
    }
}
