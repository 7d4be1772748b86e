package io.barelb.announcer.layer2;

/**
 * An Ethernet II header (IEEE 802.3 with an EtherType, RFC 894). Immutable.
 *
 * <pre>
 *  0                 6                 12      14
 *  +-----------------+-----------------+-------+----------
 *  |   destination   |     source      | type  | payload
 *  +-----------------+-----------------+-------+----------
 * </pre>
 *
 * <p>An 802.1Q tagged frame is read with its tag's EtherType ({@code 0x8100}) and so is not ARP or IPv6 to
 * this codec: the responder works on untagged interfaces (a VLAN sub-interface delivers untagged frames).
 */
record EthernetHeader(MacAddress destination, MacAddress source, int etherType) {

    static final int LENGTH = 14;
    static final int ETHERTYPE_ARP = 0x0806;
    static final int ETHERTYPE_IPV6 = 0x86DD;

    /** Reads the header at the start of {@code frame}. */
    static EthernetHeader decode(byte[] frame) throws MalformedFrameException {
        if (frame.length < LENGTH) {
            throw new MalformedFrameException("Ethernet frame of " + frame.length + " bytes is shorter than its 14-byte header");
        }
        return new EthernetHeader(MacAddress.read(frame, 0), MacAddress.read(frame, 6),
                ((frame[12] & 0xFF) << 8) | (frame[13] & 0xFF));
    }

    /** Writes the header into the first 14 bytes of {@code frame}. */
    void encode(byte[] frame) {
        destination.write(frame, 0);
        source.write(frame, 6);
        frame[12] = (byte) (etherType >>> 8);
        frame[13] = (byte) etherType;
    }
}
