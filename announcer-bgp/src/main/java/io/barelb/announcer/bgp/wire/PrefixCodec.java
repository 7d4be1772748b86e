package io.barelb.announcer.bgp.wire;

import io.barelb.api.net.IpAddress;
import io.barelb.api.net.IpPrefix;
import java.util.ArrayList;
import java.util.List;

/**
 * The prefix encoding of RFC 4271 §4.3 (Withdrawn Routes, NLRI) and RFC 4760 §5: a length octet in bits, then
 * the fewest octets that hold it. Trailing bits past the length are ignored when decoding (RFC 4271 §4.3).
 */
public final class PrefixCodec {

    private PrefixCodec() {
    }

    /** The number of octets {@code prefix} takes on the wire. */
    public static int size(IpPrefix prefix) {
        return 1 + (prefix.length() + 7) / 8;
    }

    static void encode(IpPrefix prefix, ByteWriter out) {
        out.u8(prefix.length());
        out.bytes(prefix.network().toBytes(), 0, (prefix.length() + 7) / 8);
    }

    /**
     * Decodes prefixes of {@code bits}-wide addresses until {@code in} is empty.
     *
     * @throws BgpDecodeException {@code error} for a length past the family's width or a truncated prefix
     */
    static List<IpPrefix> decodeAll(ByteReader in, int bits, BgpError error, String field) throws BgpDecodeException {
        List<IpPrefix> prefixes = new ArrayList<>();
        while (in.remaining() > 0) {
            int length = in.u8();
            if (length > bits) {
                throw new BgpDecodeException(error, field + ": prefix length " + length + " exceeds " + bits);
            }
            int octets = (length + 7) / 8;
            in.require(octets, error, field + ": prefix of length " + length);
            byte[] address = new byte[bits / 8];
            System.arraycopy(in.bytes(), in.position(), address, 0, octets);
            in.skip(octets);
            prefixes.add(new IpPrefix(IpAddress.fromBytes(address), length));
        }
        return prefixes;
    }
}
