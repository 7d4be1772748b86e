package io.barelb.api.ipam;

import io.barelb.api.net.IpAddress;
import io.barelb.api.net.IpFamily;
import java.math.BigInteger;
import java.util.Optional;

/**
 * The addresses of one pool entry and which of them are handed out.
 *
 * <p>An allocator only knows whether an address is taken; which Services hold it, sharing, pool choice and
 * restore order are the runtime's job, so every IPAM plugin gets them the same. Not thread-safe: the runtime
 * calls one allocator from one thread at a time. Memory should grow with the number of addresses handed out,
 * not with the size of the entry.
 */
public interface AddressAllocator {

    /** The family of every address in the entry. */
    IpFamily family();

    /** The lowest address of the entry (it may itself be excluded, e.g. by avoidBuggyIPs). */
    IpAddress first();

    /** The highest address of the entry. */
    IpAddress last();

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
}
