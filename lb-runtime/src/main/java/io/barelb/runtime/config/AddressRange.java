package io.barelb.runtime.config;

import io.barelb.api.net.IpAddress;
import io.barelb.api.net.IpFamily;
import io.barelb.api.net.IpPrefix;
import io.barelb.api.net.IpRange;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The addresses from {@code first} to {@code last} inclusive, of one family: one span of a pool entry, with the
 * arithmetic the validator needs (syntax-only parsing when no IPAM plugin is given, counting, CIDR cover).
 * Immutable.
 */
record AddressRange(IpAddress first, IpAddress last) {

    AddressRange {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(last, "last");
        if (first.family() != last.family() || first.compareTo(last) > 0) {
            throw new IllegalArgumentException(first + "-" + last + " is not a range");
        }
    }

    /**
     * Parses a pool entry: a CIDR ({@code 192.0.2.0/24}) or a range ({@code 192.0.2.10-192.0.2.20}).
     *
     * @throws IllegalArgumentException with the reason, phrased to complete "entry X: ..."
     */
    static AddressRange parse(String entry) {
        String text = entry.trim();
        if (text.indexOf('/') >= 0) {
            IpPrefix prefix;
            try {
                prefix = IpPrefix.parse(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("invalid CIDR: " + e.getMessage());
            }
            return new AddressRange(prefix.first(), prefix.last());
        }
        int dash = text.indexOf('-');
        if (dash < 0) {
            throw new IllegalArgumentException("is neither a CIDR (192.0.2.0/24) nor a range (192.0.2.10-192.0.2.20);"
                    + " for a single address write it as /32 or /128");
        }
        IpAddress first = IpAddress.tryParse(text.substring(0, dash).trim());
        IpAddress last = IpAddress.tryParse(text.substring(dash + 1).trim());
        if (first == null || last == null) {
            throw new IllegalArgumentException("invalid range: \"" + (first == null ? text.substring(0, dash).trim()
                    : text.substring(dash + 1).trim()) + "\" is not an IP address");
        }
        if (first.family() != last.family()) {
            throw new IllegalArgumentException("invalid range: both ends must be of the same IP family");
        }
        if (first.compareTo(last) > 0) {
            throw new IllegalArgumentException("invalid range: the first address is after the last");
        }
        return new AddressRange(first, last);
    }

    IpFamily family() {
        return first.family();
    }

    /** The same addresses as the SPI's value. */
    IpRange span() {
        return new IpRange(first, last);
    }

    /** The range of {@code span}. */
    static AddressRange of(IpRange span) {
        return new AddressRange(span.first(), span.last());
    }

    /** The number of addresses; with {@code avoidBuggyIps}, IPv4 addresses ending in .0 or .255 are not counted. */
    BigInteger size(boolean avoidBuggyIps) {
        BigInteger low = value(first);
        BigInteger high = value(last);
        BigInteger count = high.subtract(low).add(BigInteger.ONE);
        if (avoidBuggyIps && family() == IpFamily.IPV4) {
            count = count.subtract(countEnding(low, high, 0)).subtract(countEnding(low, high, 255));
        }
        return count;
    }

    /** The smallest list of CIDR prefixes that together cover exactly this range, in order. */
    List<IpPrefix> toPrefixes() {
        int bits = family().bits();
        List<IpPrefix> result = new ArrayList<>();
        BigInteger low = value(first);
        BigInteger high = value(last);
        while (low.compareTo(high) <= 0) {
            int hostBits = low.signum() == 0 ? bits : low.getLowestSetBit();
            hostBits = Math.min(hostBits, bits);
            while (hostBits > 0 && low.add(BigInteger.ONE.shiftLeft(hostBits)).subtract(BigInteger.ONE).compareTo(high) > 0) {
                hostBits--;
            }
            result.add(new IpPrefix(address(low), bits - hostBits));
            low = low.add(BigInteger.ONE.shiftLeft(hostBits));
        }
        return result;
    }

    private IpAddress address(BigInteger value) {
        long lowBits = value.longValue();
        long highBits = value.shiftRight(64).longValue();
        return IpAddress.of(family(), highBits, lowBits);
    }

    private static BigInteger countEnding(BigInteger low, BigInteger high, int octet) {
        BigInteger block = BigInteger.valueOf(256);
        BigInteger shift = BigInteger.valueOf(octet);
        // numbers x in [low, high] with x mod 256 == octet: floor((high - octet)/256) - floor((low - 1 - octet)/256)
        return floorDiv(high.subtract(shift), block).subtract(floorDiv(low.subtract(BigInteger.ONE).subtract(shift), block));
    }

    private static BigInteger floorDiv(BigInteger a, BigInteger b) {
        BigInteger[] qr = a.divideAndRemainder(b);
        return qr[1].signum() < 0 ? qr[0].subtract(BigInteger.ONE) : qr[0];
    }

    static BigInteger value(IpAddress address) {
        return new BigInteger(1, address.toBytes());
    }

    @Override
    public String toString() {
        return first + "-" + last;
    }
}
