package io.barelb.runtime.allocator;

import io.barelb.api.net.IpAddress;
import java.util.Arrays;
import java.util.Objects;

/**
 * A map from addresses to values, laid out for pools whose addresses are handed out lowest first, so that the
 * held addresses form dense runs: addresses are grouped in pages of {@value #PAGE_SIZE} consecutive ones, and the
 * pages sit in one open-addressing table (linear probing, at most half full) kept as parallel arrays: per table
 * slot the page's family, high bits, first address and count, and the page's {@value #PAGE_SIZE} values in one
 * shared array at {@code slot * PAGE_SIZE}. A look-up reads the small key arrays (which stay in the processor's
 * cache) and one element of the value array: no key object, no node, no page object to follow. A /16 pool fully
 * held needs 2,048 pages in a table of 4,096 to 8,192 slots, 9 to 18 bytes an address; an isolated address (one
 * requested far from any other) costs 300 to 600 bytes. A page is dropped when its last address is, and a
 * removal shifts the rest of its cluster back (no tombstones).
 *
 * <p>Values are non-null. Not thread-safe.
 */
final class AddressSlots<V> {

    static final int PAGE_SIZE = 32;
    private static final int PAGE_SHIFT = 5;
    private static final long OFFSET_MASK = PAGE_SIZE - 1;
    private static final int MIN_CAPACITY = 16;
    private static final byte FREE = 0;
    private static final byte IPV4 = 1;
    private static final byte IPV6 = 2;

    private byte[] kinds = new byte[MIN_CAPACITY];
    private long[] highs = new long[MIN_CAPACITY];
    private long[] bases = new long[MIN_CAPACITY];
    private int[] counts = new int[MIN_CAPACITY];
    private Object[] values = new Object[MIN_CAPACITY * PAGE_SIZE];
    private int pages;
    private int size;

    int size() {
        return size;
    }

    /** Pages in use (each holds at least one address). */
    int pageCount() {
        return pages;
    }

    /** The value of {@code address}, or null. */
    @SuppressWarnings("unchecked")
    V get(IpAddress address) {
        int at = indexOf(address);
        return at < 0 ? null : (V) values[at * PAGE_SIZE + offset(address)];
    }

    boolean containsKey(IpAddress address) {
        return get(address) != null;
    }

    /** Maps {@code address} to {@code value}; returns the previous value, or null. */
    V put(IpAddress address, V value) {
        return put(address, value, true);
    }

    /** Maps {@code address} to {@code value} unless it has a value already; returns that value, or null. */
    V putIfAbsent(IpAddress address, V value) {
        return put(address, value, false);
    }

    /** Removes {@code address}; returns its value, or null if it had none. */
    @SuppressWarnings("unchecked")
    V remove(IpAddress address) {
        int at = indexOf(address);
        if (at < 0) {
            return null;
        }
        int index = at * PAGE_SIZE + offset(address);
        V before = (V) values[index];
        if (before != null) {
            values[index] = null;
            size--;
            if (--counts[at] == 0) {
                pages--;
                closeGap(at);
            }
        }
        return before;
    }

    @SuppressWarnings("unchecked")
    private V put(IpAddress address, V value, boolean replace) {
        Objects.requireNonNull(value, "value");
        int at = indexOf(address);
        if (at < 0) {
            at = insertPage(kind(address), address.high(), address.low() & ~OFFSET_MASK);
        }
        int index = at * PAGE_SIZE + offset(address);
        V before = (V) values[index];
        if (before == null) {
            counts[at]++;
            size++;
        }
        if (before == null || replace) {
            values[index] = value;
        }
        return before;
    }

    /** The table slot of {@code address}'s page, or -1. */
    private int indexOf(IpAddress address) {
        byte kind = kind(address);
        long high = address.high();
        long base = address.low() & ~OFFSET_MASK;
        byte[] slotKinds = kinds;
        int mask = slotKinds.length - 1;
        for (int at = home(kind, high, base, mask); ; at = (at + 1) & mask) {
            byte present = slotKinds[at];
            if (present == FREE) {
                return -1;
            }
            if (present == kind && bases[at] == base && highs[at] == high) {
                return at;
            }
        }
    }

    /** Adds an empty page (absent before) and answers its slot, after growing the table if it got half full. */
    private int insertPage(byte kind, long high, long base) {
        if (pages + 1 > kinds.length / 2) {
            grow();
        }
        int mask = kinds.length - 1;
        int at = home(kind, high, base, mask);
        while (kinds[at] != FREE) {
            at = (at + 1) & mask;
        }
        kinds[at] = kind;
        highs[at] = high;
        bases[at] = base;
        counts[at] = 0;
        pages++;
        return at;
    }

    /** The home slot of a page: its number and high bits times the golden ratio, so dense runs spread evenly. */
    private static int home(byte kind, long high, long base, int mask) {
        long mixed = ((base >>> PAGE_SHIFT) ^ (high * 0xC2B2AE3D27D4EB4FL) ^ (kind == IPV4 ? 0 : 0x632BE59BD9B4E019L))
                * 0x9E3779B97F4A7C15L;
        return (int) (mixed >>> 32) & mask;
    }

    /** Empties slot {@code gap}, moving back every later page of its cluster whose home allows it. */
    private void closeGap(int gap) {
        int mask = kinds.length - 1;
        for (int at = (gap + 1) & mask; kinds[at] != FREE; at = (at + 1) & mask) {
            int home = home(kinds[at], highs[at], bases[at], mask);
            // the page must stay if its home lies cyclically in (gap, at]
            boolean mustStay = gap <= at ? gap < home && home <= at : gap < home || home <= at;
            if (!mustStay) {
                move(at, gap);
                gap = at;
            }
        }
        kinds[gap] = FREE;
        counts[gap] = 0;
        Arrays.fill(values, gap * PAGE_SIZE, (gap + 1) * PAGE_SIZE, null);
    }

    private void move(int from, int to) {
        kinds[to] = kinds[from];
        highs[to] = highs[from];
        bases[to] = bases[from];
        counts[to] = counts[from];
        System.arraycopy(values, from * PAGE_SIZE, values, to * PAGE_SIZE, PAGE_SIZE);
    }

    private void grow() {
        byte[] oldKinds = kinds;
        long[] oldHighs = highs;
        long[] oldBases = bases;
        int[] oldCounts = counts;
        Object[] oldValues = values;
        int capacity = oldKinds.length * 2;
        kinds = new byte[capacity];
        highs = new long[capacity];
        bases = new long[capacity];
        counts = new int[capacity];
        values = new Object[capacity * PAGE_SIZE];
        pages = 0;
        for (int from = 0; from < oldKinds.length; from++) {
            if (oldKinds[from] != FREE) {
                int at = insertPage(oldKinds[from], oldHighs[from], oldBases[from]);
                counts[at] = oldCounts[from];
                System.arraycopy(oldValues, from * PAGE_SIZE, values, at * PAGE_SIZE, PAGE_SIZE);
            }
        }
    }

    private static byte kind(IpAddress address) {
        return address.isIpv4() ? IPV4 : IPV6;
    }

    private static int offset(IpAddress address) {
        return (int) (address.low() & OFFSET_MASK);
    }
}
