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
 * @param withheld       the addresses this node would be a candidate for but holds back from, because the
 *                       health check of its local backend fails (since 0.3; empty from the older constructors).
 *                       They must not be announced. Every other speaker still counts this node among their
 *                       {@link Advertisement#candidateNodes()}, so an announcer that elects one owner tells its peers
 *                       (layer2 does through its membership group) that this node is out of the running for these
 *                       addresses; an announcer where every candidate announces (bgp) simply leaves them out
 */
public record AnnouncerState(List<Advertisement> advertisements, List<ConfigResource> resources,
                             Map<String, NodeFacts> nodes, List<Advertisement> withheld) {

    public AnnouncerState {
        advertisements = List.copyOf(advertisements);
        resources = List.copyOf(resources);
        nodes = Map.copyOf(nodes);
        withheld = List.copyOf(withheld);
    }

    /** A state that withholds nothing, as before 0.3. */
    public AnnouncerState(List<Advertisement> advertisements, List<ConfigResource> resources,
                          Map<String, NodeFacts> nodes) {
        this(advertisements, resources, nodes, List.of());
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
