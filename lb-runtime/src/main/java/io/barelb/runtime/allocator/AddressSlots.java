package io.barelb.runtime.allocator;

import io.barelb.api.net.IpAddress;
import java.util.Objects;

/**
 * A map from addresses to values, laid out for pools whose addresses are handed out lowest first, so that the
 * held addresses form dense runs: addresses are grouped in pages of {@value #PAGE_SIZE} consecutive ones, each
 * page an array indexed by the address's low bits, the pages found by their first address in a small
 * open-addressing table of the pages themselves (each page carries its family and first address, so a look-up
 * reads one table slot and the page, builds no key and follows no node). A /16 pool fully held needs 2,048 pages,
 * about 370 KiB in all (6 bytes an address), small enough to stay in the processor's cache, where a hash map of
 * 65,536 entries would not. An isolated address (one requested far from any other) costs a page of its own,
 * about 200 bytes. A page is dropped when its last address is; the table is at most half full and a removal
 * shifts the rest of its cluster back (no tombstones).
 *
 * <p>Values are non-null. Not thread-safe.
 */
final class AddressSlots<V> {

    static final int PAGE_SIZE = 32;
    private static final long OFFSET_MASK = PAGE_SIZE - 1;
    private static final int MIN_CAPACITY = 16;

    /** The values of {@value #PAGE_SIZE} consecutive addresses from {@code (family, high, base)}, and how many are set. */
    private static final class Page {
        private final boolean ipv4;
        private final long high;
        private final long base;
        private final Object[] values = new Object[PAGE_SIZE];
        private int count;

        private Page(boolean ipv4, long high, long base) {
            this.ipv4 = ipv4;
            this.high = high;
            this.base = base;
        }

        private boolean starts(boolean v4, long h, long b) {
            return base == b && high == h && ipv4 == v4;
        }
    }

    /** Open addressing, linear probing; null marks a free slot. */
    private Page[] table = new Page[MIN_CAPACITY];
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
        Page page = find(address);
        return page == null ? null : (V) page.values[slot(address)];
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
        Page page = table[at];
        int slot = slot(address);
        V before = (V) page.values[slot];
        if (before != null) {
            page.values[slot] = null;
            size--;
            if (--page.count == 0) {
                pages--;
                closeGap(at);
            }
        }
        return before;
    }

    @SuppressWarnings("unchecked")
    private V put(IpAddress address, V value, boolean replace) {
        Objects.requireNonNull(value, "value");
        boolean v4 = address.isIpv4();
        long high = address.high();
        long base = address.low() & ~OFFSET_MASK;
        Page[] slots = table;
        int mask = slots.length - 1;
        int at = home(v4, high, base, mask);
        Page page;
        while (true) {
            page = slots[at];
            if (page == null) {
                page = new Page(v4, high, base);
                slots[at] = page;
                if (++pages > slots.length / 2) {
                    grow();
                }
                break;
            }
            if (page.starts(v4, high, base)) {
                break;
            }
            at = (at + 1) & mask;
        }
        int slot = slot(address);
        V before = (V) page.values[slot];
        if (before == null) {
            page.count++;
            size++;
        }
        if (before == null || replace) {
            page.values[slot] = value;
        }
        return before;
    }

    private Page find(IpAddress address) {
        int at = indexOf(address);
        return at < 0 ? null : table[at];
    }

    /** The table slot of {@code address}'s page, or -1. */
    private int indexOf(IpAddress address) {
        boolean v4 = address.isIpv4();
        long high = address.high();
        long base = address.low() & ~OFFSET_MASK;
        Page[] slots = table;
        int mask = slots.length - 1;
        for (int at = home(v4, high, base, mask); ; at = (at + 1) & mask) {
            Page page = slots[at];
            if (page == null) {
                return -1;
            }
            if (page.starts(v4, high, base)) {
                return at;
            }
        }
    }

    /** The home slot of a page: its number and high bits times the golden ratio, so dense runs spread evenly. */
    private static int home(boolean v4, long high, long base, int mask) {
        long mixed = ((base >>> 5) ^ (high * 0xC2B2AE3D27D4EB4FL) ^ (v4 ? 0 : 0x632BE59BD9B4E019L)) * 0x9E3779B97F4A7C15L;
        return (int) (mixed >>> 32) & mask;
    }

    private static int home(Page page, int mask) {
        return home(page.ipv4, page.high, page.base, mask);
    }

    /** Empties {@code gap}, moving back every later page of its cluster whose home allows it. */
    private void closeGap(int gap) {
        Page[] slots = table;
        int mask = slots.length - 1;
        for (int at = (gap + 1) & mask; slots[at] != null; at = (at + 1) & mask) {
            int home = home(slots[at], mask);
            // the page must stay if its home lies cyclically in (gap, at]
            boolean mustStay = gap <= at ? gap < home && home <= at : gap < home || home <= at;
            if (!mustStay) {
                slots[gap] = slots[at];
                gap = at;
            }
        }
        slots[gap] = null;
    }

    private void grow() {
        Page[] old = table;
        Page[] bigger = new Page[old.length * 2];
        int mask = bigger.length - 1;
        for (Page page : old) {
            if (page != null) {
                int at = home(page, mask);
                while (bigger[at] != null) {
                    at = (at + 1) & mask;
                }
                bigger[at] = page;
            }
        }
        table = bigger;
    }

    private static int slot(IpAddress address) {
        return (int) (address.low() & OFFSET_MASK);
    }
}
