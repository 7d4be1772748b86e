package io.barelb.announcer.layer2;

import static io.barelb.announcer.layer2.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.barelb.api.ServiceKey;
import io.barelb.api.announce.Advertisement;
import io.barelb.api.announce.AnnouncementStatus;
import io.barelb.api.announce.AnnouncerState;
import io.barelb.api.announce.NodeFacts;
import io.barelb.api.config.ConfigResource;
import io.barelb.api.net.IpAddress;
import io.barelb.tck.RecordedEvent;
import io.barelb.tck.TestPluginContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The announcer's behaviour with its real responder, election and metrics, over in-memory frames, a membership
 * the test controls and link state the test sets. Node names and the address are chosen so that the election
 * order is known: for 192.0.2.200, node-2 before node-3 before node-1.
 */
class Layer2AnnouncerTest {

    private static final IpAddress VIP = IpAddress.parse("192.0.2.200");
    private static final ServiceKey WEB = new ServiceKey("default", "web");
    private static final MacAddress ETH0 = MacAddress.parse("02:00:00:00:00:0b");
    private static final MacAddress ETH1 = MacAddress.parse("02:00:00:00:01:0b");
    private static final Set<String> ALL = Set.of("node-1", "node-2", "node-3");

    private final MemoryPacketIo io = new MemoryPacketIo();
    private final ControlledMembership membership = new ControlledMembership();
    private final AtomicReference<Map<String, Link>> links = new AtomicReference<>(links(true, true));
    private TestPluginContext context;
    private Layer2Announcer announcer;

    @AfterEach
    void close() {
        if (announcer != null) {
            announcer.close();
        }
        if (context != null) {
            context.close();
        }
    }

    @Test
    void theOwnerAnnouncesGratuitouslyAndAnswersArp() throws Exception {
        start("node-2");

        announcer.apply(state(ALL));

        assertThat(announcer.status()).containsExactly(
                new AnnouncementStatus(WEB, VIP, true, List.of("eth0", "eth1"), "announcing from node node-2 on eth0,eth1"));
        // MetalLB's ServiceL2Status of the Service, which the speaker writes for the kind the factory declares
        assertThat(announcer.serviceStatuses()).containsExactly(new io.barelb.api.announce.ServiceStatus(WEB,
                Map.of("interfaces", List.of(Map.of("name", "eth0"), Map.of("name", "eth1")))));
        assertThat(new Layer2AnnouncerFactory().statusKind()).contains(Layer2AnnouncerFactory.SERVICE_L2_STATUS);
        await(() -> gratuitousSent() == 4);
        assertThat(io.inject("eth0", arpRequest(VIP))).isTrue();
        await(() -> repliesTo(MalformedFrames.CLIENT).size() == 1);
        assertThat(repliesTo(MalformedFrames.CLIENT).get(0).interfaceName()).isEqualTo("eth0");
        assertThat(metric(Layer2Metrics.REQUESTS_RECEIVED)).isEqualTo(1);
        assertThat(metric(Layer2Metrics.RESPONSES_SENT)).isEqualTo(1);
        assertThat(context.metrics().hasGauge(Layer2Metrics.ANNOUNCED, Map.of("ip", VIP.toString(), "node", "node-2"))).isTrue();
        assertThat(context.recordedEvents()).as("the speaker emits nodeAssigned from the status").isEmpty();
    }

    @Test
    void aCaptureThatCannotBeOpenedIsAWarningOnTheServiceOnce() throws Exception {
        io.failOn("eth1");
        start("node-2");

        announcer.apply(state(ALL));
        announcer.apply(state(ALL));

        assertThat(context.recordedEvents()).containsExactly(new RecordedEvent(WEB, "Warning", "NetworkFailure",
                "cannot announce 192.0.2.200 on eth1: cannot capture on interface eth1: Operation not permitted"));
        assertThat(io.openInterfaces()).containsExactly("eth0");
        await(() -> gratuitousSent() == 2);
    }

