package io.barelb.announcer.bgp.wire;

import io.barelb.api.net.IpAddress;
import io.barelb.api.net.IpPrefix;
import java.util.ArrayList;
import java.util.List;

/**
 * Path attributes (RFC 4271 §4.3) and what RFC 7606 says to do when one is malformed.
 *
 * <pre>
 *  0                   1
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+---------------------------+
 * |O|T|P|E|  0000 | Attr. Type    | Length (1 or 2) | Value   |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+---------------------------+
 * </pre>
 *
 * <p>Per RFC 7606: ORIGIN, AS_PATH, NEXT_HOP, MULTI_EXIT_DISC, LOCAL_PREF, COMMUNITIES and LARGE_COMMUNITY that
 * are malformed (wrong length, flags or content) make the UPDATE treat-as-withdraw (§7.1–7.5, §7.8, RFC 8092
 * §6); a malformed ATOMIC_AGGREGATE, AGGREGATOR or AS4_PATH is discarded (§7.6, §7.7, RFC 6793 §6); a broken
 * MP_REACH_NLRI / MP_UNREACH_NLRI, or one that appears twice, resets the session (§7.11, §3 g); any other
 * attribute appearing twice keeps its first occurrence (§3 g); an attribute overrunning the attribute field is
 * treat-as-withdraw (§4); an unrecognised well-known attribute resets the session (RFC 4271 §6.3).
 */
final class AttributeCodec {

    private static final int ATOMIC_AGGREGATE = 6;
    private static final int AGGREGATOR = 7;

    private AttributeCodec() {
    }

    static void encode(PathAttribute attribute, CodecOptions options, ByteWriter out) {
        ByteWriter value = new ByteWriter(64);
        encodeValue(attribute, options, value);
        int length = value.size();
        int flags = attribute instanceof PathAttribute.Unknown unknown ? unknown.flags() : attribute.flags();
        if (length > 255) {
            out.u8(flags | PathAttribute.EXTENDED_LENGTH).u8(attribute.typeCode()).u16(length);
        } else {
            out.u8(flags).u8(attribute.typeCode()).u8(length);
        }
        out.bytes(value.toArray());
    }

    /** The encoded size of {@code attribute}, header included. */
    static int size(PathAttribute attribute, CodecOptions options) {
        ByteWriter out = new ByteWriter(64);
        encode(attribute, options, out);
        return out.size();
    }

    private static void encodeValue(PathAttribute attribute, CodecOptions options, ByteWriter out) {
        if (attribute instanceof PathAttribute.Origin origin) {
            out.u8(origin.ordinal());
        } else if (attribute instanceof PathAttribute.AsPath path) {
            encodeSegments(path.segments(), options.fourOctetAs(), out);
        } else if (attribute instanceof PathAttribute.As4Path path) {
            encodeSegments(path.segments(), true, out);
        } else if (attribute instanceof PathAttribute.NextHop nextHop) {
            out.bytes(nextHop.address().toBytes());
        } else if (attribute instanceof PathAttribute.MultiExitDisc med) {
            out.u32(med.value());
        } else if (attribute instanceof PathAttribute.LocalPref localPref) {
            out.u32(localPref.value());
        } else if (attribute instanceof PathAttribute.Communities communities) {
            communities.communities().forEach(c -> out.u32(c.bits()));
        } else if (attribute instanceof PathAttribute.LargeCommunities large) {
            large.communities().forEach(c -> out.u32(c.globalAdministrator()).u32(c.localData1()).u32(c.localData2()));
        } else if (attribute instanceof PathAttribute.MpReachNlri reach) {
            out.u16(reach.family().afi()).u8(reach.family().safi());
            int lengthAt = out.size();
            out.u8(0);
            reach.nextHops().forEach(hop -> out.bytes(hop.toBytes()));
            out.patch8(lengthAt, out.size() - lengthAt - 1);
            out.u8(0);
            reach.nlri().forEach(prefix -> PrefixCodec.encode(prefix, out));
        } else if (attribute instanceof PathAttribute.MpUnreachNlri unreach) {
            out.u16(unreach.family().afi()).u8(unreach.family().safi());
            unreach.withdrawn().forEach(prefix -> PrefixCodec.encode(prefix, out));
        } else if (attribute instanceof PathAttribute.Unknown unknown) {
            out.octets(unknown.value());
        }
    }

    /** 2-octet encoding writes AS_TRANS for an ASN that does not fit (RFC 6793 §4.2.2). */
    private static void encodeSegments(List<PathAttribute.Segment> segments, boolean fourOctets, ByteWriter out) {
        for (PathAttribute.Segment segment : segments) {
            out.u8(segment.type().code()).u8(segment.asns().size());
            for (long asn : segment.asns()) {
                if (fourOctets) {
                    out.u32(asn);
                } else {
                    out.u16(asn > 0xFFFF ? OpenMessage.AS_TRANS : (int) asn);
                }
            }
        }
    }

