package io.barelb.announcer.bgp.config;

import io.barelb.api.config.Problems;
import io.barelb.api.config.ConfigResource;
import io.barelb.api.config.ConfigView;
import io.barelb.api.config.PoolFacts;
import io.barelb.api.net.IpFamily;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The rules of a {@code BGPAdvertisement} against the pools it selects, read from
 * {@code ValidationContext.pools()}: MetalLB's {@code validateBGPAdvPerPool} (an aggregation length shorter than
 * an entry's least specific prefix is refused) and {@code validateConfig} (no peer with BFD echo mode on an
 * advertisement of a pool holding IPv6 addresses), both in {@code internal/config/}. Lengths and references that
 * cannot be read are left to the other rules, which report them.
 */
final class AdvertisementPoolRules {

    private AdvertisementPoolRules() {
    }

    /**
     * @param pools        the configuration's pools
     * @param peers        every BGPPeer
     * @param echoProfiles the names of the BFDProfiles with {@code echoMode: true}
     */
    static void check(ConfigResource advertisement, List<PoolFacts> pools, List<ConfigResource> peers,
                      Set<String> echoProfiles, Problems problems) {
        ConfigView spec = advertisement.spec();
        List<PoolFacts> selected = io.barelb.api.select.PoolSelection.selectedBy(spec, pools);
        aggregation(spec, selected, problems);
        if (selected.stream().anyMatch(pool -> pool.has(IpFamily.IPV6))) {
            echo(spec, selected, peers, echoProfiles, problems);
        }
    }

    private static void aggregation(ConfigView spec, List<PoolFacts> selected, Problems problems) {
        Problems ignored = new Problems(); // AdvertisementRules reports lengths it cannot read
        Optional<Long> v4 = ignored.integerIn(spec, "aggregationLength", 1, 32);
        Optional<Long> v6 = ignored.integerIn(spec, "aggregationLengthV6", 0, 128);
        for (PoolFacts pool : selected) {
            for (PoolFacts.Entry entry : pool.entries()) {
                boolean ipv4 = entry.family() == IpFamily.IPV4;
                long length = ipv4 ? v4.orElse(32L) : v6.orElse(128L);
                int shortest = entry.shortestPrefixLength();
                if (length < shortest) {
                    problems.at(spec, ipv4 ? "aggregationLength" : "aggregationLengthV6", String.valueOf(length),
                            "is shorter than /" + shortest + " of " + entry.text() + " in pool \"" + pool.name()
                                    + "\"; the aggregate would cover addresses outside the pool: use /" + shortest
                                    + " or longer");
                }
            }
        }
    }

    private static void echo(ConfigView spec, List<PoolFacts> selected, List<ConfigResource> peers,
                             Set<String> echoProfiles, Problems problems) {
        List<String> named = new Problems().readList(() -> spec.strings("peers"));
        String pool = selected.stream().filter(p -> p.has(IpFamily.IPV6)).findFirst().orElseThrow().name();
        for (ConfigResource peer : peers) {
            if (!named.isEmpty() && !named.contains(peer.name())) {
                continue;
            }
            Optional<String> profile = new Problems().read(() -> peer.spec().string("bfdProfile"));
            if (profile.isPresent() && echoProfiles.contains(profile.get())) {
                problems.at(spec, "peers", peer.name(), "reaches BGPPeer \"" + peer.name() + "\", whose BFDProfile \""
                        + profile.get() + "\" has echoMode, while pool \"" + pool + "\" holds IPv6 addresses (BFD echo"
                        + " works for IPv4 only): turn echoMode off, or leave the peer out of this advertisement");
            }
        }
    }
}
