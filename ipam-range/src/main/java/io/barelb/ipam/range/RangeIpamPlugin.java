package io.barelb.ipam.range;

import io.barelb.api.plugin.LbPlugin;
import io.barelb.api.ipam.IpamFactory;
import java.util.List;

/** The {@code ipam-range} plugin: one IPAM factory, {@link RangeIpamFactory}, named {@code range}. */
public final class RangeIpamPlugin implements LbPlugin {

    @Override
    public List<IpamFactory> ipamFactories() {
        return List.of(new RangeIpamFactory());
    }
}
