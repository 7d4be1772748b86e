package io.barelb.announcer.layer2;

import static org.assertj.core.api.Assertions.assertThat;

import io.barelb.api.ServiceKey;
import io.barelb.api.announce.Advertisement;
import io.barelb.api.announce.NodeFacts;
import io.barelb.api.config.ConfigResource;
import io.barelb.api.net.IpAddress;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The election of one address as the announcer runs it: liveness, data-path health and withheld addresses, then
 * MetalLB's order: the summed {@code preferredNodeSelectors} weight first, then the hash. For 192.0.2.200 the hash
 * order is node-2, node-3, node-1 ({@link OwnerElectionTest}).
 */
class AddressElectionTest {

    private static final IpAddress VIP = IpAddress.parse("192.0.2.200");
    private static final Set<String> ALL = Set.of("node-1", "node-2", "node-3");
    private static final Set<String> ETH0 = Set.of("eth0");
    private static final MembershipView ALL_ALIVE = new MembershipView(true, ALL, Map.of(), 0);
    private static final Map<String, NodeFacts> NODES = Map.of(
            "node-1", PreferredNodesTest.node("node-1", Map.of("zone", "a", "disk", "ssd")),
            "node-2", PreferredNodesTest.node("node-2", Map.of("zone", "b")),
            "node-3", PreferredNodesTest.node("node-3", Map.of("zone", "a")));

    @Test
    void withoutPreferencesTheLowestHashWins() {
        assertThat(owner(ad(List.of()), "node-1", ETH0, false, ALL_ALIVE, NODES)).contains("node-2");
    }

    @Test
    void theHighestSummedWeightWinsOverTheHash() {
        // node-1: 10 (zone a) + 5 (ssd) = 15; node-3: 10; node-2: 0. The hash alone would pick node-2, then node-3.
        ConfigResource zoneA = PreferredNodesTest.preferring("zone-a", PreferredNodesTest.prefer(10, "zone", "a"));
        ConfigResource ssd = PreferredNodesTest.preferring("ssd", PreferredNodesTest.prefer(5, "disk", "ssd"));

        assertThat(owner(ad(List.of(zoneA, ssd)), "node-2", ETH0, false, ALL_ALIVE, NODES))
                .contains("node-1");
    }

    @Test
    void amongNodesOfEqualWeightTheHashDecides() {
        // node-1 and node-3 both weigh 10: node-3 hashes lower than node-1; node-2 (weight 0) is out
        ConfigResource zoneA = PreferredNodesTest.preferring("zone-a", PreferredNodesTest.prefer(10, "zone", "a"));

        assertThat(owner(ad(List.of(zoneA)), "node-1", ETH0, false, ALL_ALIVE, NODES)).contains("node-3");
    }

    @Test
    void whenThePreferredNodesAreGoneTheRestCompeteByHash() {
        ConfigResource zoneA = PreferredNodesTest.preferring("zone-a", PreferredNodesTest.prefer(10, "zone", "a"));
        MembershipView onlyNode2 = new MembershipView(true, Set.of("node-2"), Map.of(), 0);

        assertThat(owner(ad(List.of(zoneA)), "node-2", ETH0, false, onlyNode2, NODES)).contains("node-2");
    }

    @Test
    void theWeightIsWeighedOnlyAmongNodesAliveHealthyAndNotWithholding() {
        ConfigResource zoneA = PreferredNodesTest.preferring("zone-a", PreferredNodesTest.prefer(10, "zone", "a"));
        // node-3 published no usable interface, node-1 withholds the address: node-2 is the only one left
        MembershipView view = new MembershipView(true, ALL, Map.of("node-3", Set.of()), 0,
                Map.of("node-1", Set.of(VIP.toString())));

        assertThat(owner(ad(List.of(zoneA)), "node-2", ETH0, false, view, NODES)).contains("node-2");
        assertThat(owner(ad(List.of(zoneA)), "node-2", ETH0, true, view, NODES))
                .as("this node is handing the address back").isEmpty();
    }

    /** The election keyed by the advertisement's own address, as for a single-stack Service. */
    private static java.util.Optional<String> owner(Advertisement ad, String self, Set<String> usable,
                                                    boolean handingBack, MembershipView view,
                                                    Map<String, NodeFacts> nodes) {
        return AddressElection.owner(ad, ad.address(), self, usable, handingBack, view, nodes);
    }

    private static Advertisement ad(List<ConfigResource> preferring) {
        return new Advertisement(new ServiceKey("default", "web"), VIP, "default", ALL, List.of(), false, preferring);
    }
}
