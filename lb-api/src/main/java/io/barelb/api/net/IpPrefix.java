package io.barelb.api.net;

import java.math.BigInteger;

/**
 * A CIDR prefix such as {@code 192.0.2.0/24} or {@code 2001:db8::/64}: immutable and thread-safe.
 *
 * <p>The network address always has its host bits cleared; {@link #parse(String)} refuses text whose host
 * bits are set only when asked to be strict, and otherwise masks them, the way Kubernetes and MetalLB read
 * pool CIDRs.
 *
 * @param network the first address of the prefix (host bits zero)
 * @param length  the prefix length, 0 to the family's bit width
 */
public record IpPrefix(IpAddress network, int length) {

    public IpPrefix {
        if (length < 0 || length > network.family().bits()) {
            throw new IllegalArgumentException("prefix length " + length + " is outside 0-" + network.family().bits()
                    + " for " + network.family());
        }
        network = mask(network, length);
    }

    /** The prefix of one address: /32 or /128. */
    public static IpPrefix host(IpAddress address) {
        return new IpPrefix(address, address.family().bits());
    }

    /**
     * Parses {@code address/length}; host bits set in the address are cleared.
     *
     * @throws IllegalArgumentException naming the text and what is wrong with it
     */
    public static IpPrefix parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("\"" + text + "\" is not a CIDR prefix: expected ADDRESS/LENGTH");
        }
        IpAddress address = IpAddress.tryParse(text.substring(0, slash).trim());
        if (address == null) {
            throw new IllegalArgumentException("\"" + text + "\" is not a CIDR prefix: \""
                    + text.substring(0, slash).trim() + "\" is not an IP address");
        }
        String lengthText = text.substring(slash + 1).trim();
        int length = -1;
        // ASCII digits only: Integer.parseInt alone would take a sign and non-ASCII digits
        if (!lengthText.isEmpty() && lengthText.length() <= 3 && lengthText.chars().allMatch(c -> c >= '0' && c <= '9')) {
            length = Integer.parseInt(lengthText);
        }
        if (length < 0 || length > address.family().bits()) {
            throw new IllegalArgumentException("\"" + text + "\" is not a CIDR prefix: length \"" + lengthText
                    + "\" must be 0-" + address.family().bits() + " for " + address.family().kubernetesName());
        }
        return new IpPrefix(address, length);
    }

    /** This prefix's family. */
    public IpFamily family() {
        return network.family();
    }

    /** Number of host bits: the family's width minus the length. */
    public int hostBits() {
        return family().bits() - length;
    }

    /** The first address (the network address). */
    public IpAddress first() {
        return network;
    }

    /** The last address (all host bits set). */
    public IpAddress last() {
        int hostBits = hostBits();
        long highOnes = hostBits >= 64 ? ones(hostBits - 64) : 0;
        long lowOnes = hostBits >= 64 ? -1L : ones(hostBits);
        return IpAddress.of(family(), network.high() | highOnes, network.low() | lowOnes);
    }

    /** The number of addresses in the prefix, which may exceed a {@code long} for IPv6. */
    public BigInteger size() {
        return BigInteger.ONE.shiftLeft(hostBits());
    }

    /** True if {@code address} is of this family and inside the prefix. */
    public boolean contains(IpAddress address) {
        return address.family() == family() && mask(address, length).equals(network);
    }

    /** True if the two prefixes share at least one address. */
    public boolean overlaps(IpPrefix other) {
        return family() == other.family() && (contains(other.network) || other.contains(network));
    }

    @Override
    public String toString() {
        return network + "/" + length;
    }

    private static IpAddress mask(IpAddress address, int length) {
        int bits = address.family().bits();
        int hostBits = bits - length;
        long highMask = hostBits >= 64 ? ~ones(hostBits - 64) : -1L;
        long lowMask = hostBits >= 64 ? 0 : ~ones(hostBits);
        if (address.isIpv4()) {
            lowMask &= 0xFFFF_FFFFL;
        }
        long high = address.high() & highMask;
        long low = address.low() & lowMask;
        // already the network (a host prefix, say): the same object, not an equal copy
        return high == address.high() && low == address.low() ? address : IpAddress.of(address.family(), high, low);
    }

    /** A long with the lowest {@code n} bits set, 0 ≤ n ≤ 64. */
    private static long ones(int n) {
        return n >= 64 ? -1L : (1L << n) - 1;
    }
}
