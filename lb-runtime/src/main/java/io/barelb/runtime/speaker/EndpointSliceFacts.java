package io.barelb.runtime.speaker;

import io.barelb.api.ServiceKey;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointConditions;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What the speaker reads of an EndpointSlice: which Service it belongs to and the nodes of its serving endpoints.
 * Immutable; the node lists (mostly the same few) are interned by {@link #of(EndpointSlice, WeakInterner)}.
 *
 * @param namespace    the slice's namespace (its name is not kept: the speaker reads none)
 * @param service      its {@value AdvertisementPlanner#SERVICE_NAME_LABEL} label; empty when it has none (it then
 *                     serves no Service)
 * @param servingNodes the nodes with an endpoint that serves (ready not false, or serving true), sorted, no
 *                     duplicates; {@value #NO_NODE} stands for a serving endpoint with no {@code nodeName}
 */
public record EndpointSliceFacts(String namespace, Optional<String> service, List<String> servingNodes) {

    /** Stands for a serving endpoint whose node is not known; never a node's name. */
    public static final String NO_NODE = "";

    public EndpointSliceFacts {
        servingNodes = List.copyOf(servingNodes);
    }

    /** The Service this slice serves, if it names one. */
    public Optional<ServiceKey> serviceKey() {
        return service.map(name -> new ServiceKey(namespace, name));
    }

    /** The facts of {@code slice}, without interning. */
    public static EndpointSliceFacts of(EndpointSlice slice) {
        return of(slice, new WeakInterner());
    }

    /**
     * The facts of {@code slice}, repeated values taken from {@code interner}.
     *
     * @throws IllegalArgumentException when the slice has no {@code metadata.name} or {@code metadata.namespace}
     */
    static EndpointSliceFacts of(EndpointSlice slice, WeakInterner interner) {
        ServiceKey key = ServiceFacts.key("EndpointSlice", slice.getMetadata(), interner);
        String service = slice.getMetadata().getLabels() == null ? null
                : slice.getMetadata().getLabels().get(AdvertisementPlanner.SERVICE_NAME_LABEL);
        TreeSet<String> nodes = new TreeSet<>();
        if (slice.getEndpoints() != null) {
            for (Endpoint endpoint : slice.getEndpoints()) {
                if (isServing(endpoint.getConditions())) {
                    // an endpoint without a node still makes the Service worth announcing (Cluster policy)
                    nodes.add(endpoint.getNodeName() == null ? NO_NODE : interner.intern(endpoint.getNodeName()));
                }
            }
        }
        return new EndpointSliceFacts(key.namespace(), Optional.ofNullable(service),
                interner.intern(List.copyOf(nodes)));
    }

    private static boolean isServing(EndpointConditions conditions) {
        if (conditions == null) {
            return true;
        }
        return !Boolean.FALSE.equals(conditions.getReady()) || Boolean.TRUE.equals(conditions.getServing());
    }
}
