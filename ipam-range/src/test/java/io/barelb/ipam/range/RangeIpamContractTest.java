package io.barelb.ipam.range;

import io.barelb.api.ipam.IpamFactory;
import io.barelb.tck.IpamContract;
import java.util.List;

/** The {@code range} factory keeps the IPAM contract of the plugin kit. */
class RangeIpamContractTest extends IpamContract {

    @Override
    protected IpamFactory factory() {
        return new RangeIpamFactory();
    }

    @Override
    protected List<String> entries() {
        return List.of("192.0.2.250-198.51.100.5", "192.0.2.10-192.0.2.20", "203.0.113.7-203.0.113.7",
                "2001:db8::fff0-2001:db8::1:f", "fc00::1 - fc00::ff", "2001:db8:1::-2001:db8:1:0:ffff:ffff:ffff:ffff");
    }

    @Override
    protected List<String> invalidEntries() {
        return List.of("192.0.2.20-192.0.2.10", "192.0.2.1-192.0.2.300", "192.0.2.1-fc00::1", "fc00::9-fc00::1",
                "no-range-here");
    }
}
