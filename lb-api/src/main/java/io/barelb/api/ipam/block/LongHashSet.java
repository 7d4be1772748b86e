package io.barelb.api.ipam.block;

import java.util.Arrays;

/**
 * A set of non-negative {@code long}s: open addressing with linear probing and backward-shift deletion, so no
 * tombstones accumulate. Kept between a quarter and a half full, so it costs 16 to 32 bytes per element. Not
 * thread-safe.
 */
final class LongHashSet {

    private static final long EMPTY = -1L;
    private static final int MIN_CAPACITY = 16;

    private long[] slots = newSlots(MIN_CAPACITY);
    private int size;

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    boolean contains(long value) {
        long[] table = slots;
        int mask = table.length - 1;
        for (int i = index(value, mask); ; i = (i + 1) & mask) {
            long slot = table[i];
            if (slot == value) {
                return true;
            }
            if (slot == EMPTY) {
                return false;
            }
        }
    }

    /** Adds a non-negative value; true if it was absent. */
    boolean add(long value) {
        if (value < 0) {
            throw new IllegalArgumentException("only non-negative values: " + value);
        }
        int mask = slots.length - 1;
        int i = index(value, mask);
        while (slots[i] != EMPTY) {
            if (slots[i] == value) {
                return false;
            }
            i = (i + 1) & mask;
        }
        slots[i] = value;
        size++;
        if (size * 2 > slots.length) {
            rehash(slots.length * 2);
        }
        return true;
    }

    /** Removes a value; true if it was present. */
    boolean remove(long value) {
        long[] table = slots;
        int mask = table.length - 1;
        int i = index(value, mask);
        while (table[i] != value) {
            if (table[i] == EMPTY) {
                return false;
            }
            i = (i + 1) & mask;
        }
        // backward-shift: move later members of the probe run into the hole when their home allows it
        int hole = i;
        for (int j = (hole + 1) & mask; table[j] != EMPTY; j = (j + 1) & mask) {
            int home = index(table[j], mask);
            if (((j - home) & mask) >= ((j - hole) & mask)) {
                table[hole] = table[j];
                hole = j;
            }
        }
        table[hole] = EMPTY;
        size--;
        if (size * 8 < slots.length && slots.length > MIN_CAPACITY) {
            rehash(slots.length / 2);
        }
        return true;
    }

    /** Copies the members into {@code target} from index 0, in no particular order; returns how many. */
    int copyTo(long[] target) {
        int n = 0;
        for (long slot : slots) {
            if (slot != EMPTY) {
                target[n++] = slot;
            }
        }
        return n;
    }

    /** Bytes held by the table, for footprint reports. */
    long retainedBytes() {
        return 16L + 8L * slots.length;
    }

    private void rehash(int capacity) {
        long[] old = slots;
        slots = newSlots(Math.max(MIN_CAPACITY, capacity));
        int mask = slots.length - 1;
        for (long value : old) {
            if (value != EMPTY) {
                int i = index(value, mask);
                while (slots[i] != EMPTY) {
                    i = (i + 1) & mask;
                }
                slots[i] = value;
            }
        }
    }

    private static long[] newSlots(int capacity) {
        long[] table = new long[capacity];
        Arrays.fill(table, EMPTY);
        return table;
    }

    private static int index(long value, int mask) {
        // murmur3 finalizer: consecutive offsets land far apart
        long h = value;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return (int) h & mask;
    }
}
