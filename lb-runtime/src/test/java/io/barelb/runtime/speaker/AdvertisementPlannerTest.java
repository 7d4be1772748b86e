package io.barelb.runtime.speaker;

import static io.barelb.runtime.speaker.Fixtures.endpoints;
import static io.barelb.runtime.speaker.Fixtures.l2Advertisement;
import static io.barelb.runtime.speaker.Fixtures.loadBalancer;
import static io.barelb.runtime.speaker.Fixtures.node;
import static org.assertj.core.api.Assertions.assertThat;

import io.barelb.api.announce.Advertisement;
import io.barelb.api.announce.AnnouncerState;
import io.barelb.api.announce.NodeFacts;
import io.barelb.api.config.ConfigResource;
import io.barelb.api.net.IpAddress;
import io.barelb.runtime.allocator.IpamRegistry;
import io.barelb.runtime.allocator.PoolLookup;
import io.barelb.runtime.model.AddressPool;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AdvertisementPlannerTest {

    private static final AddressPool POOL = new AddressPool("front", Map.of("tier", "web"), List.of("192.0.2.0/28"),
            true, false, Optional.empty());
    private static final AddressPool OTHER = AddressPool.simple("back", List.of("198.51.100.0/28"));
    private static final ConfigResource ALL_POOLS = l2Advertisement("all", Map.of());

    private static List<Advertisement> plan(String nodeName, List<Service> services, List<EndpointSlice> slices,
                                            List<Node> nodes, ConfigResource... ads) {
        ClusterView view = ClusterView.of(List.of(POOL, OTHER), List.of(ads), services, slices, nodes);
        PoolLookup pools = PoolLookup.of(new IpamRegistry(Fixtures.ipamFactories()), view.pools());
        AnnouncerState state = new AdvertisementPlanner(nodeName, Optional.empty())
                .plan(view, pools, "L2Advertisement", Set.of("L2Advertisement"));
        return state.advertisements();
    }

    @Test
    void clusterPolicyMakesEveryReadyNodeACandidate() {
        List<Advertisement> ads = plan("a", List.of(loadBalancer("web", "nginx", "Cluster", "192.0.2.1")),
                List.of(endpoints("web", "nginx", "b")), List.of(node("a"), node("b"), node("c")), ALL_POOLS);

        assertThat(ads).singleElement().satisfies(ad -> {
            assertThat(ad.address()).isEqualTo(IpAddress.parse("192.0.2.1"));
            assertThat(ad.pool()).isEqualTo("front");
            assertThat(ad.candidateNodes()).containsExactlyInAnyOrder("a", "b", "c");
            assertThat(ad.localTrafficPolicy()).isFalse();
            assertThat(ad.selectedBy()).extracting(ConfigResource::name).containsExactly("all");
        });
    }

    @Test
    void eachAdvertisementCarriesAllTheServicesAddressesInStatusOrder() {
        List<Advertisement> ads = plan("a", List.of(loadBalancer("web", "nginx", "Cluster", "198.51.100.1", "192.0.2.1")),
                List.of(endpoints("web", "nginx", "a")), List.of(node("a"), node("b")), ALL_POOLS);

        assertThat(ads).extracting(Advertisement::address)
                .containsExactly(IpAddress.parse("198.51.100.1"), IpAddress.parse("192.0.2.1"));
        assertThat(ads).allSatisfy(ad -> assertThat(ad.serviceAddresses())
                .as("the layer2 election keys a Service by its first address, as MetalLB")
                .containsExactly(IpAddress.parse("198.51.100.1"), IpAddress.parse("192.0.2.1")));
    }

    @Test
    void theSharingKeyComesFromEitherPrefixOfTheAnnotation() {
        io.fabric8.kubernetes.api.model.Service current = new io.fabric8.kubernetes.api.model.ServiceBuilder(
                loadBalancer("web", "nginx", "Cluster", "192.0.2.1")).editMetadata()
                .withAnnotations(Map.of("metallb.io/allow-shared-ip", " front ")).endMetadata().build();
        io.fabric8.kubernetes.api.model.Service old = new io.fabric8.kubernetes.api.model.ServiceBuilder(
                loadBalancer("web", "api", "Cluster", "192.0.2.2")).editMetadata()
                .withAnnotations(Map.of("metallb.universe.tf/allow-shared-ip", "back")).endMetadata().build();
        List<Advertisement> ads = plan("a", List.of(current, old, loadBalancer("web", "db", "Cluster", "192.0.2.3")),
                List.of(endpoints("web", "nginx", "a"), endpoints("web", "api", "a"), endpoints("web", "db", "a")),
                List.of(node("a")), ALL_POOLS);

        assertThat(ads).extracting(Advertisement::sharingKey).containsExactlyInAnyOrder("front", "back", "");
        assertThat(ads).filteredOn(ad -> ad.service().name().equals("db")).singleElement()
                .satisfies(ad -> assertThat(ad.mayShareAddress()).isFalse());
    }

    @Test
    void theStateCarriesTheFactsOfEveryCandidateAndEveryAdvertisementOfTheAddress() {
        Node a = new io.fabric8.kubernetes.api.model.NodeBuilder(node("a", true, Map.of("zone", "x")))
                .editStatus().addNewAddress().withType("InternalIP").withAddress("192.0.2.101").endAddress()
                .addNewAddress().withType("Hostname").withAddress("a.example").endAddress().endStatus().build();
        ConfigResource onlyB = l2Advertisement("only-b", Map.of("nodeSelectors",
                List.of(Map.of("matchLabels", Map.of("kubernetes.io/hostname", "b")))));
        ClusterView view = ClusterView.of(List.of(POOL), List.of(ALL_POOLS, onlyB),
                List.of(loadBalancer("web", "nginx", "Cluster", "192.0.2.1")), List.of(endpoints("web", "nginx", "b")),
                List.of(a, node("b"), node("c", false, Map.of())));
        PoolLookup pools = PoolLookup.of(new IpamRegistry(Fixtures.ipamFactories()), view.pools());

        AnnouncerState state = new AdvertisementPlanner("a", Optional.empty())
                .plan(view, pools, "L2Advertisement", Set.of("L2Advertisement"));

        assertThat(state.nodes()).containsOnlyKeys("a", "b");
        assertThat(state.node("a").orElseThrow()).isEqualTo(new NodeFacts("a", Map.of("zone", "x"), List.of(
                new NodeFacts.Address("InternalIP", "192.0.2.101"), new NodeFacts.Address("Hostname", "a.example"))));
        assertThat(state.node("a").orElseThrow().ipAddresses("InternalIP")).containsExactly(IpAddress.parse("192.0.2.101"));
        assertThat(state.advertisements()).singleElement().satisfies(ad -> {
            assertThat(ad.selectedBy()).extracting(ConfigResource::name).containsExactly("all");
            assertThat(ad.selectingAddress()).extracting(ConfigResource::name).containsExactly("all", "only-b");
        });
    }

    @Test
    void localPolicyKeepsOnlyNodesWithAServingEndpoint() {
        List<Service> services = List.of(loadBalancer("web", "nginx", "Local", "192.0.2.1"));
        List<EndpointSlice> slices = List.of(endpoints("web", "nginx", "b"));
        List<Node> nodes = List.of(node("a"), node("b"));

        assertThat(plan("a", services, slices, nodes, ALL_POOLS)).isEmpty();
        assertThat(plan("b", services, slices, nodes, ALL_POOLS)).singleElement()
                .satisfies(ad -> assertThat(ad.candidateNodes()).containsExactly("b"));
    }

    @Test
    void aServiceWithoutServingEndpointsIsNotAnnounced() {
        assertThat(plan("a", List.of(loadBalancer("web", "nginx", "Cluster", "192.0.2.1")), List.of(endpoints("web", "nginx")),
                List.of(node("a")), ALL_POOLS)).isEmpty();
    }

    @Test
    void excludedAndNotReadyNodesAreNoCandidates() {
        Node excluded = node("b", true, Map.of(AdvertisementPlanner.EXCLUDE_LABEL, ""));
        Node notReady = node("c", false, Map.of());
        List<Advertisement> ads = plan("a", List.of(loadBalancer("web", "nginx", "Cluster", "192.0.2.1")),
                List.of(endpoints("web", "nginx", "a")), List.of(node("a"), excluded, notReady), ALL_POOLS);

        assertThat(ads).singleElement().satisfies(ad -> assertThat(ad.candidateNodes()).containsExactly("a"));
        assertThat(plan("b", List.of(loadBalancer("web", "nginx", "Cluster", "192.0.2.1")),
                List.of(endpoints("web", "nginx", "a")), List.of(node("a"), excluded, notReady), ALL_POOLS)).isEmpty();
    }

    @Test
    void nodeSelectorsNarrowTheCandidates() {
        ConfigResource onlyA = l2Advertisement("only-a", Map.of("nodeSelectors",
                List.of(Map.of("matchLabels", Map.of("kubernetes.io/hostname", "a")))));
        List<Service> services = List.of(loadBalancer("web", "nginx", "Cluster", "192.0.2.1"));
        List<EndpointSlice> slices = List.of(endpoints("web", "nginx", "a"));

        assertThat(plan("a", services, slices, List.of(node("a"), node("b")), onlyA)).singleElement()
                .satisfies(ad -> assertThat(ad.candidateNodes()).containsExactly("a"));
        assertThat(plan("b", services, slices, List.of(node("a"), node("b")), onlyA)).isEmpty();
    }

    @Test
    void poolNamesPoolSelectorsAndServiceSelectorsDecideWhatIsAdvertised() {
        List<Service> services = List.of(loadBalancer("web", "nginx", "Cluster", "192.0.2.1"),
                loadBalancer("web", "api", "Cluster", "198.51.100.1"));
        List<EndpointSlice> slices = List.of(endpoints("web", "nginx", "a"), endpoints("web", "api", "a"));
        List<Node> nodes = List.of(node("a"));

        ConfigResource byName = l2Advertisement("by-name", Map.of("ipAddressPools", List.of("back")));
        assertThat(plan("a", services, slices, nodes, byName)).extracting(Advertisement::pool).containsExactly("back");

        ConfigResource byLabel = l2Advertisement("by-label", Map.of("ipAddressPoolSelectors",
                List.of(Map.of("matchLabels", Map.of("tier", "web")))));
        assertThat(plan("a", services, slices, nodes, byLabel)).extracting(Advertisement::pool).containsExactly("front");

        ConfigResource byService = l2Advertisement("by-service", Map.of("serviceSelectors",
                List.of(Map.of("matchExpressions", List.of(Map.of("key", "app", "operator", "In", "values", List.of("api")))))));
        assertThat(plan("a", services, slices, nodes, byService)).extracting(a -> a.service().name()).containsExactly("api");
    }

    @Test
    void addressesOutsideEveryPoolAndServicesOfAnotherClassAreIgnored() {
        Service classed = loadBalancer("web", "classed", "Cluster", "192.0.2.2");
        classed.getSpec().setLoadBalancerClass("example.com/other");
        List<Advertisement> ads = plan("a", List.of(loadBalancer("web", "stray", "Cluster", "203.0.113.7"), classed),
                List.of(endpoints("web", "stray", "a"), endpoints("web", "classed", "a")), List.of(node("a")), ALL_POOLS);

        assertThat(ads).isEmpty();
    }

    @Test
    void withoutAnAdvertisementNothingIsAnnounced() {
        assertThat(plan("a", List.of(loadBalancer("web", "nginx", "Cluster", "192.0.2.1")),
                List.of(endpoints("web", "nginx", "a")), List.of(node("a")))).isEmpty();
    }
}
