package io.barelb.announcer.bgp.wire;

import io.barelb.api.net.IpAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The body of OPEN (RFC 4271 §4.2, layout on {@link OpenMessage}); capabilities travel in one optional parameter
 * of type 2 (RFC 5492 §4). Checks here are syntax only (§6.2's version, parameter and length errors); the peer
 * AS, hold time and identifier are judged by the session, which knows its configuration.
 */
final class OpenCodec {

    static final int PARAMETER_CAPABILITIES = 2;

    private OpenCodec() {
    }

    static void encode(OpenMessage open, ByteWriter out) {
        out.u8(open.version()).u16(open.myAutonomousSystem()).u16(open.holdTimeSeconds())
                .bytes(open.bgpIdentifier().toBytes());
        int optionalLengthAt = out.size();
        out.u8(0);
        if (!open.capabilities().isEmpty()) {
            out.u8(PARAMETER_CAPABILITIES);
            int parameterLengthAt = out.size();
            out.u8(0);
            for (Capability capability : open.capabilities()) {
                CapabilityCodec.encode(capability, out);
            }
            out.patch8(parameterLengthAt, out.size() - parameterLengthAt - 1);
        }
        out.patch8(optionalLengthAt, out.size() - optionalLengthAt - 1);
    }

    /** Decodes the body (after the header); the header check guaranteed at least 10 octets. */
    static OpenMessage decode(ByteReader in) throws BgpDecodeException {
        int version = in.u8();
        if (version != OpenMessage.VERSION) {
            // §6.2: the data is the largest locally supported version number
            throw new BgpDecodeException(BgpError.UNSUPPORTED_VERSION_NUMBER, Octets.of((byte) 0, (byte) OpenMessage.VERSION),
                    "peer speaks BGP version " + version + ", this speaker version 4");
        }
        int myAs = in.u16();
        int holdTime = in.u16();
        IpAddress identifier = IpAddress.fromBytes(in.take(4));
        int optionalLength = in.u8();
        if (optionalLength != in.remaining()) {
            throw new BgpDecodeException(BgpError.OPEN_MESSAGE_ERROR, "optional parameters length " + optionalLength
                    + " but " + in.remaining() + " octets follow");
        }
        List<Capability> capabilities = new ArrayList<>();
        while (in.remaining() > 0) {
            in.require(2, BgpError.OPEN_MESSAGE_ERROR, "optional parameter header");
            int type = in.u8();
            int length = in.u8();
            in.require(length, BgpError.OPEN_MESSAGE_ERROR, "optional parameter " + type);
            if (type != PARAMETER_CAPABILITIES) {
                throw new BgpDecodeException(BgpError.UNSUPPORTED_OPTIONAL_PARAMETER, "optional parameter type " + type);
            }
            capabilities.addAll(CapabilityCodec.decodeAll(in.slice(length)));
        }
        return new OpenMessage(version, myAs, holdTime, identifier, capabilities);
    }
}
