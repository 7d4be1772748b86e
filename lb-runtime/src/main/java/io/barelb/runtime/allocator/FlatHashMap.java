package io.barelb.runtime.allocator;

import java.util.AbstractCollection;
import java.util.Collection;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * A hash map laid out for tens of thousands of entries looked up on every allocation: one array holding each
 * key next to its value, open addressing with linear probing, no object per entry. Compared with
 * {@link java.util.HashMap} a look-up touches one array slot instead of a bucket, a node and often the key, and
 * a put allocates nothing (until the table grows).
 *
 * <p>Keys and values are non-null; keys are compared with {@link Object#equals(Object)} after an identity check.
 * The table stays at most half full; a removal shifts the following entries of its cluster back (no tombstones),
 * so look-ups never slow down with churn. Iteration order is that of the table: not sorted, not insertion order.
 * Not thread-safe.
 */
final class FlatHashMap<K, V> {

    private static final int MIN_CAPACITY = 16;

    /** Key at {@code 2 * slot}, value at {@code 2 * slot + 1}; a null key marks a free slot. */
    private Object[] table = new Object[2 * MIN_CAPACITY];
    /** The mixed hash of the key in each slot, so probing and shifting never read a key they do not want. */
    private int[] hashes = new int[MIN_CAPACITY];
    private int shift = Integer.SIZE - Integer.numberOfTrailingZeros(MIN_CAPACITY);
    private int size;

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** The value of {@code key}, or null. */
    @SuppressWarnings("unchecked")
    V get(Object key) {
        int slot = find(key);
        return slot < 0 ? null : (V) table[2 * slot + 1];
    }

    boolean containsKey(Object key) {
        return find(key) >= 0;
    }

    /** Maps {@code key} to {@code value}; returns the previous value, or null. */
    V put(K key, V value) {
        return put(key, value, true);
    }

    /** Maps {@code key} to {@code value} unless it has a value already; returns that value, or null. */
    V putIfAbsent(K key, V value) {
        return put(key, value, false);
    }

    /** Removes {@code key}; returns its value, or null if it had none. */
    @SuppressWarnings("unchecked")
    V remove(Object key) {
        int slot = find(key);
        if (slot < 0) {
            return null;
        }
        V value = (V) table[2 * slot + 1];
        size--;
        closeGap(slot);
        return value;
    }

    /** A live view of the values, in table order. */
    Collection<V> values() {
        return new AbstractCollection<>() {
            @Override
            public Iterator<V> iterator() {
                return new Values();
            }

            @Override
            public int size() {
                return size;
            }
        };
    }

    @SuppressWarnings("unchecked")
    private V put(K key, V value, boolean replace) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        int hash = mix(key);
        int[] mixed = hashes;
        Object[] slots = table;
        int mask = mixed.length - 1;
        for (int slot = hash >>> shift; ; slot = (slot + 1) & mask) {
            Object present = slots[2 * slot];
            if (present == null) {
                slots[2 * slot] = key;
                slots[2 * slot + 1] = value;
                mixed[slot] = hash;
                if (++size > mixed.length / 2) {
                    grow();
                }
                return null;
            }
            if (mixed[slot] == hash && (present == key || present.equals(key))) {
                V before = (V) slots[2 * slot + 1];
                if (replace) {
                    slots[2 * slot + 1] = value;
                }
                return before;
            }
        }
    }

    /** The slot of {@code key}, or -1. */
    private int find(Object key) {
        int hash = mix(key);
        int[] mixed = hashes;
        Object[] slots = table;
        int mask = mixed.length - 1;
        for (int slot = hash >>> shift; ; slot = (slot + 1) & mask) {
            if (mixed[slot] == hash) {
                Object present = slots[2 * slot];
                if (present == key || present != null && present.equals(key)) {
                    return slot;
                }
            }
            if (slots[2 * slot] == null) {
                return -1;
            }
        }
    }

    /** The key's hash times the golden ratio; its top bits are the key's home slot. */
    private static int mix(Object key) {
        return key.hashCode() * 0x9E3779B9;
    }

    /** Empties {@code gap}, moving back every later entry of its cluster whose home allows it. */
    private void closeGap(int gap) {
        int[] mixed = hashes;
        Object[] slots = table;
        int mask = mixed.length - 1;
        for (int slot = (gap + 1) & mask; slots[2 * slot] != null; slot = (slot + 1) & mask) {
            int home = mixed[slot] >>> shift;
            // the entry must stay if its home lies cyclically in (gap, slot]
            boolean mustStay = gap <= slot ? gap < home && home <= slot : gap < home || home <= slot;
            if (!mustStay) {
                slots[2 * gap] = slots[2 * slot];
                slots[2 * gap + 1] = slots[2 * slot + 1];
                mixed[gap] = mixed[slot];
                gap = slot;
            }
        }
        slots[2 * gap] = null;
        slots[2 * gap + 1] = null;
        mixed[gap] = 0;
    }

    @SuppressWarnings("unchecked")
    private void grow() {
        Object[] old = table;
        table = new Object[old.length * 2];
        hashes = new int[hashes.length * 2];
        shift--;
        size = 0;
        for (int at = 0; at < old.length; at += 2) {
            if (old[at] != null) {
                put((K) old[at], (V) old[at + 1], true);
            }
        }
    }

    /** Values in table order. Not fail-fast: the map must not change while it is iterated. */
    private final class Values implements Iterator<V> {
        private final Object[] slots = table;
        private int at = advance(0);

        private int advance(int from) {
            int i = from;
            while (i < slots.length && slots[i] == null) {
                i += 2;
            }
            return i;
        }

        @Override
        public boolean hasNext() {
            return at < slots.length;
        }

        @Override
        @SuppressWarnings("unchecked")
        public V next() {
            if (at >= slots.length) {
                throw new NoSuchElementException();
            }
            V value = (V) slots[at + 1];
            at = advance(at + 2);
            return value;
        }
    }
}
