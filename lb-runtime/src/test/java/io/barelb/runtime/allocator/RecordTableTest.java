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
 * {@link RecordTable} against a {@link HashMap} as the reference: seeded random additions, look-ups (by an equal
 * key that is not the same object) and sweeps, with keys whose hashes collide on purpose, growing to tens of
 * thousands of records and swept back to none.
 */
class RecordTableTest {

    /** A key whose hash is its value divided by 7: runs of seven keys share a hash, so probing must compare keys. */
    private record Key(int value) {
        @Override
        public int hashCode() {
            return value / 7;
        }
    }

    private static final class Item extends RecordTable.Keyed<Key> {
        private final int payload;

        private Item(Key key, int payload) {
            super(key);
            this.payload = payload;
        }
    }

    @Test
    void matchesHashMapUnderSeededRandomOperations() {
        for (long seed : new long[] {1, 2, 0x7AB1EL}) {
            check(new SplittableRandom(seed));
        }
    }

    @Test
    void refusesASecondRecordForAKey() {
        RecordTable<Key, Item> table = new RecordTable<>();
        table.add(new Item(new Key(5), 1));
        assertThatThrownBy(() -> table.add(new Item(new Key(5), 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("present already");
        assertThat(table.get(new Key(5)).payload).isEqualTo(1);
    }

    private static void check(SplittableRandom random) {
        RecordTable<Key, Item> table = new RecordTable<>();
        Map<Key, Item> model = new HashMap<>();
        int range = 40_000;
        for (int step = 0; step < 150_000; step++) {
            Key key = new Key(random.nextInt(range));
            int op = random.nextInt(100);
            if (op < 55) {
                if (!model.containsKey(key)) {
                    Item item = new Item(key, random.nextInt());
                    table.add(item);
                    model.put(key, item);
                }
            } else if (op < 99) {
                assertThat(table.get(new Key(key.value()))).isSameAs(model.get(key));
            } else if (random.nextInt(16) == 0) {
                int modulus = 2 + random.nextInt(5);
                table.retain(item -> item.key().value() % modulus != 0);
                model.keySet().removeIf(k -> k.value() % modulus == 0);
            }
            assertThat(table.size()).isEqualTo(model.size());
        }
        List<Item> records = new ArrayList<>(table.records());
        assertThat(records).containsExactlyInAnyOrderElementsOf(model.values());
        for (int value = 0; value < range; value++) {
            assertThat(table.get(new Key(value))).as("record of %s", value).isSameAs(model.get(new Key(value)));
        }
        table.retain(item -> false);
        assertThat(table.size()).isZero();
        assertThat(table.records()).isEmpty();
        assertThat(table.get(new Key(3))).isNull();
    }
}
