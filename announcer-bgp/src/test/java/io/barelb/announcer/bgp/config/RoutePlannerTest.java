package io.barelb.announcer.bgp.config;

import static io.barelb.announcer.bgp.config.Resources.ad;
import static io.barelb.announcer.bgp.config.Resources.aliases;
import static io.barelb.announcer.bgp.config.Resources.peer;
import static org.assertj.core.api.Assertions.assertThat;

import io.barelb.api.ServiceKey;
import io.barelb.api.announce.Advertisement;
import io.barelb.api.announce.AnnouncerState;
import io.barelb.api.config.ConfigResource;
import io.barelb.api.net.IpAddress;
import io.barelb.api.net.IpPrefix;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The route plan: which peer gets which prefix with which attributes, case by case and over random states. */
class RoutePlannerTest {

    private static final String NODE = "node-a";
    private static final Map<String, String> LABELS = Map.of("rack", "a", "kubernetes.io/hostname", NODE);

    private static ConfigResource ebgp(String name, String address, Object... more) {
        List<Object> kv = new ArrayList<>(List.of("myASN", 64500, "peerASN", 64501, "peerAddress", address));
        kv.addAll(List.of(more));
        return peer(name, kv.toArray());
    }

    private static ConfigResource ibgp(String name, String address, Object... more) {
        List<Object> kv = new ArrayList<>(List.of("myASN", 64500, "peerASN", 64500, "peerAddress", address));
        kv.addAll(List.of(more));
        return peer(name, kv.toArray());
    }

    private static Advertisement address(String ip, List<ConfigResource> selectedBy, String... nodes) {
        return new Advertisement(new ServiceKey("default", "svc-" + ip), IpAddress.parse(ip), "pool",
                nodes.length == 0 ? Set.of(NODE) : Set.of(nodes), selectedBy, false);
    }

    private static RoutePlan plan(List<Advertisement> ads, List<ConfigResource> resources) {
        return RoutePlanner.plan(new AnnouncerState(ads, resources), NODE, LABELS);
    }

    private static List<String> prefixes(RoutePlan plan, String peer) {
        return plan.routes().get(peer).stream().map(r -> r.prefix().toString()).toList();
    }

    @Test
    void aHostRouteGoesToEveryPeerOfItsFamily() {
        ConfigResource all = ad("all");
        RoutePlan plan = plan(List.of(address("198.51.100.7", List.of(all)), address("2001:db8::7", List.of(all))),
                List.of(all, ebgp("v4", "192.0.2.1"), ebgp("v6", "2001:db8:ff::1"),
                        ebgp("both", "192.0.2.2", "dualStackAddressFamily", true),
                        peer("unnumbered", "myASN", 64500, "dynamicASN", "external", "interface", "eth0")));

        assertThat(prefixes(plan, "v4")).containsExactly("198.51.100.7/32");
        assertThat(prefixes(plan, "v6")).containsExactly("2001:db8::7/128");
        assertThat(prefixes(plan, "both")).containsExactly("198.51.100.7/32", "2001:db8::7/128");
        assertThat(prefixes(plan, "unnumbered")).containsExactly("198.51.100.7/32", "2001:db8::7/128");
    }