    /** Decodes the Path Attributes field; problems RFC 7606 handles without a reset are added to {@code problems}. */
    static List<PathAttribute> decodeAll(ByteReader in, CodecOptions options, List<UpdateProblem> problems)
            throws BgpDecodeException {
        List<PathAttribute> attributes = new ArrayList<>();
        boolean[] seen = new boolean[256];
        while (in.remaining() > 0) {
            int start = in.position();
            if (in.remaining() < 3) {
                problems.add(withdraw(BgpError.MALFORMED_ATTRIBUTE_LIST, -1, "attribute header truncated"));
                break;
            }
            int flags = in.u8();
            int type = in.u8();
            boolean extended = (flags & PathAttribute.EXTENDED_LENGTH) != 0;
            if (extended && in.remaining() < 2) {
                problems.add(withdraw(BgpError.ATTRIBUTE_LENGTH_ERROR, type, "attribute length truncated"));
                break;
            }
            int length = extended ? in.u16() : in.u8();
            if (length > in.remaining()) {
                if (type == PathAttribute.MpReachNlri.TYPE || type == PathAttribute.MpUnreachNlri.TYPE) {
                    throw new BgpDecodeException(BgpError.ATTRIBUTE_LENGTH_ERROR, wholeAttribute(in, start),
                            "attribute " + type + " of length " + length + " overruns the attribute field");
                }
                problems.add(withdraw(BgpError.ATTRIBUTE_LENGTH_ERROR, type,
                        "attribute " + type + " of length " + length + " overruns the attribute field"));
                break;
            }
            ByteReader value = in.slice(length);
            Octets raw = Octets.of(in.bytes(), start, in.position() - start);
            if (seen[type]) {
                if (type == PathAttribute.MpReachNlri.TYPE || type == PathAttribute.MpUnreachNlri.TYPE) {
                    throw new BgpDecodeException(BgpError.MALFORMED_ATTRIBUTE_LIST, "attribute " + type + " appears twice");
                }
                problems.add(new UpdateProblem(BgpError.MALFORMED_ATTRIBUTE_LIST, type,
                        UpdateProblem.Action.ATTRIBUTE_DISCARD, "attribute " + type + " repeated; first kept"));
                continue;
            }
            seen[type] = true;
            PathAttribute decoded = decodeOne(flags & ~PathAttribute.EXTENDED_LENGTH, type, length, value, raw, options,
                    problems);
            if (decoded != null) {
                attributes.add(decoded);
            }
        }
        return attributes;
    }

    /** One attribute, or null when it was malformed and RFC 7606 drops it (a problem is then recorded). */
    private static PathAttribute decodeOne(int flags, int type, int length, ByteReader value, Octets raw,
            CodecOptions options, List<UpdateProblem> problems) throws BgpDecodeException {
        int optionalTransitive = flags & (PathAttribute.OPTIONAL | PathAttribute.TRANSITIVE);
        switch (type) {
            case PathAttribute.Origin.TYPE: {
                if (!flagsAre(optionalTransitive, PathAttribute.TRANSITIVE, type, problems)
                        || !lengthIs(length == 1, type, length, problems)) {
                    return null;
                }
                int origin = value.u8();
                if (origin > 2) {
                    problems.add(withdraw(BgpError.INVALID_ORIGIN_ATTRIBUTE, type, "ORIGIN value " + origin));
                    return null;
                }
                return PathAttribute.Origin.values()[origin];
            }
            case PathAttribute.AsPath.TYPE: {
                if (!flagsAre(optionalTransitive, PathAttribute.TRANSITIVE, type, problems)) {
                    return null;
                }
                List<PathAttribute.Segment> segments = segments(value, options.fourOctetAs());
                if (segments == null) {
                    problems.add(withdraw(BgpError.MALFORMED_AS_PATH, type, "malformed AS_PATH " + raw));
                    return null;
                }
                return new PathAttribute.AsPath(segments);
            }
            case PathAttribute.As4Path.TYPE: {
                List<PathAttribute.Segment> segments = segments(value, true);
                if (optionalTransitive != (PathAttribute.OPTIONAL | PathAttribute.TRANSITIVE) || segments == null) {
                    problems.add(discard(BgpError.OPTIONAL_ATTRIBUTE_ERROR, type, "malformed AS4_PATH " + raw));
                    return null;
                }
                return new PathAttribute.As4Path(segments);
            }
            case PathAttribute.NextHop.TYPE: {
                if (!flagsAre(optionalTransitive, PathAttribute.TRANSITIVE, type, problems)
                        || !lengthIs(length == 4, type, length, problems)) {
                    return null;
                }
                return new PathAttribute.NextHop(IpAddress.fromBytes(value.take(4)));
            }
            case PathAttribute.MultiExitDisc.TYPE: {
                if (!flagsAre(optionalTransitive, PathAttribute.OPTIONAL, type, problems)
                        || !lengthIs(length == 4, type, length, problems)) {
                    return null;
                }
                return new PathAttribute.MultiExitDisc(value.u32());
            }
            case PathAttribute.LocalPref.TYPE: {
                if (!flagsAre(optionalTransitive, PathAttribute.TRANSITIVE, type, problems)
                        || !lengthIs(length == 4, type, length, problems)) {
                    return null;
                }
                return new PathAttribute.LocalPref(value.u32());
            }
            case ATOMIC_AGGREGATE:
            case AGGREGATOR: {
                boolean valid = type == ATOMIC_AGGREGATE ? length == 0 : length == (options.fourOctetAs() ? 8 : 6);
                if (!valid) {
                    problems.add(discard(BgpError.ATTRIBUTE_LENGTH_ERROR, type, "attribute " + type + " of length " + length));
                    return null;
                }
                return new PathAttribute.Unknown(flags, type, value.octets(length));
            }
            case PathAttribute.Communities.TYPE: {
                if (!flagsAre(optionalTransitive, PathAttribute.OPTIONAL | PathAttribute.TRANSITIVE, type, problems)
                        || !lengthIs(length > 0 && length % 4 == 0, type, length, problems)) {
                    return null;
                }
                List<Community> communities = new ArrayList<>();
                while (value.remaining() > 0) {
                    communities.add(Community.fromBits(value.u32()));
                }
                return new PathAttribute.Communities(communities);
            }
            case PathAttribute.LargeCommunities.TYPE: {
                if (!flagsAre(optionalTransitive, PathAttribute.OPTIONAL | PathAttribute.TRANSITIVE, type, problems)
                        || !lengthIs(length > 0 && length % 12 == 0, type, length, problems)) {
                    return null;
                }
                List<LargeCommunity> communities = new ArrayList<>();
                while (value.remaining() > 0) {
                    communities.add(new LargeCommunity(value.u32(), value.u32(), value.u32()));
                }
                return new PathAttribute.LargeCommunities(communities);
            }
            case PathAttribute.MpReachNlri.TYPE:
                return MultiprotocolCodec.decodeReach(flags, value, raw);
            case PathAttribute.MpUnreachNlri.TYPE:
                return MultiprotocolCodec.decodeUnreach(flags, value, raw);
            default: {
                if ((flags & PathAttribute.OPTIONAL) == 0) {
                    throw new BgpDecodeException(BgpError.UNRECOGNIZED_WELL_KNOWN_ATTRIBUTE, raw,
                            "well-known attribute " + type + " is not one this speaker knows");
                }
                return new PathAttribute.Unknown(flags, type, value.octets(length));
            }
        }
    }

