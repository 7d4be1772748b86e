package io.barelb.runtime.allocator;

import static org.assertj.core.api.Assertions.assertThat;

import io.barelb.api.net.IpAddress;
import io.barelb.api.net.IpRange;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Overlap is judged by each entry's spans, never by its first and last address. */
class OverlapsTest {

    /** A pool entry in these tests: a name and its spans, written {@code FIRST-LAST} or one address. */
    private record E(String name, List<IpRange> spans) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static E entry(String name, String... spans) {
        List<IpRange> ranges = new ArrayList<>();
        for (String span : spans) {
            String[] ends = span.split("-");
            ranges.add(new IpRange(IpAddress.parse(ends[0]), IpAddress.parse(ends[ends.length - 1])));
        }
        return new E(name, List.copyOf(ranges));
    }

    private static List<String> pairs(E... entries) {
        return Overlaps.find(List.of(entries), E::spans).stream().map(p -> p.earlier() + "<" + p.later()).toList();
    }

    @Test
    void anEntryInsideTheGapOfAScatteredEntryDoesNotOverlapIt() {
        E scattered = entry("scattered", "192.0.2.10-192.0.2.11", "192.0.2.99");
        E between = entry("between", "192.0.2.12-192.0.2.98");

        assertThat(pairs(scattered, between)).isEmpty();
        assertThat(pairs(between, scattered)).isEmpty();
    }

    @Test
    void sharingOneAddressOverlapsAndTheEntryWrittenLaterIsTheOneReported() {
        E scattered = entry("scattered", "192.0.2.10-192.0.2.11", "192.0.2.99");
        E tail = entry("tail", "192.0.2.90-192.0.2.99");

        assertThat(pairs(scattered, tail)).containsExactly("scattered<tail");
        // written first, though its spans start later than tail's: still the earlier of the pair
        assertThat(pairs(tail, scattered)).containsExactly("tail<scattered");
    }

    @Test
    void twoEntriesSharingSeveralSpansArePairedOnce() {
        E a = entry("a", "192.0.2.1-192.0.2.5", "192.0.2.20-192.0.2.25");
        E b = entry("b", "192.0.2.4-192.0.2.6", "192.0.2.21");

        assertThat(pairs(a, b)).containsExactly("a<b");
    }

    @Test
    void aLongSpanIsComparedWithEveryShortSpanStartingInsideIt() {
        E wide = entry("wide", "192.0.2.0-192.0.2.255");
        E first = entry("first", "192.0.2.10");
        E second = entry("second", "192.0.2.200-192.0.2.201");

        assertThat(pairs(wide, first, second)).containsExactly("wide<first", "wide<second");
    }

    @Test
    void adjacentSpansDoNotOverlapAndFamiliesNeverDo() {
        E low = entry("low", "192.0.2.0-192.0.2.127");
        E high = entry("high", "192.0.2.128-192.0.2.255");
        E v6 = entry("v6", "::-::ffff:ffff");

        assertThat(pairs(low, high, v6)).isEmpty();
    }

    @Test
    void theSpansOfOneEntryAreNotComparedWithEachOther() {
        E touching = entry("touching", "192.0.2.1-192.0.2.3", "192.0.2.3-192.0.2.4");

        assertThat(pairs(touching)).isEmpty();
    }

    /**
     * Seeded random entries of up to three disjoint spans each, over a small space of both families, checked
     * against comparing every address: every reported pair shares one, each pair is reported once with the entry
     * written first as the earlier, and every entry sharing an address with another is in a reported pair.
     */
    @Test
    void agreesWithComparingEveryAddress() {
        Random random = new Random(20261202L);
        for (int round = 0; round < 500; round++) {
            List<E> entries = new ArrayList<>();
            List<Set<IpAddress>> members = new ArrayList<>();
            int count = 1 + random.nextInt(6);
            for (int i = 0; i < count; i++) {
                String base = random.nextInt(4) == 0 ? "2001:db8::" : "192.0.2.";
                TreeSet<Integer> points = new TreeSet<>();
                int spans = 1 + random.nextInt(3);
                while (points.size() < 2 * spans) {
                    points.add(random.nextInt(40));
                }
                List<Integer> ends = new ArrayList<>(points);
                List<String> texts = new ArrayList<>();
                Set<IpAddress> addresses = new HashSet<>();
                for (int s = 0; s < spans; s++) {
                    int from = ends.get(2 * s);
                    int to = ends.get(2 * s + 1) - 1;
                    texts.add(base + from + "-" + base + to);
                    for (int a = from; a <= to; a++) {
                        addresses.add(IpAddress.parse(base + a));
                    }
                }
                entries.add(entry("e" + i, texts.toArray(String[]::new)));
                members.add(addresses);
            }

            List<Overlaps.Pair<E>> found = Overlaps.find(entries, E::spans);

            Set<String> seen = new HashSet<>();
            Set<Integer> reported = new HashSet<>();
            for (Overlaps.Pair<E> pair : found) {
                int earlier = entries.indexOf(pair.earlier());
                int later = entries.indexOf(pair.later());
                assertThat(earlier).as("round %d: %s", round, entries).isLessThan(later);
                assertThat(seen.add(earlier + "<" + later)).as("round %d: reported twice", round).isTrue();
                assertThat(shared(members.get(earlier), members.get(later))).as("round %d: %s", round, entries).isTrue();
                reported.add(earlier);
                reported.add(later);
            }
            for (int i = 0; i < entries.size(); i++) {
                for (int j = 0; j < entries.size(); j++) {
                    if (i != j && shared(members.get(i), members.get(j))) {
                        assertThat(reported).as("round %d: %s overlaps %s in %s", round, entries.get(i), entries.get(j),
                                entries).contains(i);
                    }
                }
            }
        }
    }

    private static boolean shared(Set<IpAddress> a, Set<IpAddress> b) {
        return a.stream().anyMatch(b::contains);
    }
}