    @Test
    void thisNodesUsableInterfacesArePublishedToTheOtherSpeakers() {
        start("node-1");

        announcer.apply(state(ALL));

        assertThat(membership.published).isEqualTo(Set.of("eth0", "eth1"));
    }

    @Test
    void aNodeThatLosesTheElectionOpensNothing() {
        start("node-1");

        announcer.apply(state(ALL));

        assertThat(announcer.status()).containsExactly(new AnnouncementStatus(WEB, VIP, false, List.of(), "owner is node-2"));
        assertThat(announcer.serviceStatuses()).as("no ServiceL2Status on a node that does not announce").isEmpty();
        assertThat(io.opened()).isEmpty();
    }

    @Test
    void aDualStackServiceIsElectedByItsFirstAddressSoBothFamiliesLandOnOneNode() {
        // by its own hash 2001:db8::200 would go to node-1 and 192.0.2.200 to node-2 (OwnerElectionTest's vectors);
        // MetalLB elects the whole Service by its first address, 192.0.2.200: node-2 for both
        IpAddress v6 = IpAddress.parse("2001:db8::200");
        List<IpAddress> both = List.of(VIP, v6);
        AnnouncerState dualStack = new AnnouncerState(List.of(
                new Advertisement(WEB, VIP, "default", ALL, List.of(), false, List.of(), both),
                new Advertisement(WEB, v6, "default", ALL, List.of(), false, List.of(), both)), List.of());
        start("node-1");

        announcer.apply(dualStack);

        assertThat(announcer.status()).containsExactly(
                new AnnouncementStatus(WEB, VIP, false, List.of(), "owner is node-2"),
                new AnnouncementStatus(WEB, v6, false, List.of(), "owner is node-2"));
        assertThat(io.opened()).isEmpty();
    }

    @Test
    void anAddressSharedWithADualStackServiceIsElectedByTheLowestFirstAddressOfItsServices() {
        // db serves on 2001:db8::200 alone and shares it with the dual-stack web: every Service holding the address
        // must elect the same owner, so the address takes web's first address as key (lower than its own): node-2
        IpAddress v6 = IpAddress.parse("2001:db8::200");
        ServiceKey db = new ServiceKey("default", "db");
        AnnouncerState shared = new AnnouncerState(List.of(
                new Advertisement(WEB, VIP, "default", ALL, List.of(), false, List.of(), List.of(VIP, v6)),
                new Advertisement(WEB, v6, "default", ALL, List.of(), false, List.of(), List.of(VIP, v6)),
                new Advertisement(db, v6, "default", ALL, List.of(), false, List.of(), List.of(v6))), List.of());
        start("node-1");

        announcer.apply(shared);

        assertThat(announcer.status()).extracting(AnnouncementStatus::message)
                .containsExactly("owner is node-2", "owner is node-2", "owner is node-2");
    }

    @Test
    void aServiceThatMayShareItsAddressIsNotAnnouncedThroughAnAdvertisementWithServiceSelectors() {
        // MetalLB's rule (its #3025): siblings sharing the address matched by different advertisements could elect
        // two nodes; an advertisement without serviceSelectors, or a Service without the annotation, is announced
        ConfigResource bySelector = L2AdvertisementConfigTest.ad("by-label",
                Map.of("serviceSelectors", List.of(Map.of("matchLabels", Map.of("app", "web")))));
        ConfigResource plain = L2AdvertisementConfigTest.ad("plain", Map.of());
        ServiceKey db = new ServiceKey("default", "db");
        IpAddress other = IpAddress.parse("192.0.2.201");
        start("node-2");

        announcer.apply(new AnnouncerState(List.of(
                new Advertisement(WEB, VIP, "default", ALL, List.of(bySelector, plain), false,
                        List.of(bySelector, plain), List.of(VIP), "shared-key"),
                new Advertisement(db, other, "default", ALL, List.of(bySelector), false, List.of(bySelector),
                        List.of(other), "")), List.of(bySelector, plain)));

        assertThat(announcer.status()).hasSize(2);
        assertThat(announcer.status().get(0).announced()).isFalse();
        assertThat(announcer.status().get(0).message()).startsWith("not announced: the Service has allow-shared-ip"
                + " \"shared-key\" and L2Advertisement \"by-label\" selects Services by serviceSelectors");
        assertThat(announcer.status().get(1).message()).as("no annotation: the advertisement's selectors do not matter")
                .doesNotStartWith("not announced");

        announcer.apply(new AnnouncerState(List.of(new Advertisement(WEB, VIP, "default", ALL, List.of(plain), false,
                List.of(plain), List.of(VIP), "shared-key")), List.of(plain)));

        assertThat(announcer.status().get(0).message()).as("only advertisements without serviceSelectors select it")
                .doesNotStartWith("not announced");
    }

