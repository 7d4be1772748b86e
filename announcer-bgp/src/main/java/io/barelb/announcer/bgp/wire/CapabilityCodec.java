package io.barelb.announcer.bgp.wire;

import java.util.ArrayList;
import java.util.List;

/** Capabilities inside the Capabilities optional parameter (RFC 5492 §4): code (1), length (1), value. */
final class CapabilityCodec {

    private CapabilityCodec() {
    }

    static void encode(Capability capability, ByteWriter out) {
        out.u8(capability.code());
        int lengthAt = out.size();
        out.u8(0);
        if (capability instanceof Capability.Multiprotocol mp) {
            out.u16(mp.family().afi()).u8(0).u8(mp.family().safi());
        } else if (capability instanceof Capability.GracefulRestart gr) {
            out.u16((gr.restarting() ? 0x8000 : 0) | gr.restartTimeSeconds());
            for (Capability.GracefulRestart.Family family : gr.families()) {
                out.u16(family.family().afi()).u8(family.family().safi()).u8(family.forwardingPreserved() ? 0x80 : 0);
            }
        } else if (capability instanceof Capability.FourOctetAs as) {
            out.u32(as.asn());
        } else if (capability instanceof Capability.Unknown unknown) {
            out.octets(unknown.value());
        }
        // RouteRefresh has no value
        out.patch8(lengthAt, out.size() - lengthAt - 1);
    }

    /** Decodes the value of one Capabilities parameter. Malformed known capabilities are an OPEN Message Error. */
    static List<Capability> decodeAll(ByteReader in) throws BgpDecodeException {
        List<Capability> capabilities = new ArrayList<>();
        while (in.remaining() > 0) {
            in.require(2, BgpError.OPEN_MESSAGE_ERROR, "capability header");
            int code = in.u8();
            int length = in.u8();
            in.require(length, BgpError.OPEN_MESSAGE_ERROR, "capability " + code + " value");
            ByteReader value = in.slice(length);
            capabilities.add(decodeOne(code, length, value));
        }
        return capabilities;
    }

    private static Capability decodeOne(int code, int length, ByteReader value) throws BgpDecodeException {
        switch (code) {
            case Capability.Multiprotocol.CODE -> {
                requireLength(code, length, length == 4);
                int afi = value.u16();
                value.u8();
                return new Capability.Multiprotocol(new AddressFamily(afi, value.u8()));
            }
            case Capability.RouteRefresh.CODE -> {
                requireLength(code, length, length == 0);
                return new Capability.RouteRefresh();
            }
            case Capability.GracefulRestart.CODE -> {
                requireLength(code, length, length >= 2 && (length - 2) % 4 == 0);
                int flagsAndTime = value.u16();
                List<Capability.GracefulRestart.Family> families = new ArrayList<>();
                while (value.remaining() > 0) {
                    int afi = value.u16();
                    int safi = value.u8();
                    families.add(new Capability.GracefulRestart.Family(new AddressFamily(afi, safi),
                            (value.u8() & 0x80) != 0));
                }
                return new Capability.GracefulRestart((flagsAndTime & 0x8000) != 0, flagsAndTime & 0xFFF, families);
            }
            case Capability.FourOctetAs.CODE -> {
                requireLength(code, length, length == 4);
                return new Capability.FourOctetAs(value.u32());
            }
            default -> {
                return new Capability.Unknown(code, value.octets(length));
            }
        }
    }

    private static void requireLength(int code, int length, boolean valid) throws BgpDecodeException {
        if (!valid) {
            throw new BgpDecodeException(BgpError.OPEN_MESSAGE_ERROR, "capability " + code + " has length " + length);
        }
    }
}
