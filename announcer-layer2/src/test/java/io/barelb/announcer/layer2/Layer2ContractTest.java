package io.barelb.announcer.layer2;

import io.barelb.api.announce.Announcer;
import io.barelb.api.announce.AnnouncerFactory;
import io.barelb.api.announce.AnnouncerState;
import io.barelb.api.config.ConfigResource;
import io.barelb.api.net.IpAddress;
import io.barelb.tck.AnnouncerContract;
import io.barelb.tck.AnnouncerStates;
import io.barelb.tck.InvalidResource;
import io.barelb.tck.Resources;
import io.barelb.tck.TestPluginContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The layer2 announcer keeps the announcer contract of the plugin kit: the real announcer, responder and election
 * over in-memory frames ({@link MemoryPacketIo}) and the real netlink link watch; "announced" is what answers an
 * ARP request on eth0.
 */
class Layer2ContractTest extends AnnouncerContract {

    private static final ConfigResource AD = Resources.of("L2Advertisement", "lab", Map.of("ipAddressPools",
            List.of("lab"), "interfaces", List.of("eth0", "eth1")));
    private static final ConfigResource ON_ETH2 = Resources.of("L2Advertisement", "lab", Map.of("ipAddressPools",
            List.of("lab"), "interfaces", List.of("eth2")));
    private static final MacAddress ETH0 = MacAddress.parse("02:00:00:00:00:0b");
    private static final MacAddress ETH1 = MacAddress.parse("02:00:00:00:01:0b");
    private static final MacAddress ETH2 = MacAddress.parse("02:00:00:00:02:0b");

    private final MemoryPacketIo io = new MemoryPacketIo();
    private volatile AnnouncerState lastApplied = AnnouncerState.empty();

    @Override
    protected AnnouncerFactory factory() {
        return new Layer2AnnouncerFactory();
    }

    @Override
    protected Announcer create(TestPluginContext context) {
        Map<String, Link> links = new TreeMap<>(Map.of("eth0", new Link("eth0", ETH0, true, true),
                "eth1", new Link("eth1", ETH1, true, true), "eth2", new Link("eth2", ETH2, true, true), "lo", new Link("lo", MacAddress.ZERO, true, false)));
        // the real netlink link watch too, so the contract's release checks cover its thread and socket
        Layer2Announcer announcer = new Layer2Announcer("node-1", context, io, SpeakerMembership.none(),
                new LinkMonitor.Source(() -> links, new NetlinkLinkEvents(), 10, 2_000), Duration.ofSeconds(10),
                List.of(Duration.ZERO), Layer2Announcer.HANDBACK);
        return new Announcer() {
            @Override
            public void apply(io.barelb.api.announce.AnnouncerState desired) {
                lastApplied = desired;
                announcer.apply(desired);
            }

            @Override
            public List<io.barelb.api.announce.AnnouncementStatus> status() {
                return announcer.status();
            }

            @Override
            public void close() {
                announcer.close();
            }
        };
    }

    @Override
    protected AnnouncerState desiredState() {
        return AnnouncerStates.builder().resource(AD)
                .advertise("default/web", "192.0.2.200", "lab", Set.of("node-1"), List.of(AD))
                .advertise("default/api", "192.0.2.201", "lab", Set.of("node-1", "node-2"), List.of(AD))
                .advertise("shop/cart", "192.0.2.201", "lab", Set.of("node-1", "node-2"), List.of(AD))
                .build();
    }

    @Override
    protected Set<IpAddress> expectedAnnounced(AnnouncerState state) {
        // node-1 wins the election for both addresses; IPv6 answers are NDP, which this probe does not ask
        Set<IpAddress> expected = super.expectedAnnounced(state);
        expected.removeIf(address -> !address.isIpv4() || !desiredAddresses().contains(address));
        return expected;
    }

    private Set<IpAddress> desiredAddresses() {
        return new TreeSet<>(List.of(IpAddress.parse("192.0.2.200"), IpAddress.parse("192.0.2.201")));
    }