    @Test
    void applyingTheSameStateTwiceChangesNothing() throws Exception {
        start("node-2");
        announcer.apply(state(ALL));
        await(() -> gratuitousSent() == 4);

        announcer.apply(state(ALL));
        flushScheduler();

        assertThat(gratuitousSent()).isEqualTo(4);
        assertThat(io.opened()).containsExactly("eth0", "eth1");
    }

    @Test
    void whenTheOwnersSpeakerDiesTheNextNodeTakesOverAndGivesBackWhenItReturns() throws Exception {
        start("node-3");
        membership.set(Set.of("node-1", "node-2", "node-3"), Map.of(), 0);
        announcer.apply(state(ALL));
        assertThat(announcer.status().get(0).announced()).isFalse();

        membership.set(Set.of("node-1", "node-3"), Map.of(), 0);

        await(() -> announcer.status().get(0).announced());
        await(() -> gratuitousSent() == 4);
        membership.set(Set.of("node-1", "node-2", "node-3"), Map.of(), 0);
        await(() -> announcer.status().get(0).message().equals("owner is node-2"));
        assertThat(io.openInterfaces()).isEmpty();
        assertThat(context.metrics().hasGauge(Layer2Metrics.ANNOUNCED, Map.of("ip", VIP.toString(), "node", "node-3"))).isFalse();
        assertThat(io.inject("eth0", arpRequest(VIP))).isFalse();
    }

    @Test
    void aNodeThatPublishedNoUsableInterfaceIsNotEligible() throws Exception {
        start("node-3");
        membership.set(ALL, Map.of("node-2", Set.of()), 0);

        announcer.apply(state(ALL));

        assertThat(announcer.status().get(0).announced()).as("node-2 published no usable interface").isTrue();
    }

    @Test
    void theOwnerGivesUpWhenItsLinkGoesDown() throws Exception {
        start("node-2");
        announcer.apply(state(ALL));
        await(() -> gratuitousSent() == 4);

        links.set(links(false, false));

        await(() -> !announcer.status().get(0).announced());
        assertThat(announcer.status().get(0).message()).isEqualTo("owner is node-3");
        assertThat(io.openInterfaces()).isEmpty();
        assertThat(membership.published).isEqualTo(Set.of());
    }

    @Test
    void interfacesOfTheAdvertisementRestrictWhereItAnswers() throws Exception {
        start("node-2");
        ConfigResource onlyEth1 = L2AdvertisementConfigTest.ad("eth1-only", Map.of("interfaces", List.of("eth1")));

        announcer.apply(new AnnouncerState(List.of(new Advertisement(WEB, VIP, "default", ALL, List.of(onlyEth1), false)),
                List.of(onlyEth1)));

        assertThat(announcer.status().get(0).where()).containsExactly("eth1");
        assertThat(io.openInterfaces()).containsExactly("eth1");
        await(() -> gratuitousSent() == 2);
        assertThat(io.sent()).allMatch(sent -> sent.interfaceName().equals("eth1"));
    }

