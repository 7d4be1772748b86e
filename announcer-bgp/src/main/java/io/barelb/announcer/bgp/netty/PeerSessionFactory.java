package io.barelb.announcer.bgp.netty;

import io.barelb.announcer.bgp.config.PeerConfig;
import io.barelb.announcer.bgp.config.Route;
import io.barelb.announcer.bgp.fsm.BgpFsm;
import io.barelb.announcer.bgp.fsm.ExpectedPeerAs;
import io.barelb.announcer.bgp.fsm.SessionSettings;
import io.barelb.announcer.bgp.fsm.TimerJitter;
import io.barelb.announcer.bgp.rib.RouteAttributes;
import io.barelb.announcer.bgp.wire.AddressFamily;
import io.barelb.announcer.bgp.wire.Community;
import io.barelb.announcer.bgp.wire.LargeCommunity;
import io.barelb.api.net.IpAddress;
import io.barelb.api.net.IpPrefix;
import io.netty.channel.EventLoop;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the {@link BgpPeerSession} of one validated {@link PeerConfig} on this node, and turns the config's
 * {@link Route}s into the session's desired set. The entry point the announcer uses; pure apart from
 * {@link #session}, which only constructs (nothing starts before {@link BgpPeerSession#start}).
 */
public final class PeerSessionFactory {

    /** The first connect-retry wait when {@code connectTime} is not set; it doubles up to two minutes. */
    public static final Duration DEFAULT_CONNECT_RETRY = Duration.ofSeconds(5);
    /** RFC 4724 §3's restart time this speaker announces with graceful restart. */
    public static final int RESTART_TIME_SECONDS = 120;

    private PeerSessionFactory() {
    }

    /**
     * The session settings of {@code peer} on a node whose IPv4 address is {@code nodeIpv4} (the router ID when
     * the peer sets none).
     */
    public static SessionSettings settings(PeerConfig peer, IpAddress nodeIpv4) {
        return settings(peer, nodeIpv4, Instant.MIN);
    }

    /**
     * The session settings of {@code peer} in a process started at {@code processStart}: with graceful restart,
     * its OPENs set the Restart State bit for one restart time after that (RFC 4724 §4.1).
     */
    public static SessionSettings settings(PeerConfig peer, IpAddress nodeIpv4, Instant processStart) {
        ExpectedPeerAs peerAs = peer.dynamicAsn()
                .map(d -> d == PeerConfig.DynamicAsn.INTERNAL ? ExpectedPeerAs.internal() : ExpectedPeerAs.external())
                .orElseGet(() -> ExpectedPeerAs.exactly(peer.peerAsn()));
        Duration retry = peer.connectTime().filter(d -> !d.isZero() && !d.isNegative()).orElse(DEFAULT_CONNECT_RETRY);
        Duration maximum = retry.compareTo(SessionSettings.DEFAULT_CONNECT_RETRY_MAXIMUM) > 0 ? retry
                : SessionSettings.DEFAULT_CONNECT_RETRY_MAXIMUM;
        return new SessionSettings(peer.effectiveLocalAsn(), peerAs, peer.routerId().orElse(nodeIpv4),
                peer.holdTime(), Optional.of(peer.keepaliveTime()), retry, maximum, families(peer),
                peer.enableGracefulRestart(), RESTART_TIME_SECONDS,
                processStart.equals(Instant.MIN) ? Instant.MIN
                        : SessionSettings.restartWindowEnd(processStart, RESTART_TIME_SECONDS));
    }

    /** Both families with {@code dualStackAddressFamily}, else the family of the peer's address (as MetalLB). */
    static List<AddressFamily> families(PeerConfig peer) {
        if (peer.dualStackAddressFamily()) {
            return List.of(AddressFamily.IPV4_UNICAST, AddressFamily.IPV6_UNICAST);
        }
        return List.of(address(peer).isIpv4() ? AddressFamily.IPV4_UNICAST : AddressFamily.IPV6_UNICAST);
    }

    /**
     * How to dial {@code peer}: TTL 1 for a directly connected eBGP peer, 255 with {@code ebgpMultiHop} or iBGP;
     * {@code password} is the resolved TCP MD5 key ({@code password} or the Secret's).
     */
    public static BgpTransport transport(PeerConfig peer, Optional<String> password) {
        return new BgpTransport(address(peer).toInetAddress(), peer.peerPort(),
                peer.sourceAddress().map(IpAddress::toInetAddress),
                BgpTransport.ttlFor(peer.internal(), peer.ebgpMultiHop()), password);
    }

    /** The next hop of {@code family}'s routes: {@code sourceAddress} when of that family, else the node's address. */
    static Optional<IpAddress> nextHop(PeerConfig peer, boolean ipv4, Optional<IpAddress> nodeAddress) {
        return peer.sourceAddress().filter(a -> a.isIpv4() == ipv4).or(() -> nodeAddress);
    }

    /** The session of {@code peer} on {@code loop}, not started, in a process that never claims a restart. */
    public static BgpPeerSession session(PeerConfig peer, IpAddress nodeIpv4, Optional<IpAddress> nodeIpv6,
            Optional<String> password, EventLoop loop, Clock clock, SessionObserver observer) {
        return session(peer, nodeIpv4, nodeIpv6, password, loop, clock, Instant.MIN, observer);
    }

    /** The session of {@code peer} on {@code loop}, not started, in a process started at {@code processStart}. */
    public static BgpPeerSession session(PeerConfig peer, IpAddress nodeIpv4, Optional<IpAddress> nodeIpv6,
            Optional<String> password, EventLoop loop, Clock clock, Instant processStart, SessionObserver observer) {
        // RFC 4271 §10 jitter on the connect retry and keepalive intervals
        BgpFsm fsm = new BgpFsm(settings(peer, nodeIpv4, processStart), clock,
                TimerJitter.from(new java.util.SplittableRandom()));
        return new BgpPeerSession(peer.name(), fsm, SessionScheduler.of(loop),
                new EpollBgpConnector(loop, transport(peer, password)), nextHop(peer, true, Optional.of(nodeIpv4)),
                nextHop(peer, false, nodeIpv6), observer);
    }

    /** The desired set of a peer's planned routes: COMMUNITIES, LARGE_COMMUNITY and LOCAL_PREF per prefix. */
    public static Map<IpPrefix, RouteAttributes> desired(List<Route> routes) {
        Map<IpPrefix, RouteAttributes> out = new LinkedHashMap<>();
        // most routes carry the same attributes: one instance for all of them
        Map<RouteAttributes, RouteAttributes> shared = new java.util.HashMap<>();
        for (Route route : routes) {
            List<Community> communities = route.communities().stream().map(Community::fromBits).toList();
            List<LargeCommunity> large = route.largeCommunities().stream()
                    .map(l -> new LargeCommunity(l.globalAdministrator(), l.localData1(), l.localData2())).toList();
            RouteAttributes attributes = new RouteAttributes(route.localPref(), communities, large);
            out.put(route.prefix(), shared.computeIfAbsent(attributes, a -> a));
        }
        return out;
    }

    private static IpAddress address(PeerConfig peer) {
        return peer.peerAddress().orElseThrow(() -> new IllegalArgumentException("BGPPeer " + peer.name()
                + ": spec.interface (unnumbered BGP) is not supported by this speaker yet; set spec.peerAddress"));
    }
}
