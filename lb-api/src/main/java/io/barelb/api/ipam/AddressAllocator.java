package io.barelb.api.ipam;

import io.barelb.api.net.IpAddress;
import io.barelb.api.net.IpFamily;
import io.barelb.api.net.IpRange;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

/**
 * The addresses of one pool entry and which of them are handed out.
 *
 * <p>An allocator only knows whether an address is taken; which Services hold it, sharing, pool choice and
 * restore order are the runtime's job, so every IPAM plugin gets them the same. Not thread-safe: the runtime
 * calls one allocator from one thread at a time. Memory should grow with the number of addresses handed out,
 * not with the size of the entry.
 *
 * <p>An entry need not be one block of consecutive addresses: it covers the {@link #spans()} it answers, and the
 * runtime asks the allocator, never {@link #first()} and {@link #last()}, how many addresses it holds
 * ({@link #size()}), which ones ({@link #contains(IpAddress)}) and whether it shares addresses with another entry
 * (through the spans). When the runtime stops using an allocator (a new configuration replaced its pool) it
 * calls {@link #close()}.
 */
public interface AddressAllocator extends AutoCloseable {

    /** The family of every address in the entry. */
    IpFamily family();

    /** The lowest address of the entry (it may itself be excluded, e.g. by avoidBuggyIPs). */
    IpAddress first();

    /** The highest address of the entry. */
    IpAddress last();

    /**
     * The spans of consecutive addresses the entry covers, in ascending order, disjoint and not adjacent, all of
     * {@link #family()}, the first starting at {@link #first()} and the last ending at {@link #last()}. Addresses
     * inside a span may still be excluded from {@link #contains(IpAddress)} (avoidBuggyIPs); addresses outside
     * every span never belong to the entry. Two entries overlap when their spans share an address.
     *
     * <p>The default is the one span {@code [first(), last()]}: right for an entry that is one block. An entry
     * of scattered addresses (a list, a set fetched from an external IPAM) answers each run of them.
     *
     * @return an immutable, non-empty list
     * @since 0.2
     */
    default List<IpRange> spans() {
        return List.of(new IpRange(first(), last()));
    }

    /** True if {@code address} belongs to the entry and may be handed out (avoidBuggyIPs applied). */
    boolean contains(IpAddress address);

    /** The number of addresses that may be handed out. */
    BigInteger size();

    /** The number of addresses handed out now. */
    long assignedCount();

    /** True if {@code address} is handed out now. */
    boolean isAssigned(IpAddress address);

    /**
     * Hands out the lowest free address, deterministically: the same sequence of calls gives the same
     * answers. Empty when every address is taken.
     */
    Optional<IpAddress> allocate();

    /**
     * Marks a specific address taken (a requested address, or one restored from a Service's status).
     *
     * @return true if it was free and is now taken; false if it was already taken
     * @throws IllegalArgumentException if {@link #contains(IpAddress)} is false for it
     */
    boolean reserve(IpAddress address);

    /**
     * Frees an address. Idempotent.
     *
     * @return true if it was taken
     */
    boolean release(IpAddress address);

    /**
     * Lets go of what the allocator holds outside the process (a lease at an external IPAM, a connection). Called
     * once, when the runtime drops the allocator; no other method is called afterwards. Must not throw for an
     * expected condition. The default does nothing.
     *
     * @since 0.2
     */
    @Override
    default void close() {
    }
}
