package io.barelb.runtime.allocator;

import io.barelb.api.net.IpAddress;
import io.barelb.runtime.model.AddressPool;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which pool an address belongs to, with the same index the allocator uses (entries built by the IPAM plugins,
 * looked up by address in logarithmic time). For readers that announce rather than allocate, such as the
 * speaker. Immutable after construction; entries the configuration validator would reject are left out.
 * {@link #close()} closes the plugin allocators once the lookup is replaced.
 */
public final class PoolLookup implements AutoCloseable {

    private final PoolSet pools;

    private PoolLookup(PoolSet pools) {
        this.pools = pools;
    }

    /** The lookup for {@code pools} (a validated configuration) as the IPAM plugins of {@code registry} read them. */
    public static PoolLookup of(IpamRegistry registry, List<AddressPool> pools) {
        return new PoolLookup(PoolSet.compile(registry, pools, new ArrayList<>()));
    }

    /** The pool that may hand out {@code address}, if any. */
    public Optional<AddressPool> poolOf(IpAddress address) {
        PoolSet.Entry entry = pools.entryOf(address);
        return entry == null ? Optional.empty() : Optional.of(entry.pool().config());
    }

    /** Closes the plugin allocators behind the lookup; call it once, when the lookup is replaced. */
    @Override
    public void close() {
        pools.close();
    }
}