    /** The addresses whose ARP request, injected on eth0 now, is answered. */
    @Override
    protected Set<IpAddress> announcedNow() throws InterruptedException {
        Set<IpAddress> answered = new TreeSet<>();
        for (IpAddress address : desiredAddresses()) {
            long before = replies(address);
            if (!io.inject("eth0", new ArpPacket(ArpPacket.REQUEST, MalformedFrames.CLIENT, IpAddress.parse("192.0.2.100"),
                    MacAddress.ZERO, address).toFrame(MacAddress.BROADCAST, MalformedFrames.CLIENT))) {
                continue; // no capture open on eth0: nothing answers
            }
            long deadline = System.nanoTime() + Duration.ofMillis(300).toNanos();
            while (replies(address) == before && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            if (replies(address) > before) {
                answered.add(address);
            }
        }
        return answered;
    }

    /** ARP replies to the test's client that say {@code address} is here. */
    private long replies(IpAddress address) {
        return io.sent().stream().filter(sent -> MacAddress.read(sent.frame(), 0).equals(MalformedFrames.CLIENT))
                .filter(sent -> {
                    try {
                        ArpPacket arp = ArpPacket.decode(sent.frame(), 14);
                        return arp.operation() == ArpPacket.REPLY && arp.senderProtocolAddress().equals(address);
                    } catch (MalformedFrameException notArp) {
                        return false;
                    }
                }).count();
    }

    /** Unsolicited frames (gratuitous ARP, unsolicited NA): what a re-announcement would add. */
    @Override
    protected long externalActions() {
        return io.sent().stream().filter(sent -> !MacAddress.read(sent.frame(), 0).equals(MalformedFrames.CLIENT)).count();
    }

    @Override
    protected AnnouncerState breakAnnouncing() {
        // the advertisement moves to eth2, where capture is refused (as without CAP_NET_RAW)
        io.failOn("eth2");
        return AnnouncerStates.builder().resource(ON_ETH2)
                .advertise("default/web", "192.0.2.200", "lab", Set.of("node-1"), List.of(ON_ETH2)).build();
    }

    @Override
    protected AnnouncerState repairAnnouncing() {
        io.clearFailures();
        return desiredState();
    }

    @Override
    protected List<ConfigResource> validResources() {
        return List.of(AD, Resources.of("L2Advertisement", "picky", Map.of("ipAddressPoolSelectors",
                        List.of(Map.of("matchLabels", Map.of("zone", "a"))), "nodeSelectors",
                        List.of(Map.of("matchExpressions", List.of(Map.of("key", "rack", "operator", "In",
                                "values", List.of("r1", "r2"))))))),
                Resources.of("L2Advertisement", "preferring", Map.of("preferredNodeSelectors", List.of(Map.of(
                        "weight", 50, "preference", Map.of("matchLabels", Map.of("zone", "a")))))));
    }

    @Override
    protected List<InvalidResource> invalidResources() {
        return List.of(
                new InvalidResource(Resources.of("L2Advertisement", "typo", Map.of("interface", List.of("eth0"))),
                        "spec.interface"),
                new InvalidResource(Resources.of("L2Advertisement", "long-name", Map.of("interfaces",
                        List.of("a-name-longer-than-15"))), "spec.interfaces[0]"),
                new InvalidResource(Resources.of("L2Advertisement", "no-key", Map.of("nodeSelectors",
                        List.of(Map.of("matchExpressions", List.of(Map.of("operator", "Exists")))))),
                        "spec.nodeSelectors[0].matchExpressions[0].key"),
                new InvalidResource(Resources.of("L2Advertisement", "heavy", Map.of("preferredNodeSelectors",
                        List.of(Map.of("weight", 500, "preference", Map.of("matchLabels", Map.of("zone", "a")))))),
                        "spec.preferredNodeSelectors[0].weight"));
    }
}
