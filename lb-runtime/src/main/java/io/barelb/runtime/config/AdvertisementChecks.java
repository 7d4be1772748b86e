package io.barelb.runtime.config;

import io.barelb.api.config.ConfigResource;
import io.barelb.api.config.ConfigView;
import io.barelb.api.config.ResourceKind;
import io.barelb.api.net.IpFamily;
import io.barelb.api.net.IpPrefix;
import java.util.List;
import java.util.Optional;

/**
 * The checks that need pools and advertisements together, so they stay in the runtime whoever owns the
 * advertisement kind: every advertisement kind's {@code ipAddressPools} name existing pools, and a
 * {@code BGPAdvertisement}'s aggregation lengths cover no address outside the pools it selects. Pure.
 */
final class AdvertisementChecks {

    private AdvertisementChecks() {
    }

    /** Checks every resource of {@code kind} (an advertisement kind) among {@code resources}. */
    static void check(ResourceKind kind, List<ConfigResource> resources, PoolIndex pools, Problems problems) {
        for (ConfigResource advertisement : resources) {
            if (!advertisement.kind().equals(kind.kind())) {
                continue;
            }
            List<String> selected = pools.selected(advertisement.spec(), problems);
            if (kind.kind().equals(ConfigKinds.BGP_ADVERTISEMENT)) {
                aggregation(advertisement.spec(), selected, pools, problems);
            }
        }
    }

    private static void aggregation(ConfigView spec, List<String> selected, PoolIndex pools, Problems problems) {
        Problems reported = new Problems(); // the owner's rules report unreadable lengths
        Optional<Long> v4 = reported.integerIn(spec, "aggregationLength", 1, 32);
        Optional<Long> v6 = reported.integerIn(spec, "aggregationLengthV6", 1, 128);
        for (String pool : selected) {
            for (PoolRules.Entry entry : pools.entries(pool)) {
                long length = entry.family() == IpFamily.IPV4 ? v4.orElse(32L) : v6.orElse(128L);
                int longest = entry.prefixes().stream().mapToInt(IpPrefix::length).max().orElse(0);
                if (length < longest) {
                    String key = entry.family() == IpFamily.IPV4 ? "aggregationLength" : "aggregationLengthV6";
                    problems.at(spec, key, String.valueOf(length), "is shorter than /" + longest + " of " + entry.text()
                            + " in pool \"" + pool + "\"; the aggregate would cover addresses outside the pool");
                }
            }
        }
    }
}
