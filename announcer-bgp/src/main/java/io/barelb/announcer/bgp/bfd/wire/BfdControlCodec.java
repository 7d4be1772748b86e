package io.barelb.announcer.bgp.bfd.wire;

import io.netty.buffer.ByteBuf;

/**
 * Encodes and decodes BFD Control packets, RFC 5880 §4.1, without authentication sections. Stateless and
 * thread-safe; neither direction allocates.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |Vers |  Diag   |Sta|P|F|C|A|D|M|  Detect Mult  |    Length     |   offset 0
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                       My Discriminator                        |   offset 4
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                      Your Discriminator                       |   offset 8
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                    Desired Min TX Interval                    |   offset 12
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                   Required Min RX Interval                    |   offset 16
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                 Required Min Echo RX Interval                 |   offset 20
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public final class BfdControlCodec {

    /** The protocol version, RFC 5880 §4.1. */
    public static final int VERSION = 1;
    /** The length of the mandatory section. */
    public static final int MANDATORY_LENGTH = 24;
    /** The smallest Length with the A bit set: the mandatory section plus the 2-byte auth header. */
    static final int MINIMUM_AUTHENTICATED_LENGTH = 26;

    private static final int POLL = 0x20;
    private static final int FINAL = 0x10;
    private static final int CONTROL_PLANE_INDEPENDENT = 0x08;
    private static final int AUTHENTICATION_PRESENT = 0x04;
    private static final int DEMAND = 0x02;
    private static final int MULTIPOINT = 0x01;

    private BfdControlCodec() {
    }

    /**
     * Writes the 24-byte mandatory section of {@code fields} at the writer index of {@code out} (which must have
     * room, or be able to grow). The Length field is written as {@link BfdControlFields#length()}; callers that
     * send use {@link BfdControlFields#setForTransmit}, which sets it to 24.
     */
    public static void encode(BfdControlFields fields, ByteBuf out) {
        out.writeByte((fields.version & 0x7) << 5 | (fields.diagnostic & 0x1F));
        out.writeByte(fields.state.code() << 6 | flags(fields));
        out.writeByte(fields.detectMult);
        out.writeByte(fields.length);
        out.writeInt(fields.myDiscriminator);
        out.writeInt(fields.yourDiscriminator);
        out.writeInt((int) fields.desiredMinTxInterval);
        out.writeInt((int) fields.requiredMinRxInterval);
        out.writeInt((int) fields.requiredMinEchoRxInterval);
    }

    /** Writes the mandatory section into {@code out[offset, offset + 24)}. */
    public static void encode(BfdControlFields fields, byte[] out, int offset) {
        out[offset] = (byte) ((fields.version & 0x7) << 5 | (fields.diagnostic & 0x1F));
        out[offset + 1] = (byte) (fields.state.code() << 6 | flags(fields));
        out[offset + 2] = (byte) fields.detectMult;
        out[offset + 3] = (byte) fields.length;
        writeInt(out, offset + 4, fields.myDiscriminator);
        writeInt(out, offset + 8, fields.yourDiscriminator);
        writeInt(out, offset + 12, (int) fields.desiredMinTxInterval);
        writeInt(out, offset + 16, (int) fields.requiredMinRxInterval);
        writeInt(out, offset + 20, (int) fields.requiredMinEchoRxInterval);
    }

    private static int flags(BfdControlFields fields) {
        return (fields.poll ? POLL : 0) | (fields.fin ? FINAL : 0)
                | (fields.controlPlaneIndependent ? CONTROL_PLANE_INDEPENDENT : 0)
                | (fields.authenticationPresent ? AUTHENTICATION_PRESENT : 0) | (fields.demand ? DEMAND : 0)
                | (fields.multipoint ? MULTIPOINT : 0);
    }

    /**
     * Decodes the UDP payload in {@code in[readerIndex, writerIndex)} into {@code out} and applies the checks of
     * RFC 5880 §6.8.6 that need no session (every one except "no session found for Your Discriminator", which
     * the demultiplexer applies). Does not move the reader index. On anything but {@link BfdDecodeOutcome#VALID}
     * the packet must be discarded and {@code out} may hold part of it.
     */
    public static BfdDecodeOutcome decode(ByteBuf in, BfdControlFields out) {
        int base = in.readerIndex();
        int available = in.readableBytes();
        if (available < MANDATORY_LENGTH) {
            return BfdDecodeOutcome.TRUNCATED;
        }
        return fill(out, in.getUnsignedByte(base), in.getUnsignedByte(base + 1), in.getUnsignedByte(base + 2),
                in.getUnsignedByte(base + 3), in.getInt(base + 4), in.getInt(base + 8), in.getUnsignedInt(base + 12),
                in.getUnsignedInt(base + 16), in.getUnsignedInt(base + 20), available);
    }

    /** As {@link #decode(ByteBuf, BfdControlFields)}, for the payload {@code in[offset, offset + length)}. */
    public static BfdDecodeOutcome decode(byte[] in, int offset, int length, BfdControlFields out) {
        if (length < MANDATORY_LENGTH) {
            return BfdDecodeOutcome.TRUNCATED;
        }
        return fill(out, in[offset] & 0xFF, in[offset + 1] & 0xFF, in[offset + 2] & 0xFF, in[offset + 3] & 0xFF,
                readInt(in, offset + 4), readInt(in, offset + 8), readInt(in, offset + 12) & 0xFFFF_FFFFL,
                readInt(in, offset + 16) & 0xFFFF_FFFFL, readInt(in, offset + 20) & 0xFFFF_FFFFL, length);
    }

    private static BfdDecodeOutcome fill(BfdControlFields out, int first, int second, int mult, int length, int my,
            int your, long desiredMinTx, long requiredMinRx, long requiredMinEchoRx, int payloadLength) {
        out.version = first >>> 5;
        out.diagnostic = first & 0x1F;
        out.state = BfdState.fromCode(second >>> 6);
        out.poll = (second & POLL) != 0;
        out.fin = (second & FINAL) != 0;
        out.controlPlaneIndependent = (second & CONTROL_PLANE_INDEPENDENT) != 0;
        out.authenticationPresent = (second & AUTHENTICATION_PRESENT) != 0;
        out.demand = (second & DEMAND) != 0;
        out.multipoint = (second & MULTIPOINT) != 0;
        out.detectMult = mult;
        out.length = length;
        out.myDiscriminator = my;
        out.yourDiscriminator = your;
        out.desiredMinTxInterval = desiredMinTx;
        out.requiredMinRxInterval = requiredMinRx;
        out.requiredMinEchoRxInterval = requiredMinEchoRx;
        // RFC 5880 §6.8.6, in the RFC's order
        if (out.version != VERSION) {
            return BfdDecodeOutcome.BAD_VERSION;
        }
        if (length < (out.authenticationPresent ? MINIMUM_AUTHENTICATED_LENGTH : MANDATORY_LENGTH)) {
            return BfdDecodeOutcome.LENGTH_TOO_SHORT;
        }
        if (length > payloadLength) {
            return BfdDecodeOutcome.LENGTH_EXCEEDS_PAYLOAD;
        }
        if (mult == 0) {
            return BfdDecodeOutcome.ZERO_DETECT_MULT;
        }
        if (out.multipoint) {
            return BfdDecodeOutcome.MULTIPOINT;
        }
        if (my == 0) {
            return BfdDecodeOutcome.ZERO_MY_DISCRIMINATOR;
        }
        if (your == 0 && out.state != BfdState.DOWN && out.state != BfdState.ADMIN_DOWN) {
            return BfdDecodeOutcome.ZERO_YOUR_DISCRIMINATOR;
        }
        if (out.authenticationPresent) {
            return BfdDecodeOutcome.AUTHENTICATION_NOT_SUPPORTED;
        }
        return BfdDecodeOutcome.VALID;
    }

    private static int readInt(byte[] in, int offset) {
        return (in[offset] & 0xFF) << 24 | (in[offset + 1] & 0xFF) << 16 | (in[offset + 2] & 0xFF) << 8
                | (in[offset + 3] & 0xFF);
    }

    private static void writeInt(byte[] out, int offset, int value) {
        out[offset] = (byte) (value >>> 24);
        out[offset + 1] = (byte) (value >>> 16);
        out[offset + 2] = (byte) (value >>> 8);
        out[offset + 3] = (byte) value;
    }
}
