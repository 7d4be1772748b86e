package io.barelb.announcer.bgp.wire;

/**
 * An (AFI, SAFI) pair (RFC 4760 §3). Any pair can be carried as data; this speaker routes only
 * {@link #IPV4_UNICAST} and {@link #IPV6_UNICAST}.
 */
public record AddressFamily(int afi, int safi) {

    public static final int AFI_IPV4 = 1;
    public static final int AFI_IPV6 = 2;
    public static final int SAFI_UNICAST = 1;

    public static final AddressFamily IPV4_UNICAST = new AddressFamily(AFI_IPV4, SAFI_UNICAST);
    public static final AddressFamily IPV6_UNICAST = new AddressFamily(AFI_IPV6, SAFI_UNICAST);

    public AddressFamily {
        if (afi < 0 || afi > 0xFFFF || safi < 0 || safi > 0xFF) {
            throw new IllegalArgumentException("AFI is 2 octets and SAFI 1: " + afi + "/" + safi);
        }
    }

    /** True for the two families whose prefixes this speaker decodes. */
    public boolean isSupportedUnicast() {
        return equals(IPV4_UNICAST) || equals(IPV6_UNICAST);
    }

    @Override
    public String toString() {
        if (equals(IPV4_UNICAST)) {
            return "ipv4-unicast";
        }
        if (equals(IPV6_UNICAST)) {
            return "ipv6-unicast";
        }
        return "afi " + afi + "/safi " + safi;
    }
}
