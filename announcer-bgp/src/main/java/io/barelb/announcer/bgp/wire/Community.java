package io.barelb.announcer.bgp.wire;

/** A community of RFC 1997: two 2-octet halves, written {@code AS:value}. */
public record Community(int asn, int value) {

    public Community {
        if (asn < 0 || asn > 0xFFFF || value < 0 || value > 0xFFFF) {
            throw new IllegalArgumentException("a community is two 16-bit halves: " + asn + ":" + value);
        }
    }

    /** The community whose 32 bits are {@code bits}. */
    public static Community fromBits(long bits) {
        return new Community((int) ((bits >>> 16) & 0xFFFF), (int) (bits & 0xFFFF));
    }

    /** The 32-bit value. */
    public long bits() {
        return ((long) asn << 16) | value;
    }

    @Override
    public String toString() {
        return asn + ":" + value;
    }
}