    @Test
    void aPreferredNodeIsElectedWhileItIsAliveAndTheElectionFallsBackWhenItDies() throws Exception {
        // without preferences node-2 wins; node-1 is preferred by its label
        ConfigResource preferZoneA = PreferredNodesTest.preferring("zone-a", PreferredNodesTest.prefer(50, "zone", "a"));
        Map<String, NodeFacts> nodes = Map.of("node-1", PreferredNodesTest.node("node-1", Map.of("zone", "a")),
                "node-2", PreferredNodesTest.node("node-2", Map.of("zone", "b")),
                "node-3", PreferredNodesTest.node("node-3", Map.of("zone", "b")));
        AnnouncerState preferring = new AnnouncerState(List.of(new Advertisement(WEB, VIP, "default", ALL, List.of(), false,
                List.of(preferZoneA))), List.of(preferZoneA), nodes);
        start("node-2");
        membership.set(ALL, Map.of(), 0);

        announcer.apply(preferring);

        assertThat(announcer.status()).containsExactly(new AnnouncementStatus(WEB, VIP, false, List.of(), "owner is node-1"));
        membership.set(Set.of("node-2", "node-3"), Map.of(), 0);
        await(() -> announcer.status().get(0).announced());
        membership.set(ALL, Map.of(), 0);
        await(() -> announcer.status().get(0).message().equals("owner is node-1"));
    }

    @Test
    void anOwnerThatCannotOpenAnyInterfaceReportsFailed() throws Exception {
        io.failOn("eth0");
        io.failOn("eth1");
        start("node-2");

        announcer.apply(state(ALL));

        AnnouncementStatus status = announcer.status().get(0);
        assertThat(status.state()).isEqualTo(AnnouncementStatus.State.FAILED);
        assertThat(status.message()).isEqualTo("node node-2 owns 192.0.2.200 but cannot announce it: cannot capture on "
                + "interface eth0: Operation not permitted; cannot capture on interface eth1: Operation not permitted");
        assertThat(context.metrics().hasGauge(Layer2Metrics.ANNOUNCED, Map.of("ip", VIP.toString(), "node", "node-2")))
                .as("not announced while no capture is open").isFalse();
        io.clearFailures();
        announcer.apply(state(ALL));
        assertThat(announcer.status().get(0).state()).as("applying again retries the capture")
                .isEqualTo(AnnouncementStatus.State.ANNOUNCED);
        await(() -> gratuitousSent() == 4); // the takeover is announced once the captures open, as on both links
    }

    @Test
    void malformedFramesAreCountedAndTheResponderCarriesOn() throws Exception {
        start("node-2");
        announcer.apply(state(ALL));

        io.inject("eth0", new byte[] {1, 2, 3});
        io.inject("eth0", arpRequest(VIP));

        await(() -> repliesTo(MalformedFrames.CLIENT).size() == 1);
        assertThat(context.metrics().value(Layer2Metrics.MALFORMED_FRAMES, Map.of("interface", "eth0"))).isEqualTo(1);
    }

    @Test
    void aHealedSplitMakesTheOwnerAnnounceAgain() throws Exception {
        start("node-2");
        membership.set(ALL, Map.of(), 0);
        announcer.apply(state(ALL));
        await(() -> gratuitousSent() == 4);

        membership.set(ALL, Map.of(), 1);

        await(() -> gratuitousSent() == 8);
    }

    @Test
    void aSpeakerThatIsJoiningClaimsNothingUntilItHasJoined() throws Exception {
        membership.joining();
        start("node-2");

        announcer.apply(state(ALL));

        assertThat(announcer.status()).containsExactly(new AnnouncementStatus(WEB, VIP, false, List.of(), "node node-2 is"
                + " joining the membership group and claims no address until it has joined (at most 10000 ms)"));
        assertThat(io.opened()).isEmpty();
        assertThat(io.inject("eth0", arpRequest(VIP))).as("no capture answers").isFalse();
        membership.set(ALL, Map.of(), 0);
        await(() -> announcer.status().get(0).announced());
        await(() -> gratuitousSent() == 4);
    }

