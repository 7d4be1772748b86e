package io.barelb.runtime.allocator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link FlatHashMap} against {@link HashMap} as the reference: seeded random puts, put-if-absents, removals and
 * look-ups, with keys whose hashes collide in clusters (so removals must shift entries back across wrapped
 * clusters) and with enough keys to grow the table many times, then shrink back to empty.
 */
class FlatHashMapTest {

    /** A key whose hash is chosen by the test; equal by {@code id} only. */
    private record Key(int id, int hash) {
        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key other && other.id == id;
        }
    }

    @Test
    void matchesHashMapUnderSeededRandomOperations() {
        for (long seed : new long[] {1, 2, 0x5EEDL}) {
            for (int hashes : new int[] {7, 1_000, Integer.MAX_VALUE}) {
                check(new SplittableRandom(seed), hashes);
            }
        }
    }

    private static void check(SplittableRandom random, int hashes) {
        FlatHashMap<Key, Integer> flat = new FlatHashMap<>();
        Map<Key, Integer> model = new HashMap<>();
        Key[] keys = new Key[4_000];
        for (int id = 0; id < keys.length; id++) {
            keys[id] = new Key(id, random.nextInt(hashes));
        }
        for (int step = 0; step < 200_000; step++) {
            // first half grows the map towards all 4,000 keys, second half empties it
            boolean filling = step < 100_000;
            Key key = keys[random.nextInt(keys.length)];
            Key lookalike = new Key(key.id(), key.hash()); // equal, not identical
            int value = random.nextInt();
            switch (random.nextInt(6)) {
                case 0, 1 -> {
                    if (filling) {
                        assertThat(flat.put(key, value)).isEqualTo(model.put(key, value));
                    } else {
                        assertThat(flat.remove(lookalike)).isEqualTo(model.remove(key));
                    }
                }
                case 2 -> assertThat(flat.putIfAbsent(lookalike, value)).isEqualTo(model.putIfAbsent(key, value));
                case 3 -> assertThat(flat.remove(key)).isEqualTo(model.remove(key));
                case 4 -> assertThat(flat.containsKey(lookalike)).isEqualTo(model.containsKey(key));
                default -> assertThat(flat.get(lookalike)).isEqualTo(model.get(key));
            }
            assertThat(flat.size()).isEqualTo(model.size());
            if (step % 10_000 == 0) {
                assertSameContent(flat, model, keys);
            }
        }
        for (Key key : keys) {
            flat.remove(key);
            model.remove(key);
        }
        assertSameContent(flat, model, keys);
        assertThat(flat.isEmpty()).isTrue();
    }

    private static void assertSameContent(FlatHashMap<Key, Integer> flat, Map<Key, Integer> model, Key[] keys) {
        for (Key key : keys) {
            assertThat(flat.get(key)).as("value of %s", key).isEqualTo(model.get(key));
        }
        List<Integer> values = new ArrayList<>(flat.values());
        List<Integer> expected = new ArrayList<>(model.values());
        values.sort(null);
        expected.sort(null);
        assertThat(values).isEqualTo(expected);
    }

    @Test
    void refusesNullKeysAndValues() {
        FlatHashMap<String, String> map = new FlatHashMap<>();
        assertThatThrownBy(() -> map.put(null, "v")).isInstanceOf(NullPointerException.class).hasMessage("key");
        assertThatThrownBy(() -> map.put("k", null)).isInstanceOf(NullPointerException.class).hasMessage("value");
        assertThat(map.isEmpty()).isTrue();
    }
}
