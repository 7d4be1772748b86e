package io.barelb.runtime.speaker;

import io.barelb.api.config.ConfigResource;
import io.barelb.runtime.model.AddressPool;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.util.List;

/**
 * Everything the speaker decides from, read at one moment from the Kubernetes API or from static files.
 * Immutable (the lists are copied; the Nodes must not be changed after they are put here). Services and
 * EndpointSlices are held as {@link ServiceFacts} and {@link EndpointSliceFacts}, only what the speaker reads.
 *
 * @param pools          the address pools in force (last good configuration)
 * @param resources      the configuration resources in force other than pools (advertisements, peers, ...)
 * @param services       every Service
 * @param endpointSlices every EndpointSlice
 * @param nodes          every Node
 */
public record ClusterView(List<AddressPool> pools, List<ConfigResource> resources, List<ServiceFacts> services,
                          List<EndpointSliceFacts> endpointSlices, List<Node> nodes) {

    public ClusterView {
        pools = List.copyOf(pools);
        resources = List.copyOf(resources);
        services = List.copyOf(services);
        endpointSlices = List.copyOf(endpointSlices);
        nodes = List.copyOf(nodes);
    }

    /** A view of fabric8 Services and EndpointSlices, converted (tests, tools). */
    public static ClusterView of(List<AddressPool> pools, List<ConfigResource> resources, List<Service> services,
                                 List<EndpointSlice> endpointSlices, List<Node> nodes) {
        WeakInterner interner = new WeakInterner();
        return new ClusterView(pools, resources, services.stream().map(s -> ServiceFacts.of(s, interner)).toList(),
                endpointSlices.stream().map(s -> EndpointSliceFacts.of(s, interner)).toList(), nodes);
    }

    /** Nothing known yet. */
    public static ClusterView empty() {
        return new ClusterView(List.of(), List.of(), List.of(), List.of(), List.of());
    }

    /** The resources of one kind. */
    public List<ConfigResource> resources(String kind) {
        return resources.stream().filter(r -> r.kind().equals(kind)).toList();
    }
}
