package io.barelb.runtime.config;

import io.barelb.api.config.Problems;
import io.barelb.api.config.ConfigResource;
import io.barelb.api.config.ResourceKind;
import java.util.List;

/**
 * The one check that needs pools and advertisements together and means the same for every protocol, so it stays in
 * the runtime whoever owns the advertisement kind: an advertisement's {@code ipAddressPools} name existing pools (a
 * notice otherwise: MetalLB skips such a name) and its {@code ipAddressPoolSelectors} are readable (a problem). Rules of a protocol against the pools an advertisement selects
 * (BGP's aggregation lengths, for one) are its plugin's, through {@code ValidationContext.pools()}. Pure.
 */
final class AdvertisementChecks {

    private AdvertisementChecks() {
    }

    /** Checks every resource of {@code kind} (an advertisement kind) among {@code resources}. */
    static void check(ResourceKind kind, List<ConfigResource> resources, PoolIndex pools, Problems problems,
                      Problems notices) {
        for (ConfigResource advertisement : resources) {
            if (advertisement.kind().equals(kind.kind())) {
                pools.selected(advertisement.spec(), problems, notices);
            }
        }
    }
}
