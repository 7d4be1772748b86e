package io.barelb.announcer.bgp;

import io.barelb.tck.RecordingMetrics;
import io.barelb.tck.TestPluginContext;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.barelb.announcer.bgp.bfd.fsm.BfdSessionConfig;
import io.barelb.announcer.bgp.bfd.netty.BfdIoSettings;
import io.barelb.announcer.bgp.bfd.netty.BfdSessions;
import io.barelb.announcer.bgp.config.BfdProfileConfig;
import io.barelb.api.net.IpAddress;
import io.barelb.testkit.NetnsLab;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link BfdLink} against a plain {@link BfdSessions} on loopback (two ports, no root): the per-session metrics
 * (MetalLB's {@code metallb_bfd_*} and ours) and the status line move with the session, Up and Down, and are
 * forgotten with it.
 */
class BfdLinkTest {

    private static final BfdProfileConfig FAST = new BfdProfileConfig("fast", 50, 50, 3, 50, false, false, 254);
    private static final String PEER = "127.0.0.1";

    private final List<String> changes = new CopyOnWriteArrayList<>();
    private EventLoopGroup routerGroup;
    private TestPluginContext context;
    private BfdLink link;
    private BfdSessions router;
    private IpAddress peer;

    @BeforeEach
    void start() throws Exception {
        assumeTrue(Epoll.isAvailable(), "needs Netty's native epoll transport");
        routerGroup = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        int ours = 30_000 + ThreadLocalRandom.current().nextInt(10_000);
        int theirs = ours + 1;
        BfdIoSettings rfc = BfdIoSettings.singleHop();
        context = TestPluginContext.builder("bgp").node("node-1").build();
        link = new BfdLink(new BfdIoSettings(ours, theirs, rfc.listenIpv4(), rfc.listenIpv6(),
                rfc.firstSourcePort(), rfc.lastSourcePort()), new BgpMetrics(context.metrics()),
                (address, up) -> changes.add(address + (up ? " up" : " down")));
        router = new BfdSessions(routerGroup, new BfdIoSettings(theirs, ours, rfc.listenIpv4(), rfc.listenIpv6(),
                rfc.firstSourcePort(), rfc.lastSourcePort()), System::nanoTime, new Random());
        router.start();
        peer = IpAddress.parse(PEER);
    }

    @AfterEach
    void stop() {
        if (link != null) {
            link.close();
            router.close();
        }
        if (routerGroup != null) {
            routerGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
        if (context != null) {
            context.close();
        }
    }

    private double gauge(String name) {
        return context.metrics().gauge(name, Map.of("peer", PEER)).orElse(-1.0);
    }

    private long counter(String name) {
        return counterExists(name) ? context.metrics().value(name, Map.of("peer", PEER)) : -1L;
    }

    private boolean counterExists(String name) {
        return context.metrics().snapshot().containsKey(RecordingMetrics.key(name, Map.of("peer", PEER)));
    }

    private void await(String what, BooleanSupplier condition) throws InterruptedException {
        NetnsLab.await(Duration.ofSeconds(15), what, condition, () -> "metrics: up " + gauge(BgpMetrics.BFD_SESSION_UP)
                + ", state " + gauge(BgpMetrics.BFD_STATE) + ", in " + counter(BgpMetrics.BFD_PACKETS_IN) + ", out "
                + counter(BgpMetrics.BFD_PACKETS_OUT) + "; status " + link.describe(peer) + "; changes " + changes);
    }

    @Test
    void metricsAndStatusFollowTheSessionUpAndDownAndAreForgottenWithIt() throws Exception {
        InetAddress address = InetAddress.getByName(PEER);
        router.add(address, BfdSessionConfig.singleHop(50_000, 50_000, 3, false));
        link.ensure(peer, FAST);

        await("Up, the fast intervals in force and published", () -> gauge(BgpMetrics.BFD_SESSION_UP) == 1
                && gauge(BgpMetrics.BFD_STATE) == 3 && gauge(BgpMetrics.BFD_TRANSMIT_INTERVAL) == 0.05
                && gauge(BgpMetrics.BFD_DETECTION_TIME) == 0.15);
        assertThat(counter(BgpMetrics.BFD_UP_EVENTS)).isEqualTo(1);
        assertThat(counter(BgpMetrics.BFD_DOWN_EVENTS)).isZero();
        assertThat(gauge(BgpMetrics.BFD_DIAGNOSTIC)).isZero();
        assertThat(link.describe(peer)).hasValueSatisfying(line -> assertThat(line)
                .startsWith("BFD Up (tx 50 ms, detection 150 ms;"));
        long in = counter(BgpMetrics.BFD_PACKETS_IN);
        long out = counter(BgpMetrics.BFD_PACKETS_OUT);
        long stateChanges = counter(BgpMetrics.BFD_STATE_CHANGES);
        assertThat(in).isPositive();
        assertThat(out).isPositive();
        assertThat(stateChanges).as("Down -> Init -> Up, or Down -> Up").isBetween(1L, 2L);
        // 50 ms apart less jitter: at least 20 more packets each way within the next publications
        await("packet counters moving", () -> counter(BgpMetrics.BFD_PACKETS_IN) >= in + 20
                && counter(BgpMetrics.BFD_PACKETS_OUT) >= out + 20);
        long routerSent = router.status(address).orElseThrow().packetsSent();
        assertThat(counter(BgpMetrics.BFD_PACKETS_IN)).as("we cannot have received more than the router sent")
                .isLessThanOrEqualTo(routerSent);

        router.adminDown(address);
        await("Down with the router's AdminDown (diag 3) published", () -> gauge(BgpMetrics.BFD_SESSION_UP) == 0
                && gauge(BgpMetrics.BFD_STATE) == 1 && gauge(BgpMetrics.BFD_DIAGNOSTIC) == 3);
        assertThat(counter(BgpMetrics.BFD_DOWN_EVENTS)).isEqualTo(1);
        assertThat(counter(BgpMetrics.BFD_STATE_CHANGES)).isGreaterThan(stateChanges);
        assertThat(link.describe(peer)).hasValueSatisfying(line -> assertThat(line)
                .startsWith("BFD Down (diag 3 Neighbor Signaled Session Down;"));
        assertThat(changes).containsExactly(PEER + " up", PEER + " down");

        router.adminUp(address);
        await("Up again", () -> gauge(BgpMetrics.BFD_STATE) == 3 && counter(BgpMetrics.BFD_UP_EVENTS) == 2);

        link.retain(Set.of());
        for (String name : List.of(BgpMetrics.BFD_SESSION_UP, BgpMetrics.BFD_STATE, BgpMetrics.BFD_DIAGNOSTIC,
                BgpMetrics.BFD_TRANSMIT_INTERVAL, BgpMetrics.BFD_DETECTION_TIME)) {
            assertThat(context.metrics().gauge(name, Map.of("peer", PEER))).as(name).isEmpty();
        }
        for (String name : List.of(BgpMetrics.BFD_PACKETS_IN, BgpMetrics.BFD_PACKETS_OUT, BgpMetrics.BFD_UP_EVENTS,
                BgpMetrics.BFD_DOWN_EVENTS, BgpMetrics.BFD_STATE_CHANGES)) {
            assertThat(counterExists(name)).as(name).isFalse();
        }
    }
}