    /** AS_PATH segments, or null if malformed (RFC 7606 §7.2: bad type, zero count, overrun, trailing octets). */
    private static List<PathAttribute.Segment> segments(ByteReader in, boolean fourOctets) {
        int width = fourOctets ? 4 : 2;
        List<PathAttribute.Segment> segments = new ArrayList<>();
        while (in.remaining() > 0) {
            if (in.remaining() < 2) {
                return null;
            }
            int typeCode = in.u8();
            int count = in.u8();
            PathAttribute.SegmentType type = typeCode == 1 ? PathAttribute.SegmentType.AS_SET
                    : typeCode == 2 ? PathAttribute.SegmentType.AS_SEQUENCE : null;
            if (type == null || count == 0 || in.remaining() < count * width) {
                return null;
            }
            List<Long> asns = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                asns.add(fourOctets ? in.u32() : in.u16());
            }
            segments.add(new PathAttribute.Segment(type, asns));
        }
        return segments;
    }

    private static boolean flagsAre(int actual, int expected, int type, List<UpdateProblem> problems) {
        if (actual == expected) {
            return true;
        }
        problems.add(withdraw(BgpError.ATTRIBUTE_FLAGS_ERROR, type, "attribute " + type + " has flags 0x"
                + Integer.toHexString(actual) + ", expected 0x" + Integer.toHexString(expected)));
        return false;
    }

    private static boolean lengthIs(boolean valid, int type, int length, List<UpdateProblem> problems) {
        if (!valid) {
            problems.add(withdraw(BgpError.ATTRIBUTE_LENGTH_ERROR, type, "attribute " + type + " of length " + length));
        }
        return valid;
    }

    private static UpdateProblem withdraw(BgpError error, int type, String detail) {
        return new UpdateProblem(error, type, UpdateProblem.Action.TREAT_AS_WITHDRAW, detail);
    }

    private static UpdateProblem discard(BgpError error, int type, String detail) {
        return new UpdateProblem(error, type, UpdateProblem.Action.ATTRIBUTE_DISCARD, detail);
    }

    private static Octets wholeAttribute(ByteReader in, int start) {
        return Octets.of(in.bytes(), start, in.position() + in.remaining() - start);
    }

    /** Prefixes of {@code bits}-wide addresses (used by the MP attributes). */
    static List<IpPrefix> prefixes(ByteReader in, int bits, Octets raw) throws BgpDecodeException {
        try {
            return PrefixCodec.decodeAll(in, bits, BgpError.OPTIONAL_ATTRIBUTE_ERROR, "MP NLRI");
        } catch (BgpDecodeException e) {
            throw new BgpDecodeException(BgpError.OPTIONAL_ATTRIBUTE_ERROR, raw, e.getMessage());
        }
    }
}
