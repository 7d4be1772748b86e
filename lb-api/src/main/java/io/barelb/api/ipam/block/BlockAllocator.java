package io.barelb.api.ipam.block;

import io.barelb.api.ipam.AddressAllocator;
import io.barelb.api.net.IpAddress;
import io.barelb.api.net.IpFamily;
import io.barelb.api.net.IpRange;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

/**
 * The allocator of one block of consecutive addresses {@code [first, last]}, lowest free first.
 *
 * <p>Addresses are numbered by their offset from {@code first}. A block of 2^63 addresses or more (an IPv6
 * prefix of length /65 or shorter, or a range as wide) is clamped to its first 2^63 - 1 addresses:
 * {@link #size()} says 2^63 - 1 and {@link #contains(IpAddress)} is false above them. Memory grows with the
 * addresses handed out, never with the block (see {@link OffsetPool}). Not thread-safe.
 *
 * <p>Offered to every IPAM plugin: a plugin whose pool entries denote a contiguous block (a range, a CIDR
 * prefix, a prefix fetched from an external IPAM) parses its notation and hands the bounds to this class, and
 * gets lowest-free-first order, avoidBuggyIPs and a small footprint for free. The built-in {@code range} and
 * {@code cidr} plugins do exactly that.
 */
public final class BlockAllocator implements AddressAllocator {

    /** The most addresses one block hands out: 2^63 - 1, so every offset is a non-negative {@code long}. */
    static final BigInteger MAX_ADDRESSES = BigInteger.valueOf(Long.MAX_VALUE);

    private final IpAddress first;
    private final IpAddress last;
    private final List<IpRange> spans;
    private final IpAddress lastUsable;
    private final OffsetPool offsets;
    private final BigInteger size;

    /**
     * @param first        the lowest address
     * @param last         the highest address, same family, not below {@code first}
     * @param avoidBuggyIps skip IPv4 addresses ending in .0 or .255
     * @throws IllegalArgumentException if the bounds are of different families or reversed
     */
    public BlockAllocator(IpAddress first, IpAddress last, boolean avoidBuggyIps) {
        if (first.family() != last.family() || first.compareTo(last) > 0) {
            throw new IllegalArgumentException("not a block: " + first + " to " + last);
        }
        this.first = first;
        this.last = last;
        this.spans = List.of(new IpRange(first, last));
        long limit = toBig(last).subtract(toBig(first)).add(BigInteger.ONE).min(MAX_ADDRESSES).longValueExact();
        this.lastUsable = first.plus(limit - 1);
        boolean buggy = avoidBuggyIps && first.isIpv4();
        this.offsets = new OffsetPool(limit, buggy, first.low());
        this.size = BigInteger.valueOf(limit - (buggy ? buggyCount(first.low(), first.low() + limit - 1) : 0));
    }

    @Override
    public IpFamily family() {
        return first.family();
    }

    @Override
    public IpAddress first() {
        return first;
    }

    @Override
    public IpAddress last() {
        return last;
    }

    /** The one span {@code [first, last]}, clamped blocks included (the entry covers them whole). */
    @Override
    public List<IpRange> spans() {
        return spans;
    }

    @Override
    public boolean contains(IpAddress address) {
        return address.family() == first.family() && address.compareTo(first) >= 0
                && address.compareTo(lastUsable) <= 0 && !offsets.excluded(address.minus(first));
    }

    @Override
    public BigInteger size() {
        return size;
    }

    @Override
    public long assignedCount() {
        return offsets.taken();
    }

    @Override
    public boolean isAssigned(IpAddress address) {
        return contains(address) && offsets.isTaken(address.minus(first));
    }

    @Override
    public Optional<IpAddress> allocate() {
        long offset = offsets.allocate();
        return offset < 0 ? Optional.empty() : Optional.of(first.plus(offset));
    }

    @Override
    public boolean reserve(IpAddress address) {
        if (!contains(address)) {
            throw new IllegalArgumentException(address + " is not an address of " + this);
        }
        return offsets.reserve(address.minus(first));
    }

    @Override
    public boolean release(IpAddress address) {
        return contains(address) && offsets.release(address.minus(first));
    }

    /** Bytes held for taken and freed addresses, for footprint reports. */
    public long retainedBytes() {
        return offsets.retainedBytes();
    }

    @Override
    public String toString() {
        return first + "-" + last;
    }

    /** How many values in {@code [from, to]} (unsigned 32-bit range) end in 0x00 or 0xFF. */
    static long buggyCount(long from, long to) {
        return upTo(to) - (from == 0 ? 0 : upTo(from - 1));
    }

    /** How many values in {@code [0, n]} end in 0x00 or 0xFF. */
    private static long upTo(long n) {
        return (n / 256 + 1) + (n + 1) / 256;
    }

    private static BigInteger toBig(IpAddress address) {
        return new BigInteger(1, address.toBytes());
    }
}
