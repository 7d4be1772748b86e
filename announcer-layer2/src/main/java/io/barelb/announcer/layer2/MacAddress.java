package io.barelb.announcer.layer2;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * An IEEE 802 MAC address (6 bytes). Immutable value; the bytes are copied in and out.
 */
record MacAddress(byte[] bytes) {

    static final MacAddress BROADCAST = new MacAddress(new byte[] {-1, -1, -1, -1, -1, -1});
    static final MacAddress ZERO = new MacAddress(new byte[6]);

    MacAddress {
        if (bytes.length != 6) {
            throw new IllegalArgumentException("a MAC address has 6 bytes, not " + bytes.length);
        }
        bytes = bytes.clone();
    }

    /** Parses {@code aa:bb:cc:dd:ee:ff} (or with dashes). */
    static MacAddress parse(String text) {
        String[] parts = text.trim().split("[:-]");
        if (parts.length != 6) {
            throw new IllegalArgumentException("\"" + text + "\" is not a MAC address (expected aa:bb:cc:dd:ee:ff)");
        }
        byte[] bytes = new byte[6];
        for (int i = 0; i < 6; i++) {
            if (parts[i].length() != 2) {
                throw new IllegalArgumentException("\"" + text + "\" is not a MAC address (expected aa:bb:cc:dd:ee:ff)");
            }
            bytes[i] = (byte) HexFormat.fromHexDigits(parts[i]);
        }
        return new MacAddress(bytes);
    }

    /** Reads 6 bytes at {@code offset}. */
    static MacAddress read(byte[] frame, int offset) {
        return new MacAddress(Arrays.copyOfRange(frame, offset, offset + 6));
    }

    /** The IPv6 multicast MAC for a group address: 33:33 then the group's last 4 bytes (RFC 2464 §7). */
    static MacAddress ipv6Multicast(byte[] group) {
        return new MacAddress(new byte[] {0x33, 0x33, group[12], group[13], group[14], group[15]});
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Writes the 6 bytes at {@code offset}. */
    void write(byte[] frame, int offset) {
        System.arraycopy(bytes, 0, frame, offset, 6);
    }

    /** True for a group address (I/G bit set), broadcast included. */
    boolean isMulticast() {
        return (bytes[0] & 1) != 0;
    }

    boolean isBroadcast() {
        return equals(BROADCAST);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MacAddress mac && Arrays.equals(bytes, mac.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return HexFormat.ofDelimiter(":").formatHex(bytes);
    }
}
