package io.barelb.announcer.layer2;

import io.barelb.api.net.IpAddress;
import java.util.Arrays;
import java.util.Optional;

/**
 * An IPv6 packet carrying one ICMPv6 neighbor discovery message, without extension headers. Immutable.
 *
 * <pre>
 * IPv6 header (RFC 8200 §3)              ICMPv6 NS / NA (RFC 4861 §4.3, §4.4)
 *  0    4        12                 32     0      1      2          4                 8
 *  +----+--------+------------------+      +------+------+----------+-----------------+
 *  |ver6|  class |    flow label    |      | type | code | checksum | reserved / RSO  |
 *  +----+--------+---------+--------+      +------+------+----------+-----------------+
 *  | payload length| nh=58 | hop 255|      |        target address (16 bytes)         |
 *  +---------------+-------+--------+      +------------------------------------------+
 *  |  source address (16 bytes)     |      | options: type(1) len(1, x8 bytes) value  |
 *  |  destination address (16)      |      +------------------------------------------+
 *  +--------------------------------+
 * </pre>
 *
 * <p>Decoding applies the validity checks of RFC 4861 §7.1.1 and §7.1.2 (hop limit 255, code 0, checksum,
 * length, non-multicast target, non-zero option lengths, no source link-layer option in a DAD probe).
 *
 * @param source      IPv6 source address
 * @param destination IPv6 destination address
 * @param hopLimit    hop limit (255 for neighbor discovery)
 * @param message     the NS or NA
 */
record NdpPacket(IpAddress source, IpAddress destination, int hopLimit, NdpMessage message) {

    static final int IPV6_HEADER_LENGTH = 40;
    static final int NEXT_HEADER_ICMPV6 = 58;
    private static final int MESSAGE_LENGTH = 24;
    private static final int OPTION_SOURCE_LINK_LAYER = 1;
    private static final int OPTION_TARGET_LINK_LAYER = 2;

    /**
     * Reads the IPv6 packet at {@code offset}. Empty when it is IPv6 but not a neighbor solicitation or
     * advertisement (another ICMPv6 type, another next header): that is not ours to judge.
     *
     * @throws MalformedFrameException when the IPv6 header is broken or the NS/NA fails RFC 4861 validation
     */
    static Optional<NdpPacket> decode(byte[] frame, int offset) throws MalformedFrameException {
        int available = frame.length - offset;
        if (available < IPV6_HEADER_LENGTH) {
            throw new MalformedFrameException("IPv6 packet of " + available + " bytes is shorter than its 40-byte header");
        }
        int version = (frame[offset] & 0xF0) >>> 4;
        if (version != 6) {
            throw new MalformedFrameException("IPv6 EtherType with IP version " + version);
        }
        int payloadLength = u16(frame, offset + 4);
        if (payloadLength > available - IPV6_HEADER_LENGTH) {
            throw new MalformedFrameException("IPv6 payload length " + payloadLength + " exceeds the "
                    + (available - IPV6_HEADER_LENGTH) + " bytes present");
        }
        int nextHeader = frame[offset + 6] & 0xFF;
        int hopLimit = frame[offset + 7] & 0xFF;
        if (nextHeader != NEXT_HEADER_ICMPV6 || payloadLength < 1) {
            return Optional.empty();
        }
        int icmp = offset + IPV6_HEADER_LENGTH;
        int type = frame[icmp] & 0xFF;
        if (type != NdpMessage.TYPE_NEIGHBOR_SOLICITATION && type != NdpMessage.TYPE_NEIGHBOR_ADVERTISEMENT) {
            return Optional.empty();
        }
        IpAddress source = IpAddress.fromBytes(Arrays.copyOfRange(frame, offset + 8, offset + 24));
        IpAddress destination = IpAddress.fromBytes(Arrays.copyOfRange(frame, offset + 24, offset + 40));
        if (payloadLength < MESSAGE_LENGTH) {
            throw new MalformedFrameException("ICMPv6 type " + type + " of " + payloadLength + " bytes is shorter than 24");
        }
        if (hopLimit != 255) {
            throw new MalformedFrameException("neighbor discovery with hop limit " + hopLimit + " instead of 255");
        }
        if ((frame[icmp + 1] & 0xFF) != 0) {
            throw new MalformedFrameException("neighbor discovery with ICMPv6 code " + (frame[icmp + 1] & 0xFF) + " instead of 0");
        }
        if (InternetChecksum.icmpv6(frame, offset + 8, icmp, payloadLength) != 0) {
            throw new MalformedFrameException("ICMPv6 checksum mismatch");
        }
        IpAddress target = IpAddress.fromBytes(Arrays.copyOfRange(frame, icmp + 8, icmp + 24));
        if (isMulticast(target)) {
            throw new MalformedFrameException("neighbor discovery target " + target + " is multicast");
        }
        Optional<MacAddress> linkLayer = readLinkLayerOption(frame, icmp + MESSAGE_LENGTH, icmp + payloadLength,
                type == NdpMessage.TYPE_NEIGHBOR_SOLICITATION ? OPTION_SOURCE_LINK_LAYER : OPTION_TARGET_LINK_LAYER);
        NdpMessage message;
        if (type == NdpMessage.TYPE_NEIGHBOR_SOLICITATION) {
            boolean unspecified = source.high() == 0 && source.low() == 0;
            if (unspecified && (linkLayer.isPresent() || !isSolicitedNodeMulticast(destination))) {
                throw new MalformedFrameException("duplicate address detection probe with a source link-layer option "
                        + "or a destination other than a solicited-node group");
            }
            message = new NdpMessage.NeighborSolicitation(target, linkLayer);
        } else {
            int flags = frame[icmp + 4] & 0xFF;
            boolean solicited = (flags & 0x40) != 0;
            if (solicited && isMulticast(destination)) {
                throw new MalformedFrameException("solicited neighbor advertisement sent to a multicast group");
            }
            message = new NdpMessage.NeighborAdvertisement((flags & 0x80) != 0, solicited, (flags & 0x20) != 0,
                    target, linkLayer);
        }
        return Optional.of(new NdpPacket(source, destination, hopLimit, message));
    }

