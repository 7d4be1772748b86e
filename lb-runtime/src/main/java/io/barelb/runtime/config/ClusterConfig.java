package io.barelb.runtime.config;

import io.barelb.api.config.ConfigResource;
import io.barelb.runtime.model.AddressPool;
import java.util.List;
import java.util.Optional;

/**
 * One valid configuration, whichever way it came in (CRs of either group or the legacy ConfigMap). Immutable.
 *
 * @param pools     the address pools, in the order read
 * @param resources every other resource (advertisements, peers, BFD profiles, communities), in the order read;
 *                  announcer plugins receive the kinds they own
 */
public record ClusterConfig(List<AddressPool> pools, List<ConfigResource> resources) {

    public ClusterConfig {
        pools = List.copyOf(pools);
        resources = List.copyOf(resources);
    }

    /** No pools and no resources: nothing is assigned. */
    public static ClusterConfig empty() {
        return new ClusterConfig(List.of(), List.of());
    }

    /** The resources of one kind, in order. */
    public List<ConfigResource> resources(String kind) {
        return resources.stream().filter(r -> r.kind().equals(kind)).toList();
    }

    /** The pool of that name. */
    public Optional<AddressPool> pool(String name) {
        return pools.stream().filter(p -> p.name().equals(name)).findFirst();
    }
}
