package io.barelb.api.announce;

import io.barelb.api.ServiceKey;
import io.barelb.api.config.ConfigResource;
import io.barelb.api.net.IpAddress;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One address of one Service that the network should deliver to the cluster, as the runtime computed it
 * for an announcer. Immutable.
 *
 * @param service         the Service holding the address
 * @param address         the address from {@code status.loadBalancer.ingress}
 * @param pool            the pool the address came from
 * @param candidateNodes  every node eligible to announce this address (Ready, not excluded, selected by an
 *                        advertisement, with a serving endpoint for {@code externalTrafficPolicy: Local});
 *                        the same set on every speaker, so an announcer can elect one owner without talking;
 *                        their labels and addresses are in {@link AnnouncerState#nodes()}
 * @param selectedBy      the advertisement resources of this announcer's protocol that select the address
 *                        and this node (e.g. the {@code L2Advertisement}s whose {@code interfaces} apply here),
 *                        in name order
 * @param localTrafficPolicy true for {@code externalTrafficPolicy: Local}
 * @param selectingAddress every advertisement resource of this announcer's protocol that selects the address
 *                        (its pool and Service), whichever nodes it selects, in name order: the same on every
 *                        speaker, for rules all speakers must agree on such as {@code preferredNodeSelectors}
 *                        (since 0.2; equal to {@code selectedBy} from the six-argument constructor)
 * @param serviceAddresses every address of the Service's {@code status.loadBalancer.ingress}, in that order, this
 *                        one included: the same on every speaker, for elections that keep a Service's addresses
 *                        on one node as MetalLB does (it elects a dual-stack Service's owner by its first address)
 *                        (since 0.5; just {@code address} from the older constructors)
 * @param sharingKey      the Service's {@code allow-shared-ip} annotation ({@code metallb.io/} or the older
 *                        {@code metallb.universe.tf/} prefix), {@code ""} when it has none: a Service that may share
 *                        its address, for rules such as MetalLB's refusal to announce one through layer2
 *                        advertisements with {@code serviceSelectors} (since 0.6; {@code ""} from the older
 *                        constructors)
 */
public record Advertisement(ServiceKey service, IpAddress address, String pool, Set<String> candidateNodes,
                            List<ConfigResource> selectedBy, boolean localTrafficPolicy,
                            List<ConfigResource> selectingAddress, List<IpAddress> serviceAddresses,
                            String sharingKey) {

    public Advertisement {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(pool, "pool");
        candidateNodes = Set.copyOf(candidateNodes);
        selectedBy = List.copyOf(selectedBy);
        selectingAddress = List.copyOf(selectingAddress);
        serviceAddresses = List.copyOf(serviceAddresses);
        if (!serviceAddresses.contains(address)) {
            throw new IllegalArgumentException("serviceAddresses " + serviceAddresses + " must include " + address);
        }
        Objects.requireNonNull(sharingKey, "sharingKey (\"\" for none)");
    }

    /** An advertisement of a Service without a sharing key, as before 0.6. */
    public Advertisement(ServiceKey service, IpAddress address, String pool, Set<String> candidateNodes,
                         List<ConfigResource> selectedBy, boolean localTrafficPolicy,
                         List<ConfigResource> selectingAddress, List<IpAddress> serviceAddresses) {
        this(service, address, pool, candidateNodes, selectedBy, localTrafficPolicy, selectingAddress, serviceAddresses,
                "");
    }

    /** True when the Service carries a non-empty {@code allow-shared-ip} annotation. */
    public boolean mayShareAddress() {
        return !sharingKey.isEmpty();
    }

    /** An advertisement of a Service with this one address, as before 0.5. */
    public Advertisement(ServiceKey service, IpAddress address, String pool, Set<String> candidateNodes,
                         List<ConfigResource> selectedBy, boolean localTrafficPolicy,
                         List<ConfigResource> selectingAddress) {
        this(service, address, pool, candidateNodes, selectedBy, localTrafficPolicy, selectingAddress, List.of(address),
                "");
    }

    /** An advertisement whose selecting resources are those that select this node, as before 0.2. */
    public Advertisement(ServiceKey service, IpAddress address, String pool, Set<String> candidateNodes,
                         List<ConfigResource> selectedBy, boolean localTrafficPolicy) {
        this(service, address, pool, candidateNodes, selectedBy, localTrafficPolicy, selectedBy, List.of(address), "");
    }
}
