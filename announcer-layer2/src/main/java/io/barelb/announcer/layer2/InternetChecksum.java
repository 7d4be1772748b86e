package io.barelb.announcer.layer2;

/** The Internet checksum (RFC 1071) as ICMPv6 uses it, over the IPv6 pseudo-header (RFC 8200 §8.1). */
final class InternetChecksum {

    private InternetChecksum() {
    }

    /**
     * The checksum of an ICMPv6 message: 0 when verifying a message whose checksum field is right, the value to
     * write when the field holds 0.
     *
     * @param frame     the bytes
     * @param addresses offset of the 32 bytes of source then destination address
     * @param icmp      offset of the ICMPv6 message
     * @param length    length of the ICMPv6 message
     */
    static int icmpv6(byte[] frame, int addresses, int icmp, int length) {
        long sum = 0;
        for (int i = 0; i < 32; i += 2) {
            sum += ((frame[addresses + i] & 0xFF) << 8) | (frame[addresses + i + 1] & 0xFF);
        }
        sum += length;
        sum += NdpPacket.NEXT_HEADER_ICMPV6;
        for (int i = 0; i + 1 < length; i += 2) {
            sum += ((frame[icmp + i] & 0xFF) << 8) | (frame[icmp + i + 1] & 0xFF);
        }
        if ((length & 1) != 0) {
            sum += (frame[icmp + length - 1] & 0xFF) << 8;
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return (int) (~sum & 0xFFFF);
    }
}
