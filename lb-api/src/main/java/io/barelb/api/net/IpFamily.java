package io.barelb.api.net;

/** The two IP address families, with their bit widths. */
public enum IpFamily {
    IPV4(32),
    IPV6(128);

    private final int bits;

    IpFamily(int bits) {
        this.bits = bits;
    }

    /** Number of bits in an address of this family: 32 or 128. */
    public int bits() {
        return bits;
    }

    /** The family name the way Kubernetes spells it in {@code spec.ipFamilies}: {@code IPv4} or {@code IPv6}. */
    public String kubernetesName() {
        return this == IPV4 ? "IPv4" : "IPv6";
    }

    /**
     * Parses a Kubernetes family name ({@code IPv4}, {@code IPv6}), ignoring case.
     *
     * @throws IllegalArgumentException naming the value when it is neither
     */
    public static IpFamily fromKubernetesName(String name) {
        if ("ipv4".equalsIgnoreCase(name)) {
            return IPV4;
        }
        if ("ipv6".equalsIgnoreCase(name)) {
            return IPV6;
        }
        throw new IllegalArgumentException("unknown IP family \"" + name + "\": expected IPv4 or IPv6");
    }
}
