package io.barelb.api.announce;

import io.barelb.api.config.ConfigResource;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything an announcer should make true on this node: the whole desired set, never a delta. Immutable.
 *
 * @param advertisements the addresses to announce (possibly subject to owner election by the announcer)
 * @param resources      the configuration resources of the kinds this announcer owns (peers, profiles, ...),
 *                       already validated by {@link AnnouncerFactory#validate(List)}
 * @param nodes          by name, the facts of this node and of every node that is a candidate of one of the
 *                       {@code advertisements} (since 0.2; empty from the two-argument constructor)
 */
public record AnnouncerState(List<Advertisement> advertisements, List<ConfigResource> resources,
                             Map<String, NodeFacts> nodes) {

    public AnnouncerState {
        advertisements = List.copyOf(advertisements);
        resources = List.copyOf(resources);
        nodes = Map.copyOf(nodes);
    }

    /** A state without node facts, as before 0.2. */
    public AnnouncerState(List<Advertisement> advertisements, List<ConfigResource> resources) {
        this(advertisements, resources, Map.of());
    }

    /** Nothing to announce. */
    public static AnnouncerState empty() {
        return new AnnouncerState(List.of(), List.of());
    }

    /**
     * The facts of one node, if it is this node or a candidate.
     *
     * @since 0.2
     */
    public Optional<NodeFacts> node(String name) {
        return Optional.ofNullable(nodes.get(name));
    }
}
