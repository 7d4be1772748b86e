package io.barelb.api.ipam.block;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class OffsetPoolTest {

    @Test
    void handsOutLowestFirstAndReusesTheLowestFreed() {
        OffsetPool pool = new OffsetPool(10, false, 0);
        for (int i = 0; i < 10; i++) {
            assertThat(pool.allocate()).isEqualTo(i);
        }
        assertThat(pool.allocate()).isEqualTo(-1);
        assertThat(pool.release(7)).isTrue();
        assertThat(pool.release(3)).isTrue();
        assertThat(pool.release(3)).isFalse();
        assertThat(pool.allocate()).isEqualTo(3);
        assertThat(pool.allocate()).isEqualTo(7);
        assertThat(pool.taken()).isEqualTo(10);
    }

    @Test
    void reservedOffsetsAboveTheMarkAreSkipped() {
        OffsetPool pool = new OffsetPool(1L << 62, false, 0);
        assertThat(pool.reserve(1)).isTrue();
        assertThat(pool.reserve(1)).isFalse();
        assertThat(pool.reserve(2)).isTrue();
        assertThat(pool.allocate()).isEqualTo(0);
        assertThat(pool.allocate()).isEqualTo(3);
        assertThat(pool.isTaken(1)).isTrue();
        assertThat(pool.isTaken(4)).isFalse();
        assertThat(pool.taken()).isEqualTo(4);
    }

    @Test
    void excludedOffsetsAreNeverHandedOut() {
        // base .254: offsets 1 (.255) and 2 (.0) are excluded
        OffsetPool pool = new OffsetPool(5, true, 254);
        assertThat(pool.allocate()).isEqualTo(0);
        assertThat(pool.allocate()).isEqualTo(3);
        assertThat(pool.allocate()).isEqualTo(4);
        assertThat(pool.allocate()).isEqualTo(-1);
        assertThat(pool.release(1)).isFalse();
        assertThat(pool.isTaken(2)).isFalse();
    }

    @Test
    void releasingEverythingReturnsTheMemory() {
        OffsetPool pool = new OffsetPool(1L << 40, false, 0);
        long empty = pool.retainedBytes();
        for (int i = 0; i < 100_000; i++) {
            pool.allocate();
        }
        for (int i = 0; i < 100_000; i++) {
            pool.release(i);
        }
        assertThat(pool.taken()).isZero();
        assertThat(pool.retainedBytes()).isEqualTo(empty);
        assertThat(pool.allocate()).isZero();
    }

    /** Against a TreeSet model: every answer, with random allocate/reserve/release, several seeds. */
    @Test
    void agreesWithASortedSetModel() {
        for (long seed = 1; seed <= 20; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            int limit = 1 + random.nextInt(600);
            boolean buggy = random.nextBoolean();
            long base = random.nextInt(256);
            OffsetPool pool = new OffsetPool(limit, buggy, base);
            TreeSet<Long> free = new TreeSet<>();
            for (long o = 0; o < limit; o++) {
                if (!pool.excluded(o)) {
                    free.add(o);
                }
            }
            List<Long> taken = new ArrayList<>();
            for (int step = 0; step < 20_000; step++) {
                int op = random.nextInt(10);
                if (op < 4) {
                    long got = pool.allocate();
                    Long expected = free.pollFirst();
                    assertThat(got).as("seed %d step %d", seed, step).isEqualTo(expected == null ? -1 : expected);
                    if (expected != null) {
                        taken.add(expected);
                    }
                } else if (op < 6) {
                    long offset = random.nextInt(limit);
                    if (!pool.excluded(offset)) {
                        boolean wasFree = free.remove(offset);
                        assertThat(pool.reserve(offset)).isEqualTo(wasFree);
                        if (wasFree) {
                            taken.add(offset);
                        }
                    }
                } else if (!taken.isEmpty()) {
                    long offset = taken.remove(random.nextInt(taken.size()));
                    assertThat(pool.release(offset)).isTrue();
                    assertThat(pool.release(offset)).isFalse();
                    free.add(offset);
                }
                assertThat(pool.taken()).isEqualTo(taken.size());
                long probe = random.nextInt(limit);
                assertThat(pool.isTaken(probe)).isEqualTo(!pool.excluded(probe) && !free.contains(probe));
            }
        }
    }

    @Test
    void hashSetSurvivesChurn() {
        LongHashSet set = new LongHashSet();
        java.util.HashSet<Long> model = new java.util.HashSet<>();
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 200_000; i++) {
            long value = random.nextLong(5_000);
            if (random.nextBoolean()) {
                assertThat(set.add(value)).isEqualTo(model.add(value));
            } else {
                assertThat(set.remove(value)).isEqualTo(model.remove(value));
            }
            assertThat(set.size()).isEqualTo(model.size());
        }
        for (long v = 0; v < 5_000; v++) {
            assertThat(set.contains(v)).isEqualTo(model.contains(v));
        }
    }
}
