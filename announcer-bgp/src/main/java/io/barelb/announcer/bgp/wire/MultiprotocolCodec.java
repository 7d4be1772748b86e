package io.barelb.announcer.bgp.wire;

import io.barelb.api.net.IpAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The values of MP_REACH_NLRI and MP_UNREACH_NLRI (RFC 4760 §3, §4; layout on {@link PathAttribute.MpReachNlri})
 * for IPv4 and IPv6 unicast; other families are kept as {@link PathAttribute.Unknown}. A malformed one resets the
 * session with Optional Attribute Error (RFC 7606 §7.11: the NLRI cannot be trusted, so no treat-as-withdraw).
 * Next hops: 4 octets for IPv4 (16 or 32 for an IPv6 next hop, RFC 8950), 16 or 32 for IPv6 (global, then
 * link-local, RFC 2545 §3).
 */
final class MultiprotocolCodec {

    private MultiprotocolCodec() {
    }

    static PathAttribute decodeReach(int flags, ByteReader value, Octets raw) throws BgpDecodeException {
        requireFlags(flags, raw);
        if (value.remaining() < 5) {
            throw error(raw, "MP_REACH_NLRI shorter than 5 octets");
        }
        int afi = value.u16();
        int safi = value.u8();
        AddressFamily family = new AddressFamily(afi, safi);
        if (!family.isSupportedUnicast()) {
            return new PathAttribute.Unknown(flags, PathAttribute.MpReachNlri.TYPE, Octets.of(value.bytes(),
                    value.position() - 3, value.remaining() + 3));
        }
        int nextHopLength = value.u8();
        boolean validLength = nextHopLength == 16 || nextHopLength == 32 || afi == AddressFamily.AFI_IPV4 && nextHopLength == 4;
        if (!validLength || value.remaining() < nextHopLength + 1) {
            throw error(raw, "MP_REACH_NLRI next hop length " + nextHopLength + " for " + family);
        }
        List<IpAddress> nextHops = new ArrayList<>();
        int width = nextHopLength == 4 ? 4 : 16;
        for (int read = 0; read < nextHopLength; read += width) {
            nextHops.add(IpAddress.fromBytes(value.take(width)));
        }
        value.u8(); // reserved
        int bits = afi == AddressFamily.AFI_IPV4 ? 32 : 128;
        return new PathAttribute.MpReachNlri(family, nextHops, AttributeCodec.prefixes(value, bits, raw));
    }

    static PathAttribute decodeUnreach(int flags, ByteReader value, Octets raw) throws BgpDecodeException {
        requireFlags(flags, raw);
        if (value.remaining() < 3) {
            throw error(raw, "MP_UNREACH_NLRI shorter than 3 octets");
        }
        int afi = value.u16();
        int safi = value.u8();
        AddressFamily family = new AddressFamily(afi, safi);
        if (!family.isSupportedUnicast()) {
            return new PathAttribute.Unknown(flags, PathAttribute.MpUnreachNlri.TYPE, Octets.of(value.bytes(),
                    value.position() - 3, value.remaining() + 3));
        }
        int bits = afi == AddressFamily.AFI_IPV4 ? 32 : 128;
        return new PathAttribute.MpUnreachNlri(family, AttributeCodec.prefixes(value, bits, raw));
    }

    private static void requireFlags(int flags, Octets raw) throws BgpDecodeException {
        if ((flags & (PathAttribute.OPTIONAL | PathAttribute.TRANSITIVE)) != PathAttribute.OPTIONAL) {
            throw new BgpDecodeException(BgpError.ATTRIBUTE_FLAGS_ERROR, raw, "MP attribute flags 0x"
                    + Integer.toHexString(flags) + ", expected optional non-transitive");
        }
    }

    private static BgpDecodeException error(Octets raw, String detail) {
        return new BgpDecodeException(BgpError.OPTIONAL_ATTRIBUTE_ERROR, raw, detail);
    }
}