    @Test
    void addressesAreAggregatedToTheAdvertisementsLength() {
        ConfigResource agg = ad("agg", "aggregationLength", 24, "aggregationLengthV6", 64);
        RoutePlan plan = plan(List.of(address("198.51.100.7", List.of(agg)), address("198.51.100.9", List.of(agg)),
                address("2001:db8::7", List.of(agg))), List.of(agg, ebgp("r", "192.0.2.1", "dualStackAddressFamily", true)));

        assertThat(plan.routes().get("r")).extracting(r -> r.prefix().toString(), r -> r.addresses().size())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("198.51.100.0/24", 2),
                        org.assertj.core.groups.Tuple.tuple("2001:db8::/64", 1));
    }

    @Test
    void peersListedByTheAdvertisementAreTheOnlyOnesToGetIt() {
        ConfigResource onlyA = ad("only-a", "peers", List.of("a"));
        RoutePlan plan = plan(List.of(address("198.51.100.7", List.of(onlyA))),
                List.of(onlyA, ebgp("a", "192.0.2.1"), ebgp("b", "192.0.2.2")));

        assertThat(prefixes(plan, "a")).containsExactly("198.51.100.7/32");
        assertThat(prefixes(plan, "b")).isEmpty();
    }

    @Test
    void peersWhoseNodeSelectorsMissThisNodeAreNotInThePlan() {
        ConfigResource all = ad("all");
        RoutePlan plan = plan(List.of(address("198.51.100.7", List.of(all))), List.of(all,
                ebgp("here", "192.0.2.1", "nodeSelectors", Resources.labels("rack", "a")),
                ebgp("elsewhere", "192.0.2.2", "nodeSelectors", Resources.labels("rack", "b"))));

        assertThat(plan.routes()).containsOnlyKeys("here");
    }

    @Test
    void advertisementNodeSelectorsAndCandidateNodesDecideWhetherThisNodeAnnounces() {
        ConfigResource otherRack = ad("other-rack", "nodeSelectors", Resources.labels("rack", "b"));
        ConfigResource all = ad("all");
        RoutePlan plan = plan(List.of(address("198.51.100.7", List.of(otherRack)),
                address("198.51.100.8", List.of(all), "node-b")), List.of(otherRack, all, ebgp("r", "192.0.2.1")));

        assertThat(prefixes(plan, "r")).isEmpty();
    }

    @Test
    void peersGivenTheSameRouteShareOneObjectAndOthersDoNot() {
        ConfigResource pref = ad("pref", "localPref", 150);
        RoutePlan plan = plan(List.of(address("198.51.100.7", List.of(pref))),
                List.of(pref, ebgp("a", "192.0.2.1"), ebgp("b", "192.0.2.2"), ibgp("internal", "192.0.2.3")));

        Route a = plan.routes().get("a").get(0);
        assertThat(plan.routes().get("b").get(0)).isSameAs(a);
        // LOCAL_PREF makes the iBGP peer's route a different one
        assertThat(plan.routes().get("internal").get(0)).isNotEqualTo(a);
        assertThat(a.addresses()).containsExactly(IpAddress.parse("198.51.100.7"));
    }

    @Test
    void localPrefGoesToIbgpPeersOnly() {
        ConfigResource pref = ad("pref", "localPref", 150);
        RoutePlan plan = plan(List.of(address("198.51.100.7", List.of(pref))),
                List.of(pref, ebgp("external", "192.0.2.1"), ibgp("internal", "192.0.2.2")));

        assertThat(plan.routes().get("external").get(0).localPref()).isEmpty();
        assertThat(plan.routes().get("internal").get(0).localPref()).contains(150L);
    }

    @Test
    void communitiesOfSeveralAdvertisementsForOnePrefixAreMerged() {
        ConfigResource gold = ad("gold", "communities", List.of("gold", "large:64500:1:1"));
        ConfigResource export = ad("export", "communities", List.of("no-export", "64500:100"));
        RoutePlan plan = plan(List.of(address("198.51.100.7", List.of(export, gold))),
                List.of(aliases("c", "gold", "64500:100"), gold, export, ebgp("r", "192.0.2.1")));

        Route route = plan.routes().get("r").get(0);
        assertThat(route.communities()).containsExactly(64500L << 16 | 100, 0xFFFF_FF01L);
        assertThat(route.largeCommunities()).containsExactly(new Community.Large(64500, 1, 1));
        assertThat(route.advertisements()).containsExactly("export", "gold");
    }

    @Test
    void conflictingLocalPrefsAreReportedAndTheHighestKept() {
        ConfigResource low = ad("low", "localPref", 100);
        ConfigResource high = ad("high", "localPref", 200);
        ConfigResource unset = ad("unset");
        RoutePlan plan = plan(List.of(address("198.51.100.7", List.of(high, low, unset))),
                List.of(low, high, unset, ibgp("r", "192.0.2.1")));

        assertThat(plan.routes().get("r").get(0).localPref()).contains(200L);
        assertThat(plan.conflicts()).containsExactly(
                "BGPPeer \"r\" 198.51.100.7/32: LOCAL_PREF {100=low, 200=high} from different BGPAdvertisements; keeping the highest");
    }

    @Test
    void noAdvertisementsMeansEveryPeerWithNothing() {
        RoutePlan plan = plan(List.of(), List.of(ebgp("r", "192.0.2.1")));

        assertThat(plan.routes()).containsOnlyKeys("r");
        assertThat(plan.routes().get("r")).isEmpty();
        assertThat(plan.conflicts()).isEmpty();
    }

    @Test
    void invariantsHoldOverRandomStates() {
        long seed = 20261202L;
        Random random = new Random(seed);
        int routes = 0;
        int withLocalPref = 0;
        for (int round = 0; round < 300; round++) {
            List<ConfigResource> resources = new ArrayList<>();
            List<ConfigResource> ads = new ArrayList<>();
            int peers = 1 + random.nextInt(4);
            for (int p = 0; p < peers; p++) {
                String address = random.nextBoolean() ? "192.0.2." + (p + 1) : "2001:db8:ff::" + (p + 1);
                List<Object> kv = new ArrayList<>(List.of("myASN", 64500, "peerASN", random.nextBoolean() ? 64500 : 64501,
                        "peerAddress", address, "dualStackAddressFamily", random.nextBoolean()));
                if (random.nextInt(3) == 0) {
                    kv.addAll(List.of("nodeSelectors", Resources.labels("rack", random.nextBoolean() ? "a" : "b")));
                }
                resources.add(peer("p" + p, kv.toArray()));
            }
            int adCount = 1 + random.nextInt(4);
            for (int a = 0; a < adCount; a++) {
                List<Object> kv = new ArrayList<>(List.of("aggregationLength", 24 + random.nextInt(9),
                        "aggregationLengthV6", 64 + random.nextInt(65), "localPref", random.nextInt(3) * 100,
                        "communities", List.of("64500:" + random.nextInt(4))));
                if (random.nextBoolean()) {
                    kv.addAll(List.of("peers", List.of("p" + random.nextInt(peers))));
                }
                if (random.nextInt(4) == 0) {
                    kv.addAll(List.of("nodeSelectors", Resources.labels("rack", random.nextBoolean() ? "a" : "b")));
                }
                ads.add(ad("ad" + a, kv.toArray()));
            }
            resources.addAll(ads);
            List<Advertisement> addresses = new ArrayList<>();
            for (int i = 0; i < 1 + random.nextInt(8); i++) {
                String ip = random.nextBoolean() ? "198.51.100." + random.nextInt(256)
                        : "2001:db8::" + Integer.toHexString(random.nextInt(65536));
                List<ConfigResource> selectedBy = ads.stream().filter(x -> random.nextBoolean()).toList();
                addresses.add(address(ip, selectedBy, random.nextInt(5) == 0 ? "node-b" : NODE));
            }
            BgpConfig config = BgpConfig.from(resources);
            RoutePlan plan = plan(addresses, resources);

            String context = "seed " + seed + " round " + round;
            for (Map.Entry<String, List<Route>> entry : plan.routes().entrySet()) {
                PeerConfig peer = config.peers().get(entry.getKey());
                assertThat(peer.selectsNode(LABELS)).as(context).isTrue();
                for (Route route : entry.getValue()) {
                    routes++;
                    withLocalPref += route.localPref().isPresent() ? 1 : 0;
                    assertThat(route.addresses()).as(context).isNotEmpty().allMatch(route.prefix()::contains);
                    for (String adName : route.advertisements()) {
                        assertThat(config.advertisements().get(adName).allowsPeer(peer.name()))
                                .as(context + ": " + adName + " names other peers than " + peer.name()).isTrue();
                    }
                    if (!peer.internal()) {
                        assertThat(route.localPref()).as(context).isEmpty();
                    }
                    assertThat(peer.dualStackAddressFamily() || route.prefix().family()
                            == peer.peerAddress().orElseThrow().family()).as(context).isTrue();
                    for (IpAddress a : route.addresses()) {
                        Advertisement source = addresses.stream().filter(x -> x.address().equals(a)
                                && x.candidateNodes().contains(NODE)).findFirst().orElse(null);
                        assertThat(source).as(context + ": " + a + " is not for this node").isNotNull();
                    }
                }
                Set<IpPrefix> distinct = entry.getValue().stream().map(Route::prefix).collect(Collectors.toSet());
                assertThat(distinct).as(context + ": one route per prefix").hasSize(entry.getValue().size());
            }
            assertThat(RoutePlanner.plan(new AnnouncerState(addresses, resources), NODE, LABELS)).as(context)
                    .isEqualTo(plan);
        }
        assertThat(routes).as("routes checked").isGreaterThan(300);
        assertThat(withLocalPref).as("routes with LOCAL_PREF checked").isGreaterThan(30);
    }
}