    /** The whole Ethernet frame carrying this packet, checksum computed. */
    byte[] toFrame(MacAddress ethernetDestination, MacAddress ethernetSource) {
        Optional<MacAddress> linkLayer = message instanceof NdpMessage.NeighborSolicitation solicitation
                ? solicitation.sourceLinkLayerAddress()
                : ((NdpMessage.NeighborAdvertisement) message).targetLinkLayerAddress();
        int icmpLength = MESSAGE_LENGTH + (linkLayer.isPresent() ? 8 : 0);
        byte[] frame = new byte[EthernetHeader.LENGTH + IPV6_HEADER_LENGTH + icmpLength];
        new EthernetHeader(ethernetDestination, ethernetSource, EthernetHeader.ETHERTYPE_IPV6).encode(frame);
        int ip = EthernetHeader.LENGTH;
        frame[ip] = 0x60;
        frame[ip + 4] = (byte) (icmpLength >>> 8);
        frame[ip + 5] = (byte) icmpLength;
        frame[ip + 6] = NEXT_HEADER_ICMPV6;
        frame[ip + 7] = (byte) hopLimit;
        System.arraycopy(source.toBytes(), 0, frame, ip + 8, 16);
        System.arraycopy(destination.toBytes(), 0, frame, ip + 24, 16);
        int icmp = ip + IPV6_HEADER_LENGTH;
        if (message instanceof NdpMessage.NeighborAdvertisement advertisement) {
            frame[icmp] = (byte) NdpMessage.TYPE_NEIGHBOR_ADVERTISEMENT;
            frame[icmp + 4] = (byte) ((advertisement.router() ? 0x80 : 0) | (advertisement.solicited() ? 0x40 : 0)
                    | (advertisement.override() ? 0x20 : 0));
        } else {
            frame[icmp] = (byte) NdpMessage.TYPE_NEIGHBOR_SOLICITATION;
        }
        System.arraycopy(message.target().toBytes(), 0, frame, icmp + 8, 16);
        if (linkLayer.isPresent()) {
            frame[icmp + 24] = (byte) (message instanceof NdpMessage.NeighborSolicitation
                    ? OPTION_SOURCE_LINK_LAYER : OPTION_TARGET_LINK_LAYER);
            frame[icmp + 25] = 1;
            linkLayer.get().write(frame, icmp + 26);
        }
        int checksum = InternetChecksum.icmpv6(frame, ip + 8, icmp, icmpLength);
        frame[icmp + 2] = (byte) (checksum >>> 8);
        frame[icmp + 3] = (byte) checksum;
        return frame;
    }

    /** True for ff00::/8. */
    static boolean isMulticast(IpAddress address) {
        return !address.isIpv4() && (address.high() >>> 56) == 0xFF;
    }

    /** The solicited-node multicast group of {@code address}: ff02::1:ffXX:XXXX (RFC 4291 §2.7.1). */
    static IpAddress solicitedNodeGroup(IpAddress address) {
        return IpAddress.ipv6(0xFF02_0000_0000_0000L, 0x0000_0001_FF00_0000L | (address.low() & 0xFF_FFFFL));
    }

    private static boolean isSolicitedNodeMulticast(IpAddress address) {
        return address.high() == 0xFF02_0000_0000_0000L && (address.low() & 0xFFFF_FFFF_FF00_0000L) == 0x0000_0001_FF00_0000L;
    }

    private static Optional<MacAddress> readLinkLayerOption(byte[] frame, int start, int end, int wantedType)
            throws MalformedFrameException {
        Optional<MacAddress> found = Optional.empty();
        int at = start;
        while (at < end) {
            if (end - at < 2) {
                throw new MalformedFrameException("truncated neighbor discovery option at byte " + (at - start));
            }
            int type = frame[at] & 0xFF;
            int length = (frame[at + 1] & 0xFF) * 8;
            if (length == 0) {
                throw new MalformedFrameException("neighbor discovery option of type " + type + " with length 0");
            }
            if (at + length > end) {
                throw new MalformedFrameException("neighbor discovery option of type " + type + " runs past the packet");
            }
            if (type == wantedType && length >= 8) {
                found = Optional.of(MacAddress.read(frame, at + 2));
            }
            at += length;
        }
        return found;
    }

    private static int u16(byte[] bytes, int offset) {
        return ((bytes[offset] & 0xFF) << 8) | (bytes[offset + 1] & 0xFF);
    }
}
