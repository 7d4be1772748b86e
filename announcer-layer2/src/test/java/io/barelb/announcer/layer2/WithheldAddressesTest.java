package io.barelb.announcer.layer2;

import static io.barelb.announcer.layer2.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.barelb.api.ServiceKey;
import io.barelb.api.announce.Advertisement;
import io.barelb.api.announce.AnnouncementStatus;
import io.barelb.api.announce.AnnouncerState;
import io.barelb.api.net.IpAddress;
import io.barelb.tck.TestPluginContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Addresses a node withholds because its backend fails their health check: it does not announce them, it tells its
 * peers, the peers elect among the others, and when it stops withholding it waits the hand-back time before it
 * claims an address again, so two nodes never answer at once. For 192.0.2.200 the election order is node-2, node-3,
 * node-1.
 */
class WithheldAddressesTest {

    private static final IpAddress VIP = IpAddress.parse("192.0.2.200");
    private static final ServiceKey API = new ServiceKey("VirtualIP", "api");
    private static final Set<String> ALL = Set.of("node-1", "node-2", "node-3");
    private static final Advertisement AD = new Advertisement(API, VIP, "api", ALL, List.of(), false, List.of());

    private final MemoryPacketIo io = new MemoryPacketIo();
    private final Membership membership = new Membership();
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

    private void start(String node, Duration handback) {
        context = TestPluginContext.builder("layer2").node(node).schedulerThreads(1).build();
        Map<String, Link> links = new TreeMap<>(Map.of("eth0", new Link("eth0", MacAddress.parse("02:00:00:00:00:0b"),
                true, true)));
        announcer = new Layer2Announcer(node, context, io, membership, () -> links, 10, List.of(Duration.ZERO), handback);
        membership.set(ALL, Map.of());
    }

    private static AnnouncerState advertised() {
        return new AnnouncerState(List.of(AD), List.of(), Map.of(), List.of());
    }

    private static AnnouncerState withheld() {
        return new AnnouncerState(List.of(), List.of(), Map.of(), List.of(AD));
    }

    @Test
    void aNodeThatWithholdsTheAddressDoesNotAnnounceItAndTellsItsPeers() {
        start("node-2", Duration.ofMillis(200));

        announcer.apply(withheld());

        assertThat(announcer.status()).isEmpty();
        assertThat(io.openInterfaces()).isEmpty();
        assertThat(membership.withheld).containsExactly(Set.of("192.0.2.200"));
    }

    @Test
    void peersElectAmongTheOthersWhileTheFirstChoiceWithholds() throws Exception {
        start("node-3", Duration.ofMillis(200));
        membership.setWithheld(Map.of("node-2", Set.of("192.0.2.200")));
        flush();

        announcer.apply(advertised());

        assertThat(announcer.status()).singleElement().satisfies(status -> {
            assertThat(status.announced()).isTrue();
            assertThat(status.message()).isEqualTo("announcing from node node-3 on eth0");
        });

        membership.setWithheld(Map.of("node-2", Set.of()));
        flush();

        assertThat(announcer.status()).singleElement().satisfies(status -> {
            assertThat(status.announced()).isFalse();
            assertThat(status.message()).isEqualTo("owner is node-2");
        });
        assertThat(membership.withheld).as("node-3 withholds nothing, and says so only when that changes").isEmpty();
    }

    @Test
    void aNodeThatStopsWithholdingDoesNotClaimTheAddressDuringTheHandBack() {
        start("node-2", Duration.ofSeconds(30));
        announcer.apply(withheld());

        announcer.apply(advertised());

        assertThat(membership.withheld).containsExactly(Set.of("192.0.2.200"), Set.of());
        assertThat(announcer.handingBack()).containsExactly("192.0.2.200");
        assertThat(announcer.status()).singleElement().satisfies(status -> {
            assertThat(status.announced()).isFalse();
            assertThat(status.message()).isEqualTo("owner is node-3 (this node takes part again in 30000 ms)");
        });
        assertThat(io.openInterfaces()).isEmpty();
    }

    @Test
    void onceTheHandBackIsOverTheNodeClaimsTheAddress() throws InterruptedException {
        start("node-2", Duration.ofMillis(50));
        announcer.apply(withheld());

        announcer.apply(advertised());

        await(() -> announcer.status().stream().anyMatch(AnnouncementStatus::announced));
        assertThat(announcer.status()).singleElement().satisfies(status ->
                assertThat(status.message()).isEqualTo("announcing from node node-2 on eth0"));
        assertThat(announcer.handingBack()).isEmpty();
    }

    @Test
    void withholdingAgainDuringTheHandBackCancelsIt() {
        start("node-2", Duration.ofSeconds(30));
        announcer.apply(withheld());
        announcer.apply(advertised());

        assertThat(announcer.handingBack()).containsExactly("192.0.2.200");

        announcer.apply(withheld());

        assertThat(announcer.handingBack()).isEmpty();
        assertThat(announcer.status()).isEmpty();
        assertThat(io.openInterfaces()).isEmpty();
        assertThat(membership.withheld).containsExactly(Set.of("192.0.2.200"), Set.of(), Set.of("192.0.2.200"));
    }

    private void flush() throws Exception {
        context.scheduler().submit(() -> { }).get(5, java.util.concurrent.TimeUnit.SECONDS);
    }

    /** A membership the test sets, recording what this node publishes as withheld. */
    private static final class Membership implements SpeakerMembership {
        private volatile MembershipView view = MembershipView.inactive();
        private volatile Runnable onChange = () -> { };
        private volatile Set<String> alive = Set.of();
        final List<Set<String>> withheld = new CopyOnWriteArrayList<>();

        @Override
        public void start(Runnable changeListener) {
            onChange = changeListener;
        }

        void set(Set<String> members, Map<String, Set<String>> others) {
            alive = members;
            view = new MembershipView(true, members, Map.of(), 0, others);
            onChange.run();
        }

        void setWithheld(Map<String, Set<String>> others) {
            set(alive, others);
        }

        @Override
        public MembershipView view() {
            return view;
        }

        @Override
        public void publish(Set<String> usableInterfaces) {
        }

        @Override
        public void publishWithheld(Set<String> addresses) {
            withheld.add(Set.copyOf(addresses));
        }

        @Override
        public void close() {
        }
    }
}
