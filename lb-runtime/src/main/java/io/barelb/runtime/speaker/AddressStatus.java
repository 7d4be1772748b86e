package io.barelb.runtime.speaker;

import java.util.List;
import java.util.Objects;

/**
 * Where one address stands on this node, for the ownership log and the {@code /status} page. Immutable.
 *
 * @param protocol the announcer
 * @param owner    the Service ({@code namespace/name}) or virtual IP ({@code VirtualIP/name}) the address belongs to
 * @param address  the address
 * @param state    what this node does with it
 * @param reason   why, in an operator's words: the health check's phrase, or the announcer's message
 * @param where    the interfaces or peers it is announced on, while held
 */
record AddressStatus(String protocol, String owner, String address, State state, String reason, List<String> where) {

    /** What this node does with the address. */
    enum State {
        /** This node announces it. */
        HELD,
        /** Another node holds it (or none can): this node is a candidate but not the owner. */
        STANDBY,
        /** This node's backend fails the address's health check: it is out of the running. */
        WITHHELD,
        /** This node should announce it and cannot. */
        FAILED
    }

    AddressStatus {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(reason, "reason");
        where = List.copyOf(where);
    }
}
