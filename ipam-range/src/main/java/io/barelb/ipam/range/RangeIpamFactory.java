package io.barelb.ipam.range;

import io.barelb.api.ipam.block.BlockAllocator;
import io.barelb.api.config.ConfigException;
import io.barelb.api.config.ConfigProblem;
import io.barelb.api.ipam.AddressAllocator;
import io.barelb.api.ipam.IpamFactory;
import io.barelb.api.ipam.PoolEntry;
import io.barelb.api.net.IpAddress;

/**
 * The {@code range} IPAM factory: pool entries written {@code first-last}, e.g. {@code 192.168.92.200-192.168.92.210}
 * or {@code fc00::1-fc00::ff}, with optional spaces around the dash as MetalLB allows. Both ends are included.
 * Stateless and thread-safe.
 */
public final class RangeIpamFactory implements IpamFactory {

    /** The name pools refer to in errors and {@code barelb plugins}. */
    public static final String NAME = "range";

    @Override
    public String name() {
        return NAME;
    }

    /**
     * True for {@code ADDRESS-ADDRESS} (spaces around the dash allowed) where both ends are addresses of one
     * family, in either order: {@link #create(PoolEntry)} reports a reversed range. Anything else, {@code site-a}
     * say, is left to other plugins.
     */
    @Override
    public boolean accepts(String entry) {
        int dash = entry.indexOf('-');
        if (dash < 0 || entry.indexOf('-', dash + 1) >= 0) {
            return false;
        }
        IpAddress first = IpAddress.tryParse(entry.substring(0, dash).trim());
        IpAddress last = IpAddress.tryParse(entry.substring(dash + 1).trim());
        return first != null && last != null && first.family() == last.family();
    }

    @Override
    public String notation() {
        return "FIRST-LAST";
    }

    @Override
    public AddressAllocator create(PoolEntry entry) throws ConfigException {
        String text = entry.text();
        int dash = text.indexOf('-');
        if (dash < 0 || text.indexOf('-', dash + 1) >= 0) {
            throw problem(entry, "a range is written FIRST-LAST with exactly one dash, e.g. 192.0.2.10-192.0.2.20");
        }
        IpAddress first = address(entry, text.substring(0, dash).trim(), "first");
        IpAddress last = address(entry, text.substring(dash + 1).trim(), "last");
        if (first.family() != last.family()) {
            throw problem(entry, "mixes families: " + first + " is " + first.family().kubernetesName() + " but " + last
                    + " is " + last.family().kubernetesName() + "; write one range per family");
        }
        if (first.compareTo(last) > 0) {
            throw problem(entry, "start " + first + " is after end " + last + "; write the lower address first");
        }
        BlockAllocator allocator = new BlockAllocator(first, last, entry.avoidBuggyIps());
        if (allocator.size().signum() == 0) {
            throw problem(entry, "holds no usable address: avoidBuggyIPs excludes every address ending in .0 or .255");
        }
        return allocator;
    }

    private static IpAddress address(PoolEntry entry, String text, String which) {
        IpAddress address = IpAddress.tryParse(text);
        if (address == null) {
            throw problem(entry, "the " + which + " address \"" + text + "\" is not an IPv4 or IPv6 address");
        }
        return address;
    }

    private static ConfigException problem(PoolEntry entry, String reason) {
        return new ConfigException(new ConfigProblem("IPAddressPool", entry.pool(), entry.fieldPath(), entry.text(), reason));
    }
}
