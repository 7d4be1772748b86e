package io.barelb.announcer.bgp.config;

import java.util.Map;
import java.util.Optional;

/**
 * One BGP community value: a standard community (RFC 1997, {@code A:B}, 16 bits each) or a large community
 * (RFC 8092, {@code large:A:B:C}, 32 bits each). Immutable; ordered as MetalLB orders them (a standard community
 * compares as the large community {@code value:0:0}).
 */
public sealed interface Community extends Comparable<Community> {

    /** The well-known standard communities FRR accepts by name (RFC 1997, 3765, 7999, 8326), by name. */
    Map<String, Long> WELL_KNOWN = Map.of(
            "graceful-shutdown", 0xFFFF_0000L,
            "blackhole", 0xFFFF_029AL,
            "no-export", 0xFFFF_FF01L,
            "no-advertise", 0xFFFF_FF02L,
            "no-export-subconfed", 0xFFFF_FF03L,
            "local-AS", 0xFFFF_FF03L,
            "no-peer", 0xFFFF_FF04L);

    /** The sort key: three unsigned 32-bit parts. */
    long[] key();

    @Override
    default int compareTo(Community other) {
        long[] a = key();
        long[] b = other.key();
        for (int i = 0; i < 3; i++) {
            int c = Long.compare(a[i], b[i]);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /**
     * A standard community.
     *
     * @param value the 32-bit value, {@code A << 16 | B}
     */
    record Standard(long value) implements Community {
        public Standard {
            if (value < 0 || value > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("a standard community is 32 bits: " + value);
            }
        }

        @Override
        public long[] key() {
            return new long[] {value, 0, 0};
        }

        /** {@code A:B}. */
        @Override
        public String toString() {
            return (value >>> 16) + ":" + (value & 0xFFFF);
        }
    }

    /** A large community: global administrator and two local data parts, 32 bits each. */
    record Large(long globalAdministrator, long localData1, long localData2) implements Community {
        public Large {
            for (long part : new long[] {globalAdministrator, localData1, localData2}) {
                if (part < 0 || part > 0xFFFF_FFFFL) {
                    throw new IllegalArgumentException("a large community part is 32 bits: " + part);
                }
            }
        }

        @Override
        public long[] key() {
            return new long[] {globalAdministrator, localData1, localData2};
        }

        /** {@code large:A:B:C}, the form configuration uses. */
        @Override
        public String toString() {
            return "large:" + globalAdministrator + ":" + localData1 + ":" + localData2;
        }
    }

    /**
     * Parses a value the way MetalLB's {@code community.New} does: two parts are a standard community, four parts
     * starting with {@code large} a large one. Anything else is not a value (it may be an alias).
     *
     * @return the community, or empty when the text has neither 2 parts nor 4 parts (then it may be an alias)
     * @throws IllegalArgumentException with the reason, when the text has the shape of a value but a bad part
     */
    static Optional<Community> parse(String text) {
        String[] parts = text.split(":", -1);
        if (parts.length == 2) {
            return Optional.of(new Standard(part(parts[0], 0xFFFF, text) << 16 | part(parts[1], 0xFFFF, text)));
        }
        if (parts.length == 4) {
            if (!parts[0].equals("large")) {
                throw new IllegalArgumentException("is not a large community: write large:A:B:C");
            }
            return Optional.of(new Large(part(parts[1], 0xFFFF_FFFFL, text), part(parts[2], 0xFFFF_FFFFL, text),
                    part(parts[3], 0xFFFF_FFFFL, text)));
        }
        return Optional.empty();
    }

    private static long part(String part, long max, String text) {
        if (part.isEmpty() || part.length() > 10 || !part.chars().allMatch(c -> c >= '0' && c <= '9')
                || Long.parseLong(part) > max) {
            throw new IllegalArgumentException(max == 0xFFFF
                    ? "is not a community: write A:B with each part 0 to 65535, or large:A:B:C"
                    : "is not a large community: write large:A:B:C with each part 0 to 4294967295");
        }
        return Long.parseLong(part);
    }
}
