package io.barelb.api.announce;

import io.barelb.api.PluginContext;
import io.barelb.api.config.ConfigProblem;
import io.barelb.api.config.ConfigResource;
import java.util.List;
import java.util.Set;

/**
 * Builds the {@link Announcer} of one protocol. Stateless and thread-safe.
 */
public interface AnnouncerFactory {

    /**
     * The protocol this factory implements, unique across plugins; it is the value pools and advertisements
     * refer to ({@code layer2}, {@code bgp}).
     */
    String name();

    /**
     * The configuration kinds this announcer owns and validates, e.g. {@code L2Advertisement} or
     * {@code BGPPeer}, {@code BGPAdvertisement}, {@code BFDProfile}, {@code Community}.
     */
    default Set<String> resourceKinds() {
        return Set.of();
    }

    /**
     * The kind of the advertisement resources that select what this announcer announces (pools, Services,
     * nodes), e.g. {@code L2Advertisement}; the runtime reads their {@code ipAddressPools},
     * {@code ipAddressPoolSelectors}, {@code serviceSelectors} and {@code nodeSelectors} to decide which
     * addresses each node announces. By default the first of {@link #resourceKinds()}, in name order, whose
     * name ends in {@code Advertisement}; empty if none.
     */
    default java.util.Optional<String> advertisementKind() {
        return resourceKinds().stream().filter(kind -> kind.endsWith("Advertisement")).sorted().findFirst();
    }

    /**
     * Every problem in the resources of {@link #resourceKinds()}, all at once; empty when they are valid.
     * Pure: no I/O. The runtime calls it before any configuration takes effect.
     */
    default List<ConfigProblem> validate(List<ConfigResource> resources) {
        return List.of();
    }

    /** A new announcer for this process; it announces nothing until the first {@code apply}. */
    Announcer create(PluginContext context);
}
