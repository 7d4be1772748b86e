package io.barelb.ipam.cidr;

import io.barelb.api.plugin.LbPlugin;
import io.barelb.api.ipam.IpamFactory;
import java.util.List;

/** The {@code ipam-cidr} plugin: one IPAM factory, {@link CidrIpamFactory}, named {@code cidr}. */
public final class CidrIpamPlugin implements LbPlugin {

    @Override
    public List<IpamFactory> ipamFactories() {
        return List.of(new CidrIpamFactory());
    }
}
