package io.barelb.api.announce;

import io.barelb.api.config.ConfigResource;
import java.util.List;

/**
 * Everything an announcer should make true on this node: the whole desired set, never a delta. Immutable.
 *
 * @param advertisements the addresses to announce (possibly subject to owner election by the announcer)
 * @param resources      the configuration resources of the kinds this announcer owns (peers, profiles, ...),
 *                       already validated by {@link AnnouncerFactory#validate(List)}
 */
public record AnnouncerState(List<Advertisement> advertisements, List<ConfigResource> resources) {

    public AnnouncerState {
        advertisements = List.copyOf(advertisements);
        resources = List.copyOf(resources);
    }

    /** Nothing to announce. */
    public static AnnouncerState empty() {
        return new AnnouncerState(List.of(), List.of());
    }
}
