package io.barelb.announcer.bgp.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.barelb.announcer.bgp.config.PeerConfig;
import io.barelb.announcer.bgp.config.Route;
import io.barelb.announcer.bgp.fsm.ExpectedPeerAs;
import io.barelb.announcer.bgp.fsm.SessionSettings;
import io.barelb.announcer.bgp.rib.RouteAttributes;
import io.barelb.announcer.bgp.wire.AddressFamily;
import io.barelb.announcer.bgp.wire.Community;
import io.barelb.announcer.bgp.wire.LargeCommunity;
import io.barelb.api.net.IpAddress;
import io.barelb.api.net.IpPrefix;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class PeerSessionFactoryTest {

    private static final IpAddress NODE = IpAddress.parse("192.0.2.11");

    private static PeerConfig peer(long peerAsn, Optional<PeerConfig.DynamicAsn> dynamic, String address,
            Optional<IpAddress> source, boolean multiHop, boolean dualStack, Optional<Duration> connectTime) {
        return new PeerConfig("tor", 64512, peerAsn, dynamic, 0, Optional.of(IpAddress.parse(address)), Optional.empty(),
                179, source, Optional.empty(), Duration.ofSeconds(90), Duration.ofSeconds(30), connectTime, multiHop,
                Optional.empty(), Optional.empty(), List.of(), Optional.empty(), true, Optional.empty(), dualStack);
    }

    @Test
    void settingsFollowTheConfiguration() {
        SessionSettings settings = PeerSessionFactory.settings(peer(64513, Optional.empty(), "192.0.2.100",
                Optional.empty(), false, false, Optional.empty()), NODE);
        assertEquals(64512, settings.localAsn());
        assertEquals(ExpectedPeerAs.exactly(64513), settings.peerAs());
        assertEquals(NODE, settings.routerId(), "the router ID defaults to the node's IPv4 address");
        assertEquals(Duration.ofSeconds(90), settings.holdTime());
        assertEquals(Optional.of(Duration.ofSeconds(30)), settings.keepaliveTime());
        assertEquals(PeerSessionFactory.DEFAULT_CONNECT_RETRY, settings.connectRetryTime());
        assertEquals(List.of(AddressFamily.IPV4_UNICAST), settings.families());
        assertTrue(settings.gracefulRestart());

        SessionSettings dynamic = PeerSessionFactory.settings(peer(0, Optional.of(PeerConfig.DynamicAsn.EXTERNAL),
                "2001:db8::100", Optional.empty(), false, true, Optional.of(Duration.ofSeconds(300))), NODE);
        assertEquals(ExpectedPeerAs.external(), dynamic.peerAs());
        assertEquals(List.of(AddressFamily.IPV4_UNICAST, AddressFamily.IPV6_UNICAST), dynamic.families());
        assertEquals(Duration.ofSeconds(300), dynamic.connectRetryMaximum(), "the ceiling is never below connectTime");
    }

    @Test
    void ttlIsOneForDirectEbgpAnd255OtherwiseAndTheSourceIsBound() {
        Optional<IpAddress> source = Optional.of(IpAddress.parse("192.0.2.12"));
        BgpTransport direct = PeerSessionFactory.transport(peer(64513, Optional.empty(), "192.0.2.100", source,
                false, false, Optional.empty()), Optional.of("key"));
        assertEquals(1, direct.ttl());
        assertEquals(source.get().toInetAddress(), direct.sourceAddress().orElseThrow());
        assertEquals(Optional.of("key"), direct.md5Password());
        assertTrue(!direct.toString().contains("key"), "the password is never printed");
        assertEquals(255, PeerSessionFactory.transport(peer(64513, Optional.empty(), "192.0.2.100", source, true,
                false, Optional.empty()), Optional.empty()).ttl());
        assertEquals(255, PeerSessionFactory.transport(peer(64512, Optional.empty(), "192.0.2.100", source, false,
                false, Optional.empty()), Optional.empty()).ttl());
    }

    @Test
    void theNextHopIsTheSourceAddressOfItsFamilyElseTheNodes() {
        PeerConfig sourced = peer(64513, Optional.empty(), "192.0.2.100", Optional.of(IpAddress.parse("192.0.2.12")),
                false, true, Optional.empty());
        Optional<IpAddress> nodeV6 = Optional.of(IpAddress.parse("2001:db8::11"));
        assertEquals(Optional.of(IpAddress.parse("192.0.2.12")), PeerSessionFactory.nextHop(sourced, true,
                Optional.of(NODE)));
        assertEquals(nodeV6, PeerSessionFactory.nextHop(sourced, false, nodeV6));
    }

    @Test
    void unnumberedPeersAreRefusedNamingTheField() {
        PeerConfig unnumbered = new PeerConfig("tor", 64512, 64513, Optional.empty(), 0, Optional.empty(),
                Optional.of("eth0"), 179, Optional.empty(), Optional.empty(), Duration.ofSeconds(90),
                Duration.ofSeconds(30), Optional.empty(), false, Optional.empty(), Optional.empty(), List.of(),
                Optional.empty(), false, Optional.empty(), false);
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> PeerSessionFactory.settings(unnumbered, NODE));
        assertTrue(error.getMessage().contains("spec.interface"), error.getMessage());
    }

    @Test
    void plannedRoutesBecomeTheDesiredSet() {
        IpPrefix prefix = IpPrefix.parse("203.0.113.10/32");
        Route route = new Route(prefix, new TreeSet<>(List.of(IpAddress.parse("203.0.113.10"))), Optional.of(250L),
                new TreeSet<>(List.of((64512L << 16) | 7)),
                List.of(new io.barelb.announcer.bgp.config.Community.Large(64512, 1, 2)), new TreeSet<>(List.of("adv")));
        RouteAttributes attributes = PeerSessionFactory.desired(List.of(route)).get(prefix);
        assertEquals(new RouteAttributes(Optional.of(250L), List.of(new Community(64512, 7)),
                List.of(new LargeCommunity(64512, 1, 2))), attributes);
    }
}
