package io.barelb.announcer.bgp.wire;

import io.barelb.api.net.IpAddress;
import io.barelb.api.net.IpPrefix;
import java.util.List;
import java.util.Objects;

/**
 * A path attribute of an UPDATE (RFC 4271 §4.3 and §5): the ones this speaker sends or checks are typed, every
 * other one is {@link Unknown} data with its flags. On the wire each is
 * {@code flags (1) | type (1) | length (1, or 2 with the Extended Length flag) | value}.
 */
public sealed interface PathAttribute {

    /** Flag bits of the first octet. */
    int OPTIONAL = 0x80;
    int TRANSITIVE = 0x40;
    int PARTIAL = 0x20;
    int EXTENDED_LENGTH = 0x10;

    /** The Attribute Type Code. */
    int typeCode();

    /** The Optional, Transitive and Partial flags this attribute is sent with (Extended Length is the codec's). */
    int flags();

    /** ORIGIN (type 1), well-known mandatory: IGP, EGP or INCOMPLETE. */
    enum Origin implements PathAttribute {
        IGP, EGP, INCOMPLETE;

        public static final int TYPE = 1;

        @Override
        public int typeCode() {
            return TYPE;
        }

        @Override
        public int flags() {
            return TRANSITIVE;
        }
    }

    /** A segment of AS_PATH or AS4_PATH (RFC 4271 §4.3): AS_SET (1) or AS_SEQUENCE (2), 1 to 255 ASNs. */
    record Segment(SegmentType type, List<Long> asns) {
        public Segment {
            Objects.requireNonNull(type, "type");
            asns = List.copyOf(asns);
            if (asns.isEmpty() || asns.size() > 255) {
                throw new IllegalArgumentException("an AS_PATH segment holds 1 to 255 ASNs, not " + asns.size());
            }
            for (long asn : asns) {
                if (asn < 0 || asn > 0xFFFF_FFFFL) {
                    throw new IllegalArgumentException("an ASN is 4 octets unsigned: " + asn);
                }
            }
        }

        public static Segment sequence(Long... asns) {
            return new Segment(SegmentType.AS_SEQUENCE, List.of(asns));
        }

        public static Segment set(Long... asns) {
            return new Segment(SegmentType.AS_SET, List.of(asns));
        }
    }

    /** The segment types of RFC 4271 §4.3 (the confederation types of RFC 5065 are malformed here). */
    enum SegmentType {
        AS_SET(1), AS_SEQUENCE(2);

        private final int code;

        SegmentType(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }
    }

    /**
     * AS_PATH (type 2), well-known mandatory; each ASN takes 2 octets or 4 (when both speakers announced the
     * 4-octet AS capability, RFC 6793 §4): the codec's {@link CodecOptions} decides. Empty for routes an iBGP
     * speaker originates.
     */
    record AsPath(List<Segment> segments) implements PathAttribute {
        public static final int TYPE = 2;
        /** The empty AS_PATH. */
        public static final AsPath EMPTY = new AsPath(List.of());

        public AsPath {
            segments = List.copyOf(segments);
        }

        @Override
        public int typeCode() {
            return TYPE;
        }

        @Override
        public int flags() {
            return TRANSITIVE;
        }

        /** True if some ASN does not fit in 2 octets. */
        public boolean needsFourOctets() {
            return segments.stream().flatMap(s -> s.asns().stream()).anyMatch(asn -> asn > 0xFFFF);
        }
    }

    /** AS4_PATH (type 17, RFC 6793 §3), optional transitive: the real path beside a 2-octet AS_PATH; 4-octet ASNs. */
    record As4Path(List<Segment> segments) implements PathAttribute {
        public static final int TYPE = 17;

        public As4Path {
            segments = List.copyOf(segments);
        }

        @Override
        public int typeCode() {
            return TYPE;
        }

        @Override
        public int flags() {
            return OPTIONAL | TRANSITIVE;
        }
    }

    /** NEXT_HOP (type 3), well-known mandatory for IPv4 NLRI: an IPv4 address. */
    record NextHop(IpAddress address) implements PathAttribute {
        public static final int TYPE = 3;

        public NextHop {
            if (!address.isIpv4()) {
                throw new IllegalArgumentException("NEXT_HOP is an IPv4 address, not " + address
                        + "; IPv6 next hops go in MP_REACH_NLRI");
            }
        }

        @Override
        public int typeCode() {
            return TYPE;
        }

        @Override
        public int flags() {
            return TRANSITIVE;
        }
    }

    /** MULTI_EXIT_DISC (type 4), optional non-transitive: 4 octets unsigned. */
    record MultiExitDisc(long value) implements PathAttribute {
        public static final int TYPE = 4;

