package io.barelb.announcer.layer2;

/**
 * A frame that claims to be ARP or ICMPv6 neighbor discovery but breaks its RFC: too short, wrong lengths,
 * bad checksum. The responder counts it and carries on; it never reaches the caller of the announcer.
 */
final class MalformedFrameException extends Exception {

    private static final long serialVersionUID = 1L;

    MalformedFrameException(String reason) {
        super(reason, null, false, false);
    }
}
