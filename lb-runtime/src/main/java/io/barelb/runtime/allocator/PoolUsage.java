package io.barelb.runtime.allocator;

import io.barelb.api.net.IpFamily;
import java.math.BigInteger;
import java.util.Objects;

/**
 * How much of one family of one pool is used; an address shared by several Services counts once.
 *
 * @param pool      the pool's name
 * @param family    the family
 * @param total     addresses that may be handed out (avoidBuggyIPs applied; huge IPv6 blocks clamped by their plugin)
 * @param assigned  addresses held by at least one Service
 * @param available {@code total - assigned}
 */
public record PoolUsage(String pool, IpFamily family, BigInteger total, long assigned, BigInteger available) {

    public PoolUsage {
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(total, "total");
        Objects.requireNonNull(available, "available");
    }
}
