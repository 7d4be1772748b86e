package io.barelb.announcer.bgp.bfd.wire;

/**
 * What {@link BfdControlCodec#decode} made of a datagram: {@link #VALID}, or the RFC 5880 §6.8.6 rule (or the
 * authentication limit of this implementation) that makes the receiver discard it. Each reason becomes the
 * {@code reason} label of the discard counter.
 */
public enum BfdDecodeOutcome {
    /** Every check passed; the fields were filled. */
    VALID("valid"),
    /** Fewer than 24 bytes of UDP payload: not even a mandatory section. */
    TRUNCATED("truncated"),
    /** §6.8.6: the version number is not 1. */
    BAD_VERSION("bad_version"),
    /** §6.8.6: the Length field is below 24 (26 with the A bit set). */
    LENGTH_TOO_SHORT("length_too_short"),
    /** §6.8.6: the Length field is greater than the payload of the encapsulating protocol. */
    LENGTH_EXCEEDS_PAYLOAD("length_exceeds_payload"),
    /** §6.8.6: the Detect Mult field is zero. */
    ZERO_DETECT_MULT("zero_detect_mult"),
    /** §6.8.6: the Multipoint (M) bit is set. */
    MULTIPOINT("multipoint"),
    /** §6.8.6: the My Discriminator field is zero. */
    ZERO_MY_DISCRIMINATOR("zero_my_discriminator"),
    /** §6.8.6: Your Discriminator is zero and the State field is neither Down nor AdminDown. */
    ZERO_YOUR_DISCRIMINATOR("zero_your_discriminator"),
    /**
     * §6.8.6: the A bit is set and no authentication is in use. This implementation has no authentication
     * (bfd.AuthType is always zero), so every authenticated packet ends here.
     */
    AUTHENTICATION_NOT_SUPPORTED("authentication_not_supported");

    private final String label;

    BfdDecodeOutcome(String label) {
        this.label = label;
    }

    /** The metric label value. */
    public String label() {
        return label;
    }
}
