package io.barelb.announcer.bgp;

import io.barelb.announcer.bgp.config.BfdProfileConfig;
import io.barelb.announcer.bgp.config.BgpConfig;
import io.barelb.announcer.bgp.config.PeerConfig;
import io.barelb.announcer.bgp.config.PeerPasswords;
import io.barelb.announcer.bgp.config.Route;
import io.barelb.announcer.bgp.config.RoutePlan;
import io.barelb.announcer.bgp.config.RoutePlanner;
import io.barelb.announcer.bgp.fsm.SessionState;
import io.barelb.announcer.bgp.netty.BgpListeners;
import io.barelb.api.ErrorCode;
import io.barelb.api.PluginContext;
import io.barelb.api.announce.Advertisement;
import io.barelb.api.announce.AnnouncementStatus;
import io.barelb.api.announce.Announcer;
import io.barelb.api.announce.AnnouncerState;
import io.barelb.api.announce.NodeFacts;
import io.barelb.api.net.IpAddress;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The BGP {@link Announcer}: one {@link PeerRuntime} (a BGP session) per BGPPeer this node peers with, each handed
 * the whole route set {@link RoutePlanner} computed for it; a BFD session beside each peer with a
 * {@code bfdProfile}, whose Down stops the BGP session at once (Cease, routes gone) and whose Up starts it again.
 *
 * <p>Level-based and idempotent: {@link #apply} diffs the peers against the running sessions (a peer whose
 * configuration, password or node addresses changed gets a new session; one that left is stopped) and sends only
 * route differences over the sessions that stay. BGP I/O runs on the announcer's own epoll event loop group, shut
 * down by {@link #close()}, BFD on a thread of its own ({@link BfdLink}). {@code apply} and {@code close} are
 * serialised; {@link #status()} reads snapshots; BFD callbacks (on the event loop) never take the announcer's lock.
 */
final class BgpAnnouncer implements Announcer {

    private static final Logger LOG = LoggerFactory.getLogger(BgpAnnouncer.class);
    /**
     * How long {@link #close()} waits for the Cease NOTIFICATIONs to leave and the event loops to stop: inside the
     * speaker's own 5 s for all announcers together.
     */
    static final long CLOSE_DEADLINE_MILLIS = 4_000;
    private static final int EVENT_LOOP_THREADS = 2;

    private final String nodeName;
    private final PluginContext context;
    private final LocalAddresses local;
    private final BgpMetrics metrics;
    private final EventLoopGroup group;
    private final BfdLink bfd;
    private final BgpListeners listeners;
    private final java.time.Instant processStart;
    private final Map<String, PeerRuntime> peers = new ConcurrentHashMap<>();
    /** Peers that cannot run now (password Secret missing, no local address), with the reason. */
    private volatile Map<String, Blocked> blocked = Map.of();

    /** A peer held back, why, the routes it would carry and their addresses. */
    private record Blocked(String why, List<Route> routes, Set<IpAddress> addresses) {
        Blocked(String why, List<Route> routes) {
            this(why, routes, Route.addressesOf(routes));
        }
    }
    private volatile AnnouncerState desired = AnnouncerState.empty();
    private final Set<String> reported = new HashSet<>();
    private boolean closed;

    /**
     * @param listenPort   where peers' connections are accepted ({@link BgpListeners#BGP_PORT} in production)
     * @param processStart when this process started (graceful restart's R bit window)
     */
    BgpAnnouncer(String nodeName, PluginContext context, LocalAddresses local, int listenPort,
            java.time.Instant processStart) {
        this.nodeName = Objects.requireNonNull(nodeName, "nodeName");
        this.context = context;
        this.local = local;
        this.processStart = Objects.requireNonNull(processStart, "processStart");
        this.metrics = new BgpMetrics(context.metrics());
        this.group = new MultiThreadIoEventLoopGroup(EVENT_LOOP_THREADS, EpollIoHandler.newFactory());
        this.bfd = new BfdLink(metrics, this::bfdChanged);
        this.listeners = new BgpListeners(group, listenPort, metrics::refusedConnection);
    }

    /**
     * This node's labels, from the Node the runtime hands over (lb-api 0.2 node facts); a runtime without them
     * leaves only the label every kubelet sets.
     */
    private Map<String, String> nodeLabels(AnnouncerState state) {
        return state.node(nodeName).map(NodeFacts::labels).filter(labels -> !labels.isEmpty())
                .orElseGet(() -> Map.of("kubernetes.io/hostname", nodeName));
    }

    /** The Node's first IPv4 InternalIP: the router ID of a peer that sets none (MetalLB's default). */
    private Optional<IpAddress> nodeIpv4(AnnouncerState state) {
        return state.node(nodeName).flatMap(facts -> facts.ipAddresses("InternalIP").stream()
                .filter(IpAddress::isIpv4).findFirst());
    }

    @Override
    public synchronized void apply(AnnouncerState state) {
        if (closed) {
            return;
        }
        desired = Objects.requireNonNull(state, "state");
        BgpConfig config = BgpConfig.from(state.resources());
        RoutePlan plan = RoutePlanner.plan(state, nodeName, nodeLabels(state));
        plan.conflicts().forEach(conflict -> once("conflict " + conflict, () -> LOG.warn("bgp: {}", conflict)));
        Map<String, Blocked> nowBlocked = new TreeMap<>();
        Set<IpAddress> bfdPeers = new HashSet<>();
        for (Map.Entry<String, List<Route>> entry : plan.routes().entrySet()) {
            PeerConfig peer = config.peers().get(entry.getKey());
            Optional<String> why = reconcilePeer(peer, entry.getValue(), config, nodeIpv4(state));
            if (why.isPresent()) {
                nowBlocked.put(peer.name(), new Blocked(why.get(), entry.getValue()));
                once("blocked " + peer.name() + why.get(), () -> LOG.warn("bgp [{}]: BGPPeer {}: {}",
                        ErrorCode.INVALID_CONFIG.reason(), peer.name(), why.get()));
                close(peers.remove(peer.name()));
            } else if (peer.bfdProfile().isPresent()) {
                bfdPeers.add(peer.peerAddress().orElseThrow());
            }
        }
        for (String name : List.copyOf(peers.keySet())) {
            if (!plan.routes().containsKey(name)) {
                LOG.info("bgp: BGPPeer {} no longer peers with node {}", name, nodeName);
                close(peers.remove(name));
            }
        }
        bfd.retain(bfdPeers);
        blocked = Map.copyOf(nowBlocked);
    }

    /** Brings one peer's session in line; the reason it cannot run, if so. */
    private Optional<String> reconcilePeer(PeerConfig configured, List<Route> routes, BgpConfig config,
                                           Optional<IpAddress> nodeIpv4) {
        PeerConfig peer = configured;
        if (peer.peerAddress().isEmpty()) {
            return Optional.of("spec.interface (unnumbered BGP) is not supported yet; set spec.peerAddress");
        }
        PeerPasswords.Resolution password = PeerPasswords.resolve(peer, context::secret);
        if (password.problem().isPresent()) {
            return Optional.of(password.problem().get().message());
        }
        IpAddress address = peer.peerAddress().get();
        Optional<IpAddress> towardPeer = peer.sourceAddress().filter(s -> s.family() == address.family())
                .or(() -> local.toward(address));
        Optional<IpAddress> ipv4 = address.isIpv4() ? towardPeer : local.anyIpv4();
        Optional<IpAddress> ipv6 = address.isIpv4() ? ipv4.flatMap(local::ipv6Beside) : towardPeer;
        if (ipv4.isEmpty()) {
            return Optional.of("this node has no IPv4 address " + (address.isIpv4() ? "with a route to " + address
                    : "for the router ID") + "; add a route or set spec.sourceAddress / spec.routerID");
        }
        if (peer.routerId().isEmpty()) {
            peer = peer.withRouterId(nodeIpv4.orElse(ipv4.get()));
        }
        PeerRuntime.Key key = new PeerRuntime.Key(peer, password.password(), ipv4.get(), ipv6);
        PeerRuntime running = peers.get(peer.name());
        if (running != null && !running.key().equals(key)) {
            LOG.info("bgp: BGPPeer {} changed; restarting its session", peer.name());
            close(peers.remove(peer.name()));
            running = null;
        }
        if (peer.bfdProfile().isPresent()) {
            BfdProfileConfig profile = config.bfdProfiles().get(peer.bfdProfile().get());
            try {
                bfd.ensure(address, profile);
            } catch (IOException | RuntimeException e) {
                String name = peer.name();
                once("bfd " + name + e.getMessage(), () -> LOG.warn("bgp [{}]: BGPPeer {}: BFD unavailable: {}",
                        ErrorCode.NETWORK_FAILURE.reason(), name, e.getMessage()));
            }
        }
        if (running == null) {
            running = new PeerRuntime(key, group.next(), context.clock(), processStart, metrics, listeners);
            peers.put(peer.name(), running);
            running.setRoutes(routes);
            running.start();
            LOG.info("bgp: BGPPeer {}: session to {} from node {} (router ID {}), {} route(s) to send", peer.name(),
                    address, nodeName, peer.routerId().orElseThrow(), routes.size());
            String peerName = peer.name();
            peer.vrf().filter(vrf -> !vrf.isEmpty()).ifPresent(vrf -> once("vrf " + peerName + vrf, () -> LOG.warn(
                    "bgp: BGPPeer {}: vrf \"{}\" is not supported yet; the session runs in the default VRF (remove"
                            + " spec.vrf, or run a speaker whose host network is that VRF's)", peerName, vrf)));
        } else {
            if (!running.routes().equals(routes)) {
                LOG.info("bgp: BGPPeer {}: {} route(s) to send", peer.name(), routes.size());
            }
            running.setRoutes(routes);
        }
        return Optional.empty();
    }

    /** BFD Down: every BGP session to that address stops at once; BFD Up: they connect again. */
    private void bfdChanged(IpAddress address, boolean up) {
        for (PeerRuntime peer : peers.values()) {
            if (peer.usesBfd() && peer.peerAddress().equals(address)) {
                if (up) {
                    peer.start();
                } else {
                    LOG.warn("bgp: BGPPeer {}: BFD Down, BGP session torn down", peer.name());
                    peer.stop();
                }
            }
        }
    }

    private void close(PeerRuntime peer) {
        if (peer != null) {
            peer.close();
            if (peers.values().stream().noneMatch(other -> other.address().equals(peer.address()))) {
                metrics.forgetSession(peer.address());
            }
        }
    }

    /** Runs {@code report} once per distinct {@code key} (a peer that stays broken does not flood the log). */
    private void once(String key, Runnable report) {
        if (reported.add(key)) {
            report.run();
        }
    }

    private volatile Memo<List<AnnouncementStatus>> lastStatus;
    private volatile Memo<List<io.barelb.api.announce.ServiceStatus>> lastServiceStatuses;

    @Override
    public List<AnnouncementStatus> status() {
        AnnouncerState state = desired;
        Map<String, Blocked> waiting = blocked;
        StatusInputs inputs = statusInputs(state, waiting);
        Memo<List<AnnouncementStatus>> last = lastStatus;
        if (last != null && last.inputs().sameAs(inputs)) {
            // nothing it is made of changed: the same list, so the runtime's report of it can stop at once
            return last.value();
        }
        List<AnnouncementStatus> made = status(state, waiting);
        lastStatus = new Memo<>(inputs, made);
        return made;
    }

    private List<AnnouncementStatus> status(AnnouncerState state, Map<String, Blocked> waiting) {
        List<AnnouncementStatus> out = new ArrayList<>();
        // the same peers and message for most addresses: one list and one string for all of them, not one each
        Map<Object, Object> same = new HashMap<>();
        for (Advertisement ad : state.advertisements()) {
            if (!ad.candidateNodes().contains(nodeName)) {
                out.add(new AnnouncementStatus(ad.service(), ad.address(), false, List.of(),
                        "node " + nodeName + " is not a candidate"));
                continue;
            }
            List<String> where = new ArrayList<>();
            List<String> whereText = new ArrayList<>();
            List<String> notUp = new ArrayList<>();
            for (PeerRuntime peer : new TreeMap<>(peers).values()) {
                if (peer.carries(ad.address())) {
                    String bfdState = peer.usesBfd() ? bfd.describe(peer.peerAddress()).map(d -> " (" + d + ")")
                            .orElse(" (BFD not started)") : "";
                    if (peer.established()) {
                        where.add(peer.address());
                        whereText.add(peer.address() + bfdState);
                    } else {
                        notUp.add("peer " + peer.name() + " (" + peer.address() + ") is " + peer.state() + bfdState);
                    }
                }
            }
            boolean held = false;
            for (Map.Entry<String, Blocked> entry : waiting.entrySet()) {
                if (entry.getValue().addresses().contains(ad.address())) {
                    notUp.add("peer " + entry.getKey() + " waits: " + entry.getValue().why());
                    held = true;
                }
            }
            String message = !where.isEmpty() ? "announced to BGP peers " + String.join(", ", whereText)
                    : notUp.isEmpty() ? "no BGPPeer of node " + nodeName + " is sent this address (check the "
                    + "BGPAdvertisements' peers and nodeSelectors)" : String.join("; ", notUp);
            // a peer held back (its Secret missing) is a failure the runtime reports and retries; a session not
            // Established yet is the router's side and reconnects by itself
            AnnouncementStatus.State result = !where.isEmpty() ? AnnouncementStatus.State.ANNOUNCED
                    : held ? AnnouncementStatus.State.FAILED : AnnouncementStatus.State.STANDBY;
            out.add(new AnnouncementStatus(ad.service(), ad.address(), result, once(same, List.copyOf(where)),
                    once(same, message)));
        }
        return List.copyOf(out);
    }

    /** {@code value}, or the equal one {@code seen} holds. */
    @SuppressWarnings("unchecked")
    private static <T> T once(Map<Object, Object> seen, T value) {
        return (T) seen.computeIfAbsent(value, v -> v);
    }

    /**
     * MetalLB's {@code ServiceBGPStatus} of each Service this node should advertise: {@code peers} the names of the
     * BGPPeers its addresses are planned for (a session that is down, or a peer held back by a missing Secret,
     * counts: MetalLB lists the peers a Service is configured to be advertised to, whatever the sessions' state).
     */
    @Override
    public List<io.barelb.api.announce.ServiceStatus> serviceStatuses() {
        AnnouncerState state = desired;
        Map<String, Blocked> waiting = blocked;
        StatusInputs inputs = statusInputs(state, waiting);
        Memo<List<io.barelb.api.announce.ServiceStatus>> last = lastServiceStatuses;
        if (last != null && last.inputs().sameAs(inputs)) {
            return last.value();
        }
        List<io.barelb.api.announce.ServiceStatus> made = serviceStatuses(state, waiting);
        lastServiceStatuses = new Memo<>(inputs, made);
        return made;
    }

    private List<io.barelb.api.announce.ServiceStatus> serviceStatuses(AnnouncerState state, Map<String, Blocked> waiting) {
        Map<io.barelb.api.ServiceKey, Set<String>> byService = new TreeMap<>();
        for (Advertisement ad : state.advertisements()) {
            if (!ad.candidateNodes().contains(nodeName)) {
                continue;
            }
            // each peer's address set, not a scan of its routes per advertisement: with 10,000 Services that scan
            // was 10^8 look-ups at every status report
            Set<String> names = new java.util.TreeSet<>();
            peers.forEach((name, peer) -> {
                if (peer.carries(ad.address())) {
                    names.add(name);
                }
            });
            waiting.forEach((name, held) -> {
                if (held.addresses().contains(ad.address())) {
                    names.add(name);
                }
            });
            if (!names.isEmpty()) {
                byService.computeIfAbsent(ad.service(), k -> new java.util.TreeSet<>()).addAll(names);
            }
        }
        return byService.entrySet().stream().map(e -> new io.barelb.api.announce.ServiceStatus(e.getKey(),
                Map.of("peers", List.copyOf(e.getValue())))).toList();
    }

    /**
     * What {@link #status()} and {@link #serviceStatuses()} are made of: the desired state and the held-back peers
     * (replaced, never changed in place, so compared by identity) and each peer's inputs.
     */
    private record StatusInputs(AnnouncerState desired, Map<String, Blocked> blocked, List<PeerInputs> peers) {
        boolean sameAs(StatusInputs other) {
            if (desired != other.desired || blocked != other.blocked || peers.size() != other.peers.size()) {
                return false;
            }
            for (int i = 0; i < peers.size(); i++) {
                if (!peers.get(i).sameAs(other.peers.get(i))) {
                    return false;
                }
            }
            return true;
        }
    }

    /** One peer's part: its routes (replaced, never changed in place: by identity), session state and BFD description. */
    private record PeerInputs(String name, List<Route> routes, SessionState state, String bfd) {
        boolean sameAs(PeerInputs other) {
            return routes == other.routes && name.equals(other.name) && state == other.state && bfd.equals(other.bfd);
        }
    }

    private record Memo<T>(StatusInputs inputs, T value) {
    }

    private StatusInputs statusInputs(AnnouncerState state, Map<String, Blocked> waiting) {
        List<PeerInputs> parts = new ArrayList<>();
        for (Map.Entry<String, PeerRuntime> entry : new TreeMap<>(peers).entrySet()) {
            PeerRuntime peer = entry.getValue();
            parts.add(new PeerInputs(entry.getKey(), peer.routes(), peer.state(),
                    peer.usesBfd() ? bfd.describe(peer.peerAddress()).orElse("") : ""));
        }
        return new StatusInputs(state, waiting, parts);
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        List<PeerRuntime> stopping;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            stopping = List.copyOf(peers.values());
            List.copyOf(peers.keySet()).forEach(name -> close(peers.remove(name)));
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_DEADLINE_MILLIS);
        // the Cease goes out on the session's loop: wait (within the deadline) until every session is Idle
        while (stopping.stream().anyMatch(peer -> peer.state() != SessionState.IDLE)
                && System.nanoTime() < deadline - TimeUnit.SECONDS.toNanos(1)) {
            sleepBriefly();
        }
        listeners.close();
        try {
            bfd.close();
        } catch (RuntimeException e) {
            LOG.warn("bgp: BFD sessions did not close cleanly: {}", e.getMessage());
        }
        peers.clear();
        // a quiet period lets the Cease NOTIFICATIONs already queued leave before the sockets close
        long left = Math.max(0, deadline - System.nanoTime());
        if (!group.shutdownGracefully(200, TimeUnit.NANOSECONDS.toMillis(left), TimeUnit.MILLISECONDS)
                .awaitUninterruptibly(TimeUnit.NANOSECONDS.toMillis(left) + 500)) {
            LOG.warn("bgp: event loops still running {} ms after close", CLOSE_DEADLINE_MILLIS);
        }
        desired = AnnouncerState.empty();
        blocked = Map.of();
    }
}
