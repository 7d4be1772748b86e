package io.barelb.announcer.bgp.wire;

/**
 * Encodes and decodes whole BGP messages, header included (RFC 4271 §4.1). Stateless and thread-safe; what a
 * session negotiated comes in as {@link CodecOptions}.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                                                               |
 * +                           Marker (16 octets, all ones)        +
 * |                                                               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |          Length               |      Type     |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>Decoding never throws anything but {@link BgpDecodeException}; §6.1's header errors are detected here
 * (marker, length per type, type) and by {@link #frameLength} for a stream.
 */
public final class BgpMessageCodec {

    /** Offset of the Length field. */
    public static final int LENGTH_OFFSET = 16;

    private BgpMessageCodec() {
    }

    /**
     * Encodes {@code message}.
     *
     * @throws IllegalArgumentException if the message would exceed 4096 octets (callers pack UPDATEs to fit)
     */
    public static byte[] encode(BgpMessage message, CodecOptions options) {
        ByteWriter out = new ByteWriter(64);
        for (int i = 0; i < 16; i++) {
            out.u8(0xFF);
        }
        out.u16(0).u8(message.type());
        if (message instanceof OpenMessage open) {
            OpenCodec.encode(open, out);
        } else if (message instanceof UpdateMessage update) {
            UpdateCodec.encode(update, options, out);
        } else if (message instanceof NotificationMessage notification) {
            out.u8(notification.code()).u8(notification.subcode());
            Octets data = notification.data();
            // a NOTIFICATION must fit too: cut overlong data (it only ever echoes what the peer sent)
            int room = BgpMessage.MAX_LENGTH - BgpMessage.HEADER_LENGTH - 2;
            out.bytes(data.toArray(), 0, Math.min(room, data.length()));
        } else if (message instanceof RouteRefreshMessage refresh) {
            out.u16(refresh.family().afi()).u8(0).u8(refresh.family().safi());
        }
        if (out.size() > BgpMessage.MAX_LENGTH) {
            throw new IllegalArgumentException("message of " + out.size() + " octets exceeds " + BgpMessage.MAX_LENGTH);
        }
        out.patch16(LENGTH_OFFSET, out.size());
        return out.toArray();
    }

    /**
     * Checks the first 19 octets of a message in a stream and returns its total length: the marker must be all
     * ones (§6.1 Connection Not Synchronized) and the length 19 to 4096 (§6.1 Bad Message Length).
     */
    public static int frameLength(byte[] header, int offset) throws BgpDecodeException {
        for (int i = 0; i < 16; i++) {
            if (header[offset + i] != (byte) 0xFF) {
                throw new BgpDecodeException(BgpError.CONNECTION_NOT_SYNCHRONIZED, "the marker is not all ones");
            }
        }
        int length = ((header[offset + LENGTH_OFFSET] & 0xFF) << 8) | (header[offset + LENGTH_OFFSET + 1] & 0xFF);
        if (length < BgpMessage.HEADER_LENGTH || length > BgpMessage.MAX_LENGTH) {
            throw new BgpDecodeException(BgpError.BAD_MESSAGE_LENGTH,
                    Octets.of(header, offset + LENGTH_OFFSET, 2), "message length " + length + " is outside 19-4096");
        }
        return length;
    }

    /** Decodes one whole message: {@code message.length} must be the header's length (as framing delivers it). */
    public static BgpMessage decode(byte[] message, CodecOptions options) throws BgpDecodeException {
        if (message.length < BgpMessage.HEADER_LENGTH) {
            throw new BgpDecodeException(BgpError.BAD_MESSAGE_LENGTH, "message of " + message.length + " octets");
        }
        int length = frameLength(message, 0);
        if (length != message.length) {
            throw new BgpDecodeException(BgpError.BAD_MESSAGE_LENGTH, Octets.of(message, LENGTH_OFFSET, 2),
                    "length field " + length + " but " + message.length + " octets given");
        }
        int type = message[18] & 0xFF;
        ByteReader body = new ByteReader(message, BgpMessage.HEADER_LENGTH, length);
        switch (type) {
            case OpenMessage.TYPE:
                requireLength(message, length >= 29);
                return OpenCodec.decode(body);
            case UpdateMessage.TYPE:
                requireLength(message, length >= 23);
                return UpdateCodec.decode(body, options);
            case NotificationMessage.TYPE:
                requireLength(message, length >= 21);
                return new NotificationMessage(body.u8(), body.u8(), body.octets(body.remaining()));
            case KeepaliveMessage.TYPE:
                requireLength(message, length == 19);
                return KeepaliveMessage.INSTANCE;
            case RouteRefreshMessage.TYPE: {
                if (length != 23) {
                    // RFC 7313 §5: the data is the whole message
                    throw new BgpDecodeException(BgpError.ROUTE_REFRESH_INVALID_MESSAGE_LENGTH, Octets.of(message),
                            "ROUTE-REFRESH of " + length + " octets");
                }
                int afi = body.u16();
                body.u8();
                return new RouteRefreshMessage(new AddressFamily(afi, body.u8()));
            }
            default:
                throw new BgpDecodeException(BgpError.BAD_MESSAGE_TYPE, Octets.of((byte) type), "message type " + type);
        }
    }

    private static void requireLength(byte[] message, boolean valid) throws BgpDecodeException {
        if (!valid) {
            throw new BgpDecodeException(BgpError.BAD_MESSAGE_LENGTH, Octets.of(message, LENGTH_OFFSET, 2),
                    "message type " + (message[18] & 0xFF) + " cannot have " + message.length + " octets");
        }
    }
}
