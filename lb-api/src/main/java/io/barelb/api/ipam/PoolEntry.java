package io.barelb.api.ipam;

import java.util.Objects;

/**
 * One entry of an address pool's {@code addresses} list, as handed to an {@link IpamFactory}.
 *
 * @param pool          the pool's name, for error messages
 * @param index         the entry's position in the pool's list (0-based), for error messages
 * @param text          the entry as written, e.g. {@code 192.168.10.0/24} or {@code 10.0.0.1-10.0.0.9}; an entry
 *                      written with a {@code NAME:} prefix that routed it to its factory comes without the prefix
 * @param avoidBuggyIps never hand out an IPv4 address whose last octet is 0 or 255
 */
public record PoolEntry(String pool, int index, String text, boolean avoidBuggyIps) {

    public PoolEntry {
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(text, "text");
    }

    /** The field path of this entry inside an {@code IPAddressPool}: {@code spec.addresses[i]}. */
    public String fieldPath() {
        return "spec.addresses[" + index + "]";
    }
}
