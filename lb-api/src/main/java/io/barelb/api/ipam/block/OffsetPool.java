package io.barelb.api.ipam.block;

/**
 * Which offsets of {@code [0, limit)} are taken, handing out the lowest free one first.
 *
 * <p>Three parts, so memory follows the number of offsets handed out and never the size of the block:
 * <ul>
 *   <li>a high-water mark: every offset below it is taken, excluded, or listed as freed;</li>
 *   <li>the freed offsets below the mark: a hash set for membership plus a min-heap for "lowest first"
 *       (heap entries removed from the set by {@link #reserve(long)} are skipped lazily);</li>
 *   <li>the offsets reserved at or above the mark (requested or restored addresses): a hash set, absorbed into
 *       the mark when it passes them.</li>
 * </ul>
 * Handing out addresses in order costs no memory per address; random reservations cost 16 to 32 bytes each;
 * freed offsets below the mark 24 to 48 bytes each. Releasing the offset just below the mark lowers the mark
 * over every freed offset under it. Every operation is amortized O(1), except that taking a freed offset is
 * O(log freed). Offsets for which {@link #excluded(long)} holds are never handed out. Not thread-safe.
 */
final class OffsetPool {

    private final long limit;
    private final boolean avoidBuggy;
    private final long base;
    private final LongHashSet freed = new LongHashSet();
    private final LongMinHeap freedOrder = new LongMinHeap();
    private final LongHashSet above = new LongHashSet();
    private long highWater;
    private long taken;

    /**
     * @param limit      the number of offsets, at most 2^63
     * @param avoidBuggy exclude offsets whose address ends in .0 or .255
     * @param base       the low 8 bits that matter for {@code avoidBuggy}: the entry's first address
     */
    OffsetPool(long limit, boolean avoidBuggy, long base) {
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        this.limit = limit;
        this.avoidBuggy = avoidBuggy;
        this.base = base;
    }

    /** True if the offset's address ends in .0 or .255 and buggy IPs are avoided. */
    boolean excluded(long offset) {
        if (!avoidBuggy) {
            return false;
        }
        long lastOctet = (base + offset) & 0xFF;
        return lastOctet == 0 || lastOctet == 0xFF;
    }

    long limit() {
        return limit;
    }

    long taken() {
        return taken;
    }

    /** The lowest free offset, now taken; -1 if none is free. */
    long allocate() {
        while (!freedOrder.isEmpty()) {
            long offset = freedOrder.poll();
            if (freed.remove(offset)) {
                taken++;
                return offset;
            }
        }
        while (highWater < limit) {
            long offset = highWater++;
            if (excluded(offset) || above.remove(offset)) {
                continue;
            }
            taken++;
            return offset;
        }
        return -1;
    }

    /** True if the offset is taken. The offset must be in range. */
    boolean isTaken(long offset) {
        if (offset < highWater) {
            return !excluded(offset) && !freed.contains(offset);
        }
        return above.contains(offset);
    }

    /** Takes a specific offset (in range, not excluded); true if it was free. */
    boolean reserve(long offset) {
        if (offset < highWater) {
            if (freed.remove(offset)) {
                taken++;
                compactHeap();
                return true;
            }
            return false;
        }
        if (above.add(offset)) {
            taken++;
            return true;
        }
        return false;
    }

    /** Frees an offset (in range); true if it was taken. */
    boolean release(long offset) {
        if (offset >= highWater) {
            if (above.remove(offset)) {
                taken--;
                return true;
            }
            return false;
        }
        if (excluded(offset) || freed.contains(offset)) {
            return false;
        }
        taken--;
        if (offset == highWater - 1) {
            highWater--;
            while (highWater > 0 && (excluded(highWater - 1) || freed.remove(highWater - 1))) {
                highWater--;
            }
            if (freed.isEmpty()) {
                freedOrder.clear();
            } else {
                compactHeap();
            }
        } else {
            freed.add(offset);
            freedOrder.push(offset);
        }
        return true;
    }

    /** Bytes held by the three structures, for footprint reports. */
    long retainedBytes() {
        return freed.retainedBytes() + freedOrder.retainedBytes() + above.retainedBytes() + 48;
    }

    /** Rebuilds the heap when stale entries outnumber live ones, so it stays proportional to the freed set. */
    private void compactHeap() {
        if (freedOrder.size() > 2 * freed.size() + 64) {
            long[] live = new long[Math.max(16, freed.size())];
            int count = freed.copyTo(live);
            freedOrder.rebuild(live, count);
        }
    }
}
