package io.barelb.api.net;

import java.util.Objects;

/**
 * The addresses from {@code first} to {@code last}, both included, of one family: one span of consecutive
 * addresses. Immutable and thread-safe.
 *
 * @param first the lowest address
 * @param last  the highest address, of the same family, not below {@code first}
 * @since 0.2
 */
public record IpRange(IpAddress first, IpAddress last) {

    /**
     * @throws IllegalArgumentException if the ends are of different families or {@code last} is below {@code first}
     */
    public IpRange {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(last, "last");
        if (first.family() != last.family() || first.compareTo(last) > 0) {
            throw new IllegalArgumentException(first + "-" + last + " is not a range");
        }
    }

    /** The range of one address. */
    public static IpRange of(IpAddress address) {
        return new IpRange(address, address);
    }

    /** The family of both ends. */
    public IpFamily family() {
        return first.family();
    }

    /** True if {@code address} lies between the ends (of the same family). */
    public boolean contains(IpAddress address) {
        return address.family() == family() && first.compareTo(address) <= 0 && address.compareTo(last) <= 0;
    }

    /** True if the two ranges share at least one address. */
    public boolean overlaps(IpRange other) {
        return family() == other.family() && first.compareTo(other.last) <= 0 && other.first.compareTo(last) <= 0;
    }

    /** {@code FIRST-LAST}, or the one address when both ends are equal. */
    @Override
    public String toString() {
        return first.equals(last) ? first.toString() : first + "-" + last;
    }
}
