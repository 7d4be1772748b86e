package io.barelb.runtime.speaker;

import io.barelb.api.ipam.AddressAllocator;
import io.barelb.api.ipam.IpamFactory;
import io.barelb.api.ipam.PoolEntry;
import io.barelb.api.net.IpAddress;
import io.barelb.api.net.IpFamily;
import io.barelb.api.net.IpPrefix;
import java.math.BigInteger;
import java.util.Optional;

/**
 * A membership-only IPAM factory for CIDR entries, enough for the speaker, which only asks which pool an
 * address is in. (The real allocators live in the ipam plugins.)
 */
final class PrefixIpam implements IpamFactory {

    @Override
    public String name() {
        return "test-prefix";
    }

    @Override
    public boolean accepts(String entry) {
        return entry.contains("/");
    }

    @Override
    public AddressAllocator create(PoolEntry entry) {
        IpPrefix prefix = IpPrefix.parse(entry.text());
        return new AddressAllocator() {
            @Override public IpFamily family() { return prefix.family(); }
            @Override public IpAddress first() { return prefix.first(); }
            @Override public IpAddress last() { return prefix.last(); }
            @Override public boolean contains(IpAddress address) { return prefix.contains(address); }
            @Override public BigInteger size() { return prefix.size(); }
            @Override public long assignedCount() { return 0; }
            @Override public boolean isAssigned(IpAddress address) { return false; }
            @Override public Optional<IpAddress> allocate() { return Optional.empty(); }
            @Override public boolean reserve(IpAddress address) { return false; }
            @Override public boolean release(IpAddress address) { return false; }
        };
    }
}
