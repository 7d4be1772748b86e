package io.barelb.runtime.allocator;

import io.barelb.api.net.IpAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A map from addresses to values, laid out for pools whose addresses are handed out lowest first, so that the
 * held addresses form dense runs: addresses are grouped in pages of {@value #PAGE_SIZE} consecutive ones, each
 * page an array indexed by the address's low bits, the pages found by their first address in a
 * small hash map. A /16 pool fully held needs 2,048 pages, about 400 KiB in all (6 bytes an address), small
 * enough to stay in the processor's cache, where a hash map of 65,536 entries would not; a look-up is one probe
 * of the small page map and one array read, with nothing to shift on removal. An isolated address (one requested
 * far from any other) costs a page of its own, about 220 bytes. A page is dropped when its last address is.
 *
 * <p>Values are non-null. Not thread-safe.
 */
final class AddressSlots<V> {

    static final int PAGE_SIZE = 32;
    private static final long OFFSET_MASK = PAGE_SIZE - 1;

    /** The values of {@value #PAGE_SIZE} consecutive addresses and how many are set. */
    private static final class Page {
        private final Object[] values = new Object[PAGE_SIZE];
        private int count;
    }

    // a HashMap, not a FlatHashMap: the page map is small (a node per page costs little), and FlatHashMap's calls
    // to hashCode and equals then only ever see ServiceKey, so the JIT inlines them for the Service map
    private final Map<IpAddress, Page> pages = new HashMap<>();
    private int size;

    int size() {
        return size;
    }

    /** Pages in use (each holds at least one address). */
    int pageCount() {
        return pages.size();
    }

    /** The value of {@code address}, or null. */
    @SuppressWarnings("unchecked")
    V get(IpAddress address) {
        Page page = pages.get(pageOf(address));
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
        IpAddress first = pageOf(address);
        Page page = pages.get(first);
        if (page == null) {
            return null;
        }
        int slot = slot(address);
        V before = (V) page.values[slot];
        if (before != null) {
            page.values[slot] = null;
            size--;
            if (--page.count == 0) {
                pages.remove(first);
            }
        }
        return before;
    }

    @SuppressWarnings("unchecked")
    private V put(IpAddress address, V value, boolean replace) {
        Objects.requireNonNull(value, "value");
        IpAddress first = pageOf(address);
        Page page = pages.get(first);
        if (page == null) {
            page = new Page();
            pages.put(first, page);
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

    /** The first address of {@code address}'s page. */
    private static IpAddress pageOf(IpAddress address) {
        return IpAddress.of(address.family(), address.high(), address.low() & ~OFFSET_MASK);
    }

    private static int slot(IpAddress address) {
        return (int) (address.low() & OFFSET_MASK);
    }
}
