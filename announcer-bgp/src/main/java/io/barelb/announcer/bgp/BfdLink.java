package io.barelb.announcer.bgp;

import io.barelb.announcer.bgp.bfd.fsm.BfdSessionConfig;
import io.barelb.announcer.bgp.bfd.netty.BfdIoSettings;
import io.barelb.announcer.bgp.bfd.netty.BfdSessionListener;
import io.barelb.announcer.bgp.bfd.netty.BfdSessionStatus;
import io.barelb.announcer.bgp.bfd.netty.BfdSessions;
import io.barelb.announcer.bgp.bfd.wire.BfdDiagnostic;
import io.barelb.announcer.bgp.bfd.wire.BfdState;
import io.barelb.announcer.bgp.config.BfdProfileConfig;
import io.barelb.api.net.IpAddress;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The BFD sessions of the announcer's peers: one single-hop session (RFC 5881) per peer address that a BGPPeer
 * with a {@code bfdProfile} dials, opened on first need (the UDP 3784 socket is bound only then). Reports each
 * session leaving or reaching Up to {@code onChange} (address, up) on the BFD event loop. {@link #ensure} and
 * {@link #retain} are called from the announcer's reconcile thread, never from an event loop. The sessions run on
 * an epoll event loop thread of their own ({@code barelb-bfd}, started with the first session), so no BGP
 * session's work can delay a BFD packet or timer. Every second and
 * after each state change the sessions publish their status (on the BFD loop): {@link #describe} and the
 * metrics read that snapshot, so neither waits on the event loop.
 */
final class BfdLink implements BfdSessionListener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BfdLink.class);

    static final long STATUS_PERIOD_MILLIS = 1_000;

    private final BfdIoSettings settings;
    private final BgpMetrics metrics;
    private final BiConsumer<IpAddress, Boolean> onChange;
    private final Map<IpAddress, BfdSessionConfig> configured = new HashMap<>();
    private final Set<IpAddress> up = ConcurrentHashMap.newKeySet();
    private final Map<IpAddress, BgpMetrics.BfdCounts> counted = new ConcurrentHashMap<>();
    private volatile Map<IpAddress, BfdSessionStatus> latest = Map.of();
    private EventLoopGroup loop;
    private BfdSessions sessions;

    BfdLink(BgpMetrics metrics, BiConsumer<IpAddress, Boolean> onChange) {
        this(BfdIoSettings.singleHop(), metrics, onChange);
    }

    /** With other ports than RFC 5881's (tests on one host). */
    BfdLink(BfdIoSettings settings, BgpMetrics metrics, BiConsumer<IpAddress, Boolean> onChange) {
        this.settings = settings;
        this.metrics = metrics;
        this.onChange = onChange;
    }

    /** The session parameters of {@code profile}, single hop (only TTL 255 accepted). */
    static BfdSessionConfig sessionConfig(BfdProfileConfig profile) {
        return BfdSessionConfig.singleHop(profile.transmitIntervalMillis() * 1_000L,
                profile.receiveIntervalMillis() * 1_000L, profile.detectMultiplier(), profile.passiveMode());
    }

    /** Starts (or reconfigures) the session with {@code peer}. */
    void ensure(IpAddress peer, BfdProfileConfig profile) throws IOException {
        BfdSessionConfig config = sessionConfig(profile);
        if (config.equals(configured.get(peer))) {
            return;
        }
        if (sessions == null) {
            if (loop == null) {
                loop = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("barelb-bfd", true,
                        Thread.MAX_PRIORITY), EpollIoHandler.newFactory());
            }
            BfdSessions opened = new BfdSessions(loop, settings, System::nanoTime, new SecureRandom());
            opened.start();
            opened.addListener(this);
            opened.publishStatuses(STATUS_PERIOD_MILLIS, this::published);
            sessions = opened;
        }
        sessions.add(peer.toInetAddress(), config);
        if (!configured.containsKey(peer)) {
            counted.put(peer, metrics.bfdSession(peer.toString(), () -> up.contains(peer), () -> status(peer)));
        }
        configured.put(peer, config);
        LOG.info("BFD session with {}: {} ms x {} (receive {} ms){}", peer, profile.transmitIntervalMillis(),
                profile.detectMultiplier(), profile.receiveIntervalMillis(), profile.passiveMode() ? ", passive" : "");
    }

    /** Ends (AdminDown) every session whose peer is not in {@code keep}. */
    void retain(Set<IpAddress> keep) {
        for (IpAddress peer : List.copyOf(configured.keySet())) {
            if (!keep.contains(peer)) {
                sessions.remove(peer.toInetAddress());
                configured.remove(peer);
                up.remove(peer);
                counted.remove(peer);
                metrics.forgetBfdSession(peer.toString());
                LOG.info("BFD session with {} removed", peer);
            }
        }
    }

    /** On the BFD loop: the new snapshot, and the packet and state-change counts since the last one. */
    private void published(List<BfdSessionStatus> statuses) {
        Map<IpAddress, BfdSessionStatus> byPeer = new HashMap<>();
        for (BfdSessionStatus status : statuses) {
            IpAddress peer = IpAddress.fromInetAddress(status.peer());
            byPeer.put(peer, status);
            BgpMetrics.BfdCounts counts = counted.get(peer);
            if (counts != null) {
                counts.update(status);
            }
        }
        latest = Map.copyOf(byPeer);
    }

    /** The last published status of the session with {@code peer}, if it has one. */
    Optional<BfdSessionStatus> status(IpAddress peer) {
        return Optional.ofNullable(latest.get(peer));
    }

    /**
     * One line for the announcer's status: {@code BFD Up (tx 50 ms, detection 150 ms)} or
     * {@code BFD Down (diag 1 Control Detection Time Expired; 3 state changes)}; empty without a session.
     */
    Optional<String> describe(IpAddress peer) {
        return status(peer).map(s -> "BFD " + s.state().rfcName() + " (" + (s.state() == BfdState.UP
                ? "tx " + s.transmitIntervalMicros() / 1_000 + " ms, detection " + s.detectionTimeMicros() / 1_000 + " ms"
                : "diag " + s.localDiagnostic().code() + " " + s.localDiagnostic().text()) + "; " + s.stateChanges()
                + " state changes)");
    }

    /** True if the session with {@code peer} is Up now. */
    boolean isUp(IpAddress peer) {
        return up.contains(peer);
    }

    @Override
    public void sessionUp(InetAddress peer) {
        IpAddress address = IpAddress.fromInetAddress(peer);
        up.add(address);
        metrics.bfdStateChange(address.toString(), true);
        LOG.info("BFD session with {} is Up", address);
        onChange.accept(address, true);
    }

    @Override
    public void sessionDown(InetAddress peer, BfdDiagnostic diagnostic) {
        IpAddress address = IpAddress.fromInetAddress(peer);
        up.remove(address);
        metrics.bfdStateChange(address.toString(), false);
        LOG.warn("BFD session with {} is Down ({})", address, diagnostic);
        onChange.accept(address, false);
    }

    /** AdminDown on every session, sockets closed. */
    @Override
    public void close() {
        if (sessions != null) {
            sessions.close();
            sessions = null;
        }
        if (loop != null) {
            loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(2, TimeUnit.SECONDS);
            loop = null;
        }
        configured.keySet().forEach(peer -> metrics.forgetBfdSession(peer.toString()));
        configured.clear();
        counted.clear();
        latest = Map.of();
    }
}