        public MultiExitDisc {
            requireUnsigned32(value, "MULTI_EXIT_DISC");
        }

        @Override
        public int typeCode() {
            return TYPE;
        }

        @Override
        public int flags() {
            return OPTIONAL;
        }
    }

    /** LOCAL_PREF (type 5), well-known, sent to internal peers only: 4 octets unsigned. */
    record LocalPref(long value) implements PathAttribute {
        public static final int TYPE = 5;

        public LocalPref {
            requireUnsigned32(value, "LOCAL_PREF");
        }

        @Override
        public int typeCode() {
            return TYPE;
        }

        @Override
        public int flags() {
            return TRANSITIVE;
        }
    }

    /** COMMUNITIES (type 8, RFC 1997), optional transitive: 4 octets each, {@code AS:value}. */
    record Communities(List<Community> communities) implements PathAttribute {
        public static final int TYPE = 8;

        public Communities {
            communities = List.copyOf(communities);
        }

        @Override
        public int typeCode() {
            return TYPE;
        }

        @Override
        public int flags() {
            return OPTIONAL | TRANSITIVE;
        }
    }

    /** LARGE_COMMUNITY (type 32, RFC 8092), optional transitive: 12 octets each. */
    record LargeCommunities(List<LargeCommunity> communities) implements PathAttribute {
        public static final int TYPE = 32;

        public LargeCommunities {
            communities = List.copyOf(communities);
        }

        @Override
        public int typeCode() {
            return TYPE;
        }

        @Override
        public int flags() {
            return OPTIONAL | TRANSITIVE;
        }
    }

    /**
     * MP_REACH_NLRI (type 14, RFC 4760 §3), optional non-transitive, for IPv4 or IPv6 unicast.
     *
     * <pre>
     * +---------------------------------------------------------+
     * | Address Family Identifier (2 octets)                    |
     * | Subsequent Address Family Identifier (1 octet)          |
     * | Length of Next Hop Network Address (1 octet)            |
     * | Network Address of Next Hop (variable)                  |
     * | Reserved (1 octet)                                      |
     * | Network Layer Reachability Information (variable)       |
     * +---------------------------------------------------------+
     * </pre>
     *
     * @param nextHops one address, or for IPv6 a global and a link-local one (RFC 2545 §3)
     */
    record MpReachNlri(AddressFamily family, List<IpAddress> nextHops, List<IpPrefix> nlri) implements PathAttribute {
        public static final int TYPE = 14;

        public MpReachNlri {
            if (!family.isSupportedUnicast()) {
                throw new IllegalArgumentException("MP_REACH_NLRI is typed for IPv4/IPv6 unicast only, not " + family);
            }
            nextHops = List.copyOf(nextHops);
            nlri = List.copyOf(nlri);
            if (nextHops.isEmpty() || nextHops.size() > 2) {
                throw new IllegalArgumentException("MP_REACH_NLRI carries one or two next hops, not " + nextHops.size());
            }
        }

        @Override
        public int typeCode() {
            return TYPE;
        }

        @Override
        public int flags() {
            return OPTIONAL;
        }
    }

    /** MP_UNREACH_NLRI (type 15, RFC 4760 §4), optional non-transitive: AFI, SAFI, withdrawn routes. */
    record MpUnreachNlri(AddressFamily family, List<IpPrefix> withdrawn) implements PathAttribute {
        public static final int TYPE = 15;

        public MpUnreachNlri {
            if (!family.isSupportedUnicast()) {
                throw new IllegalArgumentException("MP_UNREACH_NLRI is typed for IPv4/IPv6 unicast only, not " + family);
            }
            withdrawn = List.copyOf(withdrawn);
        }

        @Override
        public int typeCode() {
            return TYPE;
        }

        @Override
        public int flags() {
            return OPTIONAL;
        }
    }

    /**
     * Any other attribute, kept as data with the flags it arrived with (ATOMIC_AGGREGATE, AGGREGATOR,
     * ORIGINATOR_ID, an MP attribute of a family this speaker does not route, ...).
     */
    record Unknown(int flags, int typeCode, Octets value) implements PathAttribute {
        public Unknown {
            if (flags < 0 || flags > 255 || typeCode < 0 || typeCode > 255 || value.length() > 0xFFFF) {
                throw new IllegalArgumentException("attribute flags and type are octets: " + flags + "/" + typeCode);
            }
            flags &= ~EXTENDED_LENGTH;
        }
    }

    private static void requireUnsigned32(long value, String name) {
        if (value < 0 || value > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException(name + " is 4 octets unsigned: " + value);
        }
    }
}
