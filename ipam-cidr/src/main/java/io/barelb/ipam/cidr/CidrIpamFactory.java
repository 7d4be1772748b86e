package io.barelb.ipam.cidr;

import io.barelb.api.ipam.block.BlockAllocator;
import io.barelb.api.config.ConfigException;
import io.barelb.api.config.ConfigProblem;
import io.barelb.api.ipam.AddressAllocator;
import io.barelb.api.ipam.IpamFactory;
import io.barelb.api.ipam.PoolEntry;
import io.barelb.api.net.IpAddress;
import io.barelb.api.net.IpPrefix;

/**
 * The {@code cidr} IPAM factory: pool entries written as CIDR prefixes, e.g. {@code 192.168.10.0/24},
 * {@code 2001:db8::/64} or {@code 10.0.0.5/32}. Every address of the prefix may be handed out, network and
 * broadcast addresses included, as MetalLB does (use {@code avoidBuggyIPs} to skip .0 and .255). Host bits set
 * in the address are cleared, as MetalLB reads them. Prefixes of 2^63 addresses or more are clamped to their
 * first 2^63 - 1 addresses. Stateless and thread-safe.
 */
public final class CidrIpamFactory implements IpamFactory {

    /** The name pools refer to in errors and {@code barelb plugins}. */
    public static final String NAME = "cidr";

    @Override
    public String name() {
        return NAME;
    }

    /**
     * True for {@code ADDRESS/LENGTH} where the address parses and the length is a decimal number, valid or not:
     * {@link #create(PoolEntry)} reports a length beyond the family's bits. Anything else, {@code site-a/rack-1}
     * say, is left to other plugins.
     */
    @Override
    public boolean accepts(String entry) {
        String text = entry.trim();
        int slash = text.indexOf('/');
        if (slash < 0 || IpAddress.tryParse(text.substring(0, slash)) == null) {
            return false;
        }
        String length = text.substring(slash + 1);
        return !length.isEmpty() && length.length() <= 3 && length.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    @Override
    public String notation() {
        return "ADDRESS/LENGTH";
    }

    @Override
    public AddressAllocator create(PoolEntry entry) throws ConfigException {
        IpPrefix prefix;
        try {
            prefix = IpPrefix.parse(entry.text().trim());
        } catch (IllegalArgumentException e) {
            throw problem(entry, e.getMessage() + "; write ADDRESS/LENGTH, e.g. 192.0.2.0/24 or 2001:db8::/64");
        }
        BlockAllocator allocator = new BlockAllocator(prefix.first(), prefix.last(), entry.avoidBuggyIps());
        if (allocator.size().signum() == 0) {
            throw problem(entry, "holds no usable address: avoidBuggyIPs excludes every address ending in .0 or .255");
        }
        return allocator;
    }

    private static ConfigException problem(PoolEntry entry, String reason) {
        return new ConfigException(new ConfigProblem("IPAddressPool", entry.pool(), entry.fieldPath(), entry.text(), reason));
    }
}
