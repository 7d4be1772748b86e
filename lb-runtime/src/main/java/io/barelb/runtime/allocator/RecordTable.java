package io.barelb.runtime.allocator;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Records found by their key, laid out for tens of thousands of them looked up on every allocation: an
 * open-addressing table (linear probing, at most half full) of the records themselves, each carrying its key and
 * the key's mixed hash. A look-up reads one table slot and the record it wants, which the caller reads next
 * anyway: no node, no separate key or hash array, no allocation. Compared with a {@link java.util.HashMap} of
 * the same records it touches one cache line fewer per look-up and holds a fraction of the memory.
 *
 * <p>Records are only added, never removed one by one: a caller that wants to drop some sweeps them out with
 * {@link #retain(Predicate)}, one pass that rebuilds the table (so an owner keeps the records it may need again,
 * as {@link Holdings} keeps a Service's record after the Service releases its addresses). Iteration order is that
 * of the table. Not thread-safe.
 *
 * @param <K> the key type: non-null, with {@code equals} and {@code hashCode}
 * @param <R> the record type
 */
final class RecordTable<K, R extends RecordTable.Keyed<K>> {

    /** What a record of a {@link RecordTable} carries: its key, fixed at construction, and the key's mixed hash. */
    abstract static class Keyed<K> {
        private final K key;
        private final int hash;

        Keyed(K key) {
            this.key = Objects.requireNonNull(key, "key");
            this.hash = mix(key);
        }

        final K key() {
            return key;
        }
    }

    private static final int MIN_CAPACITY = 16;

    private Object[] table = new Object[MIN_CAPACITY];
    private int shift = shiftFor(MIN_CAPACITY);
    private int size;

    int size() {
        return size;
    }

    /** The record whose key equals {@code key}, or null. */
    @SuppressWarnings("unchecked")
    R get(Object key) {
        int hash = mix(key);
        Object[] slots = table;
        int mask = slots.length - 1;
        for (int at = hash >>> shift; ; at = (at + 1) & mask) {
            Keyed<K> present = (Keyed<K>) slots[at];
            if (present == null) {
                return null;
            }
            if (present.hash == hash && (present.key == key || present.key.equals(key))) {
                return (R) present;
            }
        }
    }

    /**
     * Adds a record.
     *
     * @throws IllegalArgumentException if a record with an equal key is present
     */
    void add(R record) {
        if (get(record.key()) != null) {
            throw new IllegalArgumentException("a record for " + record.key() + " is present already");
        }
        place(table, shift, record);
        if (++size > table.length / 2) {
            rebuild(records(), table.length * 2);
        }
    }

    /** Removes every record {@code keep} refuses, in one pass, and sizes the table for those left (it may shrink). */
    void retain(Predicate<? super R> keep) {
        List<R> kept = records();
        kept.removeIf(keep.negate());
        int capacity = MIN_CAPACITY;
        while (kept.size() > capacity / 2) {
            capacity *= 2;
        }
        rebuild(kept, capacity);
    }

    /** Every record, in table order (a copy: the table may change while the caller goes through it). */
    @SuppressWarnings("unchecked")
    List<R> records() {
        List<R> all = new ArrayList<>(size);
        for (Object slot : table) {
            if (slot != null) {
                all.add((R) slot);
            }
        }
        return all;
    }

    private void rebuild(List<R> records, int capacity) {
        Object[] fresh = new Object[capacity];
        int freshShift = shiftFor(capacity);
        for (R record : records) {
            place(fresh, freshShift, record);
        }
        table = fresh;
        shift = freshShift;
        size = records.size();
    }

    /** Puts {@code record} in the first free slot from its home; reads only stored hashes, never a key. */
    private static void place(Object[] slots, int shift, Keyed<?> record) {
        int mask = slots.length - 1;
        int at = record.hash >>> shift;
        while (slots[at] != null) {
            at = (at + 1) & mask;
        }
        slots[at] = record;
    }

    /** The top bits of a hash that index a table of {@code capacity} (a power of two) slots. */
    private static int shiftFor(int capacity) {
        return Integer.SIZE - Integer.numberOfTrailingZeros(capacity);
    }

    /** The key's hash times the golden ratio; its top bits are the key's home slot. */
    private static int mix(Object key) {
        return key.hashCode() * 0x9E3779B9;
    }
}
