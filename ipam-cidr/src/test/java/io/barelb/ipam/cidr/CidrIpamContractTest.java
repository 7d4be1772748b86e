package io.barelb.ipam.cidr;

import io.barelb.api.ipam.IpamFactory;
import io.barelb.tck.IpamContract;
import java.util.List;

/** The {@code cidr} factory keeps the IPAM contract of the plugin kit. */
class CidrIpamContractTest extends IpamContract {

    @Override
    protected IpamFactory factory() {
        return new CidrIpamFactory();
    }

    @Override
    protected List<String> entries() {
        return List.of("192.0.2.0/24", "198.51.100.0/22", "203.0.113.9/32", "10.0.0.0/8", "2001:db8::/120",
                "2001:db8:1::/64", "::/0");
    }

    @Override
    protected List<String> invalidEntries() {
        return List.of("10.0.0.0/33", "2001:db8::/129", "10.0.0.0/x", "10.0.0.300/24", "/24");
    }
}
