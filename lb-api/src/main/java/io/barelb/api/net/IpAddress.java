package io.barelb.api.net;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An IPv4 or IPv6 address as a value: immutable, thread-safe, ordered (IPv4 before IPv6, then numerically).
 *
 * <p>The address is held as an unsigned 128-bit number in two {@code long}s; an IPv4 address uses only the
 * low 32 bits. Parsing never consults DNS: {@link #parse(String)} accepts only literals, dotted quad for IPv4
 * and RFC 4291 text (with {@code ::} and an embedded dotted quad) for IPv6. {@link #toString()} writes the
 * RFC 5952 canonical form.
 */
public final class IpAddress implements Comparable<IpAddress> {

    private final IpFamily family;
    private final long high;
    private final long low;

    private IpAddress(IpFamily family, long high, long low) {
        this.family = family;
        this.high = high;
        this.low = low;
    }

    /** The IPv4 address whose 32 bits are {@code bits} (unsigned). */
    public static IpAddress ipv4(int bits) {
        return new IpAddress(IpFamily.IPV4, 0, bits & 0xFFFF_FFFFL);
    }

    /** The IPv6 address whose upper and lower 64 bits are given. */
    public static IpAddress ipv6(long high, long low) {
        return new IpAddress(IpFamily.IPV6, high, low);
    }

    /** The address of {@code family} whose value is {@code high:low}; for IPv4 only the low 32 bits may be set. */
    public static IpAddress of(IpFamily family, long high, long low) {
        if (family == IpFamily.IPV4 && (high != 0 || (low >>> 32) != 0)) {
            throw new IllegalArgumentException("value does not fit in 32 bits for an IPv4 address");
        }
        return new IpAddress(family, high, low);
    }

    /** The address whose network-order bytes are given (4 or 16 of them). */
    public static IpAddress fromBytes(byte[] bytes) {
        if (bytes.length == 4) {
            return ipv4(((bytes[0] & 0xFF) << 24) | ((bytes[1] & 0xFF) << 16) | ((bytes[2] & 0xFF) << 8) | (bytes[3] & 0xFF));
        }
        if (bytes.length == 16) {
            return ipv6(readLong(bytes, 0), readLong(bytes, 8));
        }
        throw new IllegalArgumentException("an IP address has 4 or 16 bytes, not " + bytes.length);
    }

    /** The address of a JDK {@link InetAddress} (an IPv4-mapped IPv6 address stays IPv6). */
    public static IpAddress fromInetAddress(InetAddress address) {
        return fromBytes(address.getAddress());
    }

    /**
     * Parses an IPv4 or IPv6 literal.
     *
     * @throws IllegalArgumentException with the offending text when it is not a literal address
     */
    public static IpAddress parse(String text) {
        IpAddress parsed = tryParse(text);
        if (parsed == null) {
            throw new IllegalArgumentException("\"" + text + "\" is not an IPv4 or IPv6 address");
        }
        return parsed;
    }

    /** Like {@link #parse(String)} but returns {@code null} for text that is not an address. */
    public static IpAddress tryParse(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        if (text.indexOf(':') >= 0) {
            return parseIpv6(text);
        }
        long v4 = parseIpv4(text, 0, text.length());
        return v4 < 0 ? null : new IpAddress(IpFamily.IPV4, 0, v4);
    }

    /** This address's family. */
    public IpFamily family() {
        return family;
    }

    /** True for IPv4. */
    public boolean isIpv4() {
        return family == IpFamily.IPV4;
    }

    /** The upper 64 bits (always 0 for IPv4). */
    public long high() {
        return high;
    }

    /** The lower 64 bits (the 32-bit value, zero-extended, for IPv4). */
    public long low() {
        return low;
    }

    /** The network-order bytes: 4 for IPv4, 16 for IPv6. A new array each call. */
    public byte[] toBytes() {
        if (isIpv4()) {
            return new byte[] {(byte) (low >>> 24), (byte) (low >>> 16), (byte) (low >>> 8), (byte) low};
        }
        byte[] bytes = new byte[16];
        writeLong(bytes, 0, high);
        writeLong(bytes, 8, low);
        return bytes;
    }

    /** The JDK form of this address; no DNS look-up happens. */
    public InetAddress toInetAddress() {
        try {
            return InetAddress.getByAddress(toBytes());
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /**
     * The address {@code delta} (unsigned) after this one, in the same family.
     *
     * @throws ArithmeticException if the result passes the family's last address
     */
    public IpAddress plus(long delta) {
        long newLow = low + delta;
        long carry = Long.compareUnsigned(newLow, low) < 0 ? 1 : 0;
        long newHigh = high + carry;
        if (isIpv4() ? (newLow >>> 32) != 0 || carry != 0 : carry != 0 && newHigh == 0) {
            throw new ArithmeticException(this + " + " + Long.toUnsignedString(delta) + " overflows " + family);
        }
        return new IpAddress(family, newHigh, newLow);
    }

    /**
     * The unsigned distance {@code this - base}, for addresses of one family no more than 2^64 - 1 apart.
     *
     * @throws IllegalArgumentException if the families differ, {@code base} is greater, or the distance overflows
     */
    public long minus(IpAddress base) {
        requireSameFamily(base);
        if (compareTo(base) < 0) {
            throw new IllegalArgumentException(this + " is below " + base);
        }
        long diffLow = low - base.low;
        long borrow = Long.compareUnsigned(low, base.low) < 0 ? 1 : 0;
        long diffHigh = high - base.high - borrow;
        if (diffHigh != 0) {
            throw new IllegalArgumentException(this + " is more than 2^64 - 1 above " + base);
        }
        return diffLow;
    }

    void requireSameFamily(IpAddress other) {
        if (other.family != family) {
            throw new IllegalArgumentException(this + " and " + other + " are of different families");
        }
    }

    @Override
    public int compareTo(IpAddress other) {
        int byFamily = family.compareTo(other.family);
        if (byFamily != 0) {
            return byFamily;
        }
        int byHigh = Long.compareUnsigned(high, other.high);
        return byHigh != 0 ? byHigh : Long.compareUnsigned(low, other.low);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IpAddress other && other.family == family && other.high == high && other.low == low;
    }

    @Override
    public int hashCode() {
        // no boxing: addresses are hash keys on the allocator's hot path
        long mixed = (high * 0x9E3779B97F4A7C15L + low) * 0xC2B2AE3D27D4EB4FL + family.ordinal();
        return (int) (mixed ^ (mixed >>> 32));
    }

    /**
     * Dotted quad for IPv4; RFC 5952 canonical text for IPv6 (lower case, longest zero run as {@code ::}, IPv4-mapped
     * addresses as {@code ::ffff:192.0.2.1}).
     */
    @Override
    public String toString() {
        if (isIpv4()) {
            return (low >>> 24) + "." + ((low >>> 16) & 0xFF) + "." + ((low >>> 8) & 0xFF) + "." + (low & 0xFF);
        }
        if (high == 0 && (low >>> 32) == 0xFFFFL) {
            // RFC 5952 section 5: IPv4-mapped addresses are written with the dotted quad
            return "::ffff:" + ((low >>> 24) & 0xFF) + "." + ((low >>> 16) & 0xFF) + "." + ((low >>> 8) & 0xFF) + "."
                    + (low & 0xFF);
        }
        int[] groups = new int[8];
        for (int i = 0; i < 4; i++) {
            groups[i] = (int) ((high >>> (48 - 16 * i)) & 0xFFFF);
            groups[i + 4] = (int) ((low >>> (48 - 16 * i)) & 0xFFFF);
        }
        int bestStart = -1;
        int bestLength = 1; // RFC 5952 4.2.2: a single zero group is not shortened
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder text = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }

    /** Parses a dotted quad in {@code text[from, to)}; returns -1 if it is not one. Leading zeros are refused. */
    private static long parseIpv4(String text, int from, int to) {
        long value = 0;
        int octets = 0;
        int i = from;
        while (i <= to) {
            int start = i;
            int octet = 0;
            while (i < to && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
                octet = octet * 10 + (text.charAt(i) - '0');
                i++;
                if (i - start > 3) {
                    return -1;
                }
            }
            int digits = i - start;
            if (digits == 0 || octet > 255 || (digits > 1 && text.charAt(start) == '0')) {
                return -1;
            }
            value = (value << 8) | octet;
            octets++;
            if (i == to) {
                break;
            }
            if (text.charAt(i) != '.' || octets == 4) {
                return -1;
            }
            i++;
        }
        return octets == 4 ? value : -1;
    }

    private static IpAddress parseIpv6(String text) {
        int[] groups = new int[8];
        int count = 0;
        int gap = -1;
        int length = text.length();
        int i = 0;
        if (text.startsWith("::")) {
            gap = 0;
            i = 2;
            if (length == 2) {
                return new IpAddress(IpFamily.IPV6, 0, 0);
            }
        } else if (text.charAt(0) == ':') {
            return null;
        }
        while (i < length) {
            if (count == 8) {
                return null;
            }
            int start = i;
            int value = 0;
            while (i < length && hexDigit(text.charAt(i)) >= 0 && i - start < 4) {
                value = (value << 4) | hexDigit(text.charAt(i));
                i++;
            }
            if (i < length && text.charAt(i) == '.') {
                // embedded dotted quad: takes the last two groups
                long v4 = parseIpv4(text, start, length);
                if (v4 < 0 || count > 6) {
                    return null;
                }
                groups[count++] = (int) (v4 >>> 16);
                groups[count++] = (int) (v4 & 0xFFFF);
                i = length;
                break;
            }
            if (i == start) {
                return null;
            }
            groups[count++] = value;
            if (i == length) {
                break;
            }
            if (text.charAt(i) != ':') {
                return null;
            }
            i++;
            if (i < length && text.charAt(i) == ':') {
                if (gap >= 0) {
                    return null;
                }
                gap = count;
                i++;
            } else if (i == length) {
                return null; // trailing single colon
            }
        }
        if (gap < 0 && count != 8 || gap >= 0 && count > 7) {
            return null;
        }
        int[] full = new int[8];
        if (gap < 0) {
            full = groups;
        } else {
            int tail = count - gap;
            System.arraycopy(groups, 0, full, 0, gap);
            System.arraycopy(groups, gap, full, 8 - tail, tail);
        }
        long high = 0;
        long low = 0;
        for (int g = 0; g < 4; g++) {
            high = (high << 16) | full[g];
            low = (low << 16) | full[g + 4];
        }
        return new IpAddress(IpFamily.IPV6, high, low);
    }

    /** The value of an ASCII hex digit, or -1 ({@link Character#digit} would also accept non-ASCII digits). */
    private static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    private static long readLong(byte[] bytes, int offset) {
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (bytes[offset + i] & 0xFF);
        }
        return value;
    }

    private static void writeLong(byte[] bytes, int offset, long value) {
        for (int i = 7; i >= 0; i--) {
            bytes[offset + i] = (byte) value;
            value >>>= 8;
        }
    }
}
