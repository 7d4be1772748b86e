package io.barelb.api.ipam;

import io.barelb.api.config.ConfigException;

/**
 * Builds an {@link AddressAllocator} for each pool entry written in the notation this factory answers to.
 * Factories are stateless and thread-safe.
 *
 * <p>The runtime offers each entry to every factory's {@link #accepts(String)}; exactly one must answer
 * {@code true} (none is a configuration error naming the entry, two is a plugin conflict reported at start).
 */
public interface IpamFactory {

    /** The factory's name, unique across all plugins, e.g. {@code range} or {@code cidr}. */
    String name();

    /**
     * True if {@code entry} is written in this factory's notation. A syntax test only: an entry that is
     * accepted may still be invalid, which {@link #create(PoolEntry)} reports.
     */
    boolean accepts(String entry);

    /**
     * An allocator for one entry.
     *
     * @throws ConfigException naming the pool, the entry and what is wrong (start after end, bad length, ...)
     */
    AddressAllocator create(PoolEntry entry) throws ConfigException;
}