    @Test
    void aSpeakerThatJoinedAloneAnnouncesWhatItWins() throws Exception {
        membership.joining();
        start("node-1");
        announcer.apply(state(ALL));

        membership.set(Set.of("node-1"), Map.of(), 0);

        await(() -> announcer.status().get(0).announced());
    }

    @Test
    void pastTheJoinWaitASpeakerStillJoiningAnnouncesAsWithoutMembership() throws Exception {
        membership.joining();
        context = TestPluginContext.builder("layer2").node("node-2").schedulerThreads(1).build();
        announcer = new Layer2Announcer("node-2", context, io, membership, new LinkMonitor.Source(links::get,
                LinkEvents.none(), 10, 10), Duration.ofMillis(300), List.of(Duration.ZERO), Layer2Announcer.HANDBACK);

        announcer.apply(state(ALL));
        assertThat(announcer.status().get(0).announced()).isFalse();

        await(() -> announcer.status().get(0).announced());
        assertThat(announcer.status().get(0).message()).isEqualTo("announcing from node node-2 on eth0,eth1");
    }

    @Test
    void closingWithdrawsEverything() {
        start("node-2");
        announcer.apply(state(ALL));

        announcer.close();
        announcer.close();

        assertThat(io.openInterfaces()).isEmpty();
        assertThat(announcer.status()).isEmpty();
        assertThat(membership.closed).isTrue();
    }

    // ---- helpers

    private void start(String node) {
        context = TestPluginContext.builder("layer2").node(node).schedulerThreads(1).build();
        announcer = new Layer2Announcer(node, context, io, membership, links::get, 10, List.of(Duration.ZERO));
    }

    private static AnnouncerState state(Set<String> candidates) {
        return new AnnouncerState(List.of(new Advertisement(WEB, VIP, "default", candidates, List.of(), false)), List.of());
    }

    private static Map<String, Link> links(boolean eth0Up, boolean eth1Up) {
        Map<String, Link> map = new TreeMap<>();
        map.put("eth0", new Link("eth0", ETH0, eth0Up, true));
        map.put("eth1", new Link("eth1", ETH1, eth1Up, true));
        map.put("lo", new Link("lo", MacAddress.ZERO, true, false));
        return map;
    }

    private static byte[] arpRequest(IpAddress target) {
        return new ArpPacket(ArpPacket.REQUEST, MalformedFrames.CLIENT, IpAddress.parse("192.0.2.100"), MacAddress.ZERO,
                target).toFrame(MacAddress.BROADCAST, MalformedFrames.CLIENT);
    }

    private long gratuitousSent() {
        return metric(Layer2Metrics.GRATUITOUS_SENT);
    }

    private long metric(String name) {
        return context.metrics().value(name, Map.of("ip", VIP.toString()));
    }

    private List<MemoryPacketIo.Sent> repliesTo(MacAddress mac) {
        return io.sent().stream().filter(sent -> MacAddress.read(sent.frame(), 0).equals(mac)).toList();
    }

    private void flushScheduler() throws Exception {
        context.scheduler().submit(() -> { }).get();
    }

    /** A membership whose view the test sets; it runs the change callback like the real one. */
    static final class ControlledMembership implements SpeakerMembership {
        private volatile MembershipView view = MembershipView.inactive();
        private volatile Runnable onChange = () -> { };
        volatile Set<String> published;
        volatile boolean closed;

        @Override
        public void start(Runnable changeListener) {
            onChange = changeListener;
        }

        /** Starts out joining the group, as JGroups membership does, instead of without membership. */
        void joining() {
            view = MembershipView.joining();
        }

        void set(Set<String> alive, Map<String, Set<String>> usable, long merges) {
            view = new MembershipView(true, alive, usable, merges);
            onChange.run();
        }

        @Override
        public MembershipView view() {
            return view;
        }

        @Override
        public void publish(Set<String> usableInterfaces) {
            published = Set.copyOf(usableInterfaces);
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
