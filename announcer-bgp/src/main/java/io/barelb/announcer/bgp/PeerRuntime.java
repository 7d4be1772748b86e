package io.barelb.announcer.bgp;

import io.barelb.announcer.bgp.config.PeerConfig;
import io.barelb.announcer.bgp.config.Route;
import io.barelb.announcer.bgp.fsm.SessionState;
import io.barelb.announcer.bgp.netty.BgpListeners;
import io.barelb.announcer.bgp.netty.BgpPeerSession;
import io.barelb.announcer.bgp.netty.PeerSessionFactory;
import io.barelb.announcer.bgp.netty.SessionObserver;
import io.barelb.api.net.IpAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One BGPPeer of this node at run time: its session, what it was built from (a change of any of it builds a new
 * session) and the routes last handed to it. Thread-safe: the session hops onto its event loop; the routes are a
 * volatile snapshot read by status and metrics.
 */
final class PeerRuntime {

    /**
     * Everything a session is built from; two equal keys need no new session.
     *
     * @param peer     the validated peer
     * @param password the resolved TCP MD5 key
     * @param nodeIpv4 the router ID unless the peer sets one, and the IPv4 next hop unless {@code sourceAddress}
     * @param nodeIpv6 the IPv6 next hop unless {@code sourceAddress}
     */
    record Key(PeerConfig peer, Optional<String> password, IpAddress nodeIpv4, Optional<IpAddress> nodeIpv6) {
    }

    private final Key key;
    private final BgpPeerSession session;
    private final String address;
    private final BgpListeners.Registration incoming;
    private volatile List<Route> routes = List.of();
    /** The addresses of {@link #routes}, so a status of N addresses costs N look-ups, not N scans of N routes. */
    private volatile java.util.Set<IpAddress> addresses = java.util.Set.of();
    private boolean started;

    /**
     * @param processStart when this process started: with graceful restart the session claims a restart (RFC 4724
     *                     R bit) for one restart time after it
     * @param listeners    where the peer's own connections to us are accepted
     */
    PeerRuntime(Key key, io.netty.channel.EventLoop loop, java.time.Clock clock, java.time.Instant processStart,
            BgpMetrics metrics, BgpListeners listeners) {
        this.key = Objects.requireNonNull(key, "key");
        this.address = key.peer().peerAddress().map(IpAddress::toString).orElseThrow();
        String metricsPeer = address;
        this.session = PeerSessionFactory.session(key.peer(), key.nodeIpv4(), key.nodeIpv6(), key.password(), loop,
                clock, processStart, new SessionObserver() {
                    @Override
                    public void updatesSent(int count) {
                        metrics.updatesSent(metricsPeer, count);
                    }
                });
        metrics.session(address, this::established, () -> established() ? routes.size() : 0);
        this.incoming = listeners.register(PeerSessionFactory.transport(key.peer(), key.password()), session);
    }

    Key key() {
        return key;
    }

    String name() {
        return key.peer().name();
    }

    /** The peer's address, as the metrics and statuses name it. */
    String address() {
        return address;
    }

    IpAddress peerAddress() {
        return key.peer().peerAddress().orElseThrow();
    }

    boolean usesBfd() {
        return key.peer().bfdProfile().isPresent();
    }

    SessionState state() {
        return session.state();
    }

    boolean established() {
        return session.state() == SessionState.ESTABLISHED;
    }

    List<Route> routes() {
        return routes;
    }

    /** Whether the routes last handed to the session carry {@code address}. */
    boolean carries(IpAddress address) {
        return addresses.contains(address);
    }

    /** Hands the session its whole desired set. */
    void setRoutes(List<Route> planned) {
        addresses = Route.addressesOf(planned);
        routes = List.copyOf(planned);
        session.setRoutes(PeerSessionFactory.desired(planned));
    }

    /** Connects (again); idempotent. */
    synchronized void start() {
        if (!started) {
            started = true;
            session.start();
        }
    }

    /** For good: Cease, disconnect and accept the peer's connections no more. */
    synchronized void close() {
        incoming.close();
        stop();
    }

    /** Cease and disconnect; {@link #start} brings it back (the peer's connections are refused meanwhile). */
    synchronized void stop() {
        if (started) {
            started = false;
            session.stop();
        }
    }
}
