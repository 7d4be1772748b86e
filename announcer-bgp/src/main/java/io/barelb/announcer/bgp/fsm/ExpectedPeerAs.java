package io.barelb.announcer.bgp.fsm;

/**
 * Which AS the peer's OPEN may carry: one configured ASN ({@code peerASN}), or any ASN inside or outside this
 * side's AS ({@code dynamicASN: internal / external}). Immutable.
 *
 * @param asn  the expected ASN, 0 for a dynamic peer
 * @param kind how the ASN is judged
 */
public record ExpectedPeerAs(long asn, Kind kind) {

    /** How the peer's ASN is judged. */
    public enum Kind { EXACTLY, INTERNAL, EXTERNAL }

    public ExpectedPeerAs {
        if (kind == Kind.EXACTLY && (asn <= 0 || asn > 0xFFFF_FFFFL)) {
            throw new IllegalArgumentException("a peer ASN is 1 to 4294967295, not " + asn);
        }
    }

    public static ExpectedPeerAs exactly(long asn) {
        return new ExpectedPeerAs(asn, Kind.EXACTLY);
    }

    public static ExpectedPeerAs internal() {
        return new ExpectedPeerAs(0, Kind.INTERNAL);
    }

    public static ExpectedPeerAs external() {
        return new ExpectedPeerAs(0, Kind.EXTERNAL);
    }

    /** True if a peer in {@code peerAs} is acceptable to a speaker in {@code localAs}. */
    public boolean accepts(long peerAs, long localAs) {
        return switch (kind) {
            case EXACTLY -> peerAs == asn;
            case INTERNAL -> peerAs == localAs;
            case EXTERNAL -> peerAs != localAs;
        };
    }

    /** True if the session is iBGP whatever the peer sends (known before the OPEN). */
    public boolean internalFor(long localAs) {
        return kind == Kind.INTERNAL || kind == Kind.EXACTLY && asn == localAs;
    }

    @Override
    public String toString() {
        return kind == Kind.EXACTLY ? "AS" + asn : kind.name().toLowerCase(java.util.Locale.ROOT) + " AS";
    }
}
