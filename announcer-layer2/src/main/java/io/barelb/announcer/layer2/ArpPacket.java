package io.barelb.announcer.layer2;

import io.barelb.api.net.IpAddress;
import java.util.Arrays;
import java.util.Objects;

/**
 * An ARP packet for IPv4 over Ethernet (RFC 826). Immutable.
 *
 * <pre>
 *  0       2       4    5    6       8                14         18                24         28
 *  +-------+-------+----+----+-------+----------------+----------+-----------------+----------+
 *  | hrd=1 |pro=800|hln6|pln4|  op   | sender hw (sha)| sender ip| target hw (tha) | target ip|
 *  +-------+-------+----+----+-------+----------------+----------+-----------------+----------+
 * </pre>
 *
 * @param operation             {@link #REQUEST} or {@link #REPLY} (other values are carried, not answered)
 * @param senderHardwareAddress sha
 * @param senderProtocolAddress spa (IPv4)
 * @param targetHardwareAddress tha
 * @param targetProtocolAddress tpa (IPv4)
 */
record ArpPacket(int operation, MacAddress senderHardwareAddress, IpAddress senderProtocolAddress,
                 MacAddress targetHardwareAddress, IpAddress targetProtocolAddress) {

    static final int LENGTH = 28;
    static final int REQUEST = 1;
    static final int REPLY = 2;
    private static final int HARDWARE_ETHERNET = 1;
    private static final int PROTOCOL_IPV4 = 0x0800;

    ArpPacket {
        Objects.requireNonNull(senderHardwareAddress, "senderHardwareAddress");
        Objects.requireNonNull(targetHardwareAddress, "targetHardwareAddress");
        if (!senderProtocolAddress.isIpv4() || !targetProtocolAddress.isIpv4()) {
            throw new IllegalArgumentException("ARP for Ethernet carries IPv4 addresses only");
        }
    }

    /**
     * Reads the ARP packet starting at {@code offset}; bytes after it (Ethernet padding) are ignored.
     *
     * @throws MalformedFrameException if it is too short or not Ethernet/IPv4 ARP
     */
    static ArpPacket decode(byte[] frame, int offset) throws MalformedFrameException {
        if (frame.length - offset < LENGTH) {
            throw new MalformedFrameException("ARP packet of " + (frame.length - offset) + " bytes is shorter than 28");
        }
        int hardware = u16(frame, offset);
        int protocol = u16(frame, offset + 2);
        int hardwareLength = frame[offset + 4] & 0xFF;
        int protocolLength = frame[offset + 5] & 0xFF;
        if (hardware != HARDWARE_ETHERNET || protocol != PROTOCOL_IPV4 || hardwareLength != 6 || protocolLength != 4) {
            throw new MalformedFrameException("ARP packet is not Ethernet/IPv4 (hrd " + hardware + ", pro 0x"
                    + Integer.toHexString(protocol) + ", hln " + hardwareLength + ", pln " + protocolLength + ")");
        }
        return new ArpPacket(u16(frame, offset + 6),
                MacAddress.read(frame, offset + 8),
                IpAddress.fromBytes(Arrays.copyOfRange(frame, offset + 14, offset + 18)),
                MacAddress.read(frame, offset + 18),
                IpAddress.fromBytes(Arrays.copyOfRange(frame, offset + 24, offset + 28)));
    }

    /** Writes the 28 bytes at {@code offset}. */
    void encode(byte[] frame, int offset) {
        frame[offset] = 0;
        frame[offset + 1] = HARDWARE_ETHERNET;
        frame[offset + 2] = (byte) (PROTOCOL_IPV4 >>> 8);
        frame[offset + 3] = 0;
        frame[offset + 4] = 6;
        frame[offset + 5] = 4;
        frame[offset + 6] = (byte) (operation >>> 8);
        frame[offset + 7] = (byte) operation;
        senderHardwareAddress.write(frame, offset + 8);
        System.arraycopy(senderProtocolAddress.toBytes(), 0, frame, offset + 14, 4);
        targetHardwareAddress.write(frame, offset + 18);
        System.arraycopy(targetProtocolAddress.toBytes(), 0, frame, offset + 24, 4);
    }

    /** The whole Ethernet frame carrying this packet (42 bytes; the NIC pads it to 60). */
    byte[] toFrame(MacAddress destination, MacAddress source) {
        byte[] frame = new byte[EthernetHeader.LENGTH + LENGTH];
        new EthernetHeader(destination, source, EthernetHeader.ETHERTYPE_ARP).encode(frame);
        encode(frame, EthernetHeader.LENGTH);
        return frame;
    }

    private static int u16(byte[] bytes, int offset) {
        return ((bytes[offset] & 0xFF) << 8) | (bytes[offset + 1] & 0xFF);
    }
}
