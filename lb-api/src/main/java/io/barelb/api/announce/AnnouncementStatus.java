package io.barelb.api.announce;

import io.barelb.api.ServiceKey;
import io.barelb.api.net.IpAddress;
import java.util.List;
import java.util.Objects;

/**
 * What an announcer is doing for one advertisement on this node. Immutable.
 *
 * <p>The runtime turns a {@link State#FAILED} status into a Warning Event {@code announceFailed} on the Service
 * carrying {@code message}, counts it in {@code barelb_speaker_announce_failed{protocol}}, and applies the
 * announcer's state again with exponential backoff until no advertisement has failed. {@code message} reaches
 * operators as is: never put a secret in it.
 *
 * @param service   the Service
 * @param address   the address
 * @param state     what this node does for the address (since 0.2)
 * @param where     where it is announced: interface names for layer2, peer addresses for BGP
 * @param message   a short human-readable explanation (e.g. "owner is node-b", "peer 192.0.2.1 down")
 */
public record AnnouncementStatus(ServiceKey service, IpAddress address, State state, List<String> where,
                                 String message) {

    public AnnouncementStatus {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(state, "state");
        where = List.copyOf(where);
        Objects.requireNonNull(message, "message");
    }

    /** A status that is {@link State#ANNOUNCED} or {@link State#STANDBY}, as before 0.2. */
    public AnnouncementStatus(ServiceKey service, IpAddress address, boolean announced, List<String> where,
                              String message) {
        this(service, address, announced ? State.ANNOUNCED : State.STANDBY, where, message);
    }

    /** True if this node is announcing the address now. */
    public boolean announced() {
        return state == State.ANNOUNCED;
    }

    /**
     * What a node does for one advertisement.
     *
     * @since 0.2
     */
    public enum State {
        /** This node announces the address. */
        ANNOUNCED,
        /** Another node announces it, or none should (for example, this node lost the owner election). */
        STANDBY,
        /** This node should announce it and cannot; {@code message} says why. */
        FAILED
    }
}
