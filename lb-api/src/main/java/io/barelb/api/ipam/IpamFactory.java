package io.barelb.api.ipam;

import io.barelb.api.config.ConfigException;
import io.barelb.api.config.ValidationContext;

/**
 * Builds an {@link AddressAllocator} for each pool entry written in the notation this factory answers to.
 * Factories are stateless and thread-safe.
 *
 * <p>An entry written {@code NAME:TEXT}, where {@code NAME} is a factory's {@link #name()}, goes to that factory
 * and only to it, with {@code TEXT} as the entry's {@link PoolEntry#text()}; {@link #accepts(String)} is not
 * asked. Every other entry is offered to every factory's {@link #accepts(String)}, and exactly one must answer
 * {@code true}: none is a configuration error listing the installed {@link #notation()}s, two is a configuration
 * error naming both factories (the user then writes a {@code NAME:} prefix). So a factory accepts only text that
 * is unmistakably its own notation, never "anything with a dash".
 */
public interface IpamFactory {

    /**
     * The factory's name, unique across all plugins, e.g. {@code range} or {@code cidr}; also the prefix that
     * routes an entry to it ({@code range:192.0.2.1-192.0.2.9}). Lower-case letters, digits and dashes, starting
     * with a letter, and not 1 to 4 hex digits only (those read as an IPv6 group: {@code fc00:} is no prefix).
     */
    String name();

    /**
     * True if {@code entry} is written in this factory's notation. A syntax test only: an entry that is
     * accepted may still be invalid, which {@link #create(PoolEntry)} reports. Accept only what parses as the
     * notation, so that the notations of different plugins do not collide.
     */
    boolean accepts(String entry);

    /**
     * The notation this factory accepts, for the error listing what the installed plugins understand, e.g.
     * {@code FIRST-LAST} or {@code ADDRESS/LENGTH}. The default is {@code NAME:...}, the prefixed form every factory
     * accepts.
     *
     * @since 0.2
     */
    default String notation() {
        return name() + ":...";
    }

    /**
     * An allocator for one entry.
     *
     * @throws ConfigException naming the pool, the entry and what is wrong (start after end, bad length, ...)
     */
    AddressAllocator create(PoolEntry entry) throws ConfigException;

    /**
     * An allocator for one entry, with what the host offers while it validates and applies a configuration (the
     * plugin's settings, read-only Secrets). The runtime calls this one; the default calls
     * {@link #create(PoolEntry)}.
     *
     * @throws ConfigException naming the pool, the entry and what is wrong
     * @since 0.2
     */
    default AddressAllocator create(PoolEntry entry, ValidationContext context) throws ConfigException {
        return create(entry);
    }
}
