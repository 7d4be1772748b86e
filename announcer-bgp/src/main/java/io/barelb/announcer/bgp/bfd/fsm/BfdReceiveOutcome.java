package io.barelb.announcer.bgp.bfd.fsm;

/**
 * What became of one received datagram: handed to a session, rejected by the codec, or discarded by a rule that
 * needs more than the packet (RFC 5880 §6.8.6, RFC 5881 §5). The label is the metric's {@code reason}.
 */
public enum BfdReceiveOutcome {
    /** The session processed the packet. */
    ACCEPTED("accepted"),
    /** The codec rejected it; {@link io.barelb.announcer.bgp.bfd.wire.BfdDecodeOutcome} says which rule. */
    MALFORMED("malformed"),
    /** RFC 5881 §5: the TTL / hop limit was below the session's minimum. */
    TTL_BELOW_MINIMUM("ttl_below_minimum"),
    /** §6.8.6: Your Discriminator names no session, or it is zero and no session has this source address. */
    NO_SESSION("no_session"),
    /** §6.8.6: the local session is AdminDown, so every packet is discarded. */
    LOCAL_ADMIN_DOWN("local_admin_down");

    private final String label;

    BfdReceiveOutcome(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
