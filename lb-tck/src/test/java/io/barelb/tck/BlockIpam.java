package io.barelb.tck;

import io.barelb.api.config.ConfigException;
import io.barelb.api.config.ConfigProblem;
import io.barelb.api.ipam.AddressAllocator;
import io.barelb.api.ipam.IpamFactory;
import io.barelb.api.ipam.PoolEntry;
import io.barelb.api.ipam.block.BlockAllocator;
import io.barelb.api.net.IpAddress;

/** A small correct IPAM factory for the kit's own tests: {@code FIRST..LAST} over lb-api's BlockAllocator. */
class BlockIpam implements IpamFactory {

    @Override
    public String name() {
        return "dots";
    }

    @Override
    public boolean accepts(String entry) {
        return entry.contains("..");
    }

    @Override
    public AddressAllocator create(PoolEntry entry) {
        String[] ends = entry.text().split("\\.\\.", -1);
        IpAddress first = ends.length == 2 ? IpAddress.tryParse(ends[0].strip()) : null;
        IpAddress last = ends.length == 2 ? IpAddress.tryParse(ends[1].strip()) : null;
        if (first == null || last == null || first.family() != last.family() || first.compareTo(last) > 0) {
            throw new ConfigException(new ConfigProblem("IPAddressPool", entry.pool(), entry.fieldPath(), entry.text(),
                    "write FIRST..LAST with two addresses of one family, the lower first"));
        }
        return allocator(first, last, entry.avoidBuggyIps());
    }

    AddressAllocator allocator(IpAddress first, IpAddress last, boolean avoidBuggyIps) {
        return new BlockAllocator(first, last, avoidBuggyIps);
    }
}
