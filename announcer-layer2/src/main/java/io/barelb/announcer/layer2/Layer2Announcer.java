package io.barelb.announcer.layer2;

import io.barelb.api.ErrorCode;
import io.barelb.api.PluginContext;
import io.barelb.api.ServiceKey;
import io.barelb.api.announce.Advertisement;
import io.barelb.api.announce.AnnouncementStatus;
import io.barelb.api.announce.Announcer;
import io.barelb.api.announce.AnnouncerState;
import io.barelb.api.announce.ServiceStatus;
import io.barelb.api.net.IpAddress;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The layer2 {@link Announcer}: elects one owner per address among the live, healthy candidate nodes and, where
 * this node is the owner, answers ARP and neighbor solicitations for it and announces it gratuitously on takeover.
 *
 * <p>Level-based and idempotent: {@link #apply(AnnouncerState)} records the desired state and reconciles; a
 * membership change, a link change or a healed partition reconciles again with the same code. Thread-safe: the
 * reconcile is serialised on this object; status is a volatile snapshot.
 *
 * <p>Link state: read from the injected supplier when the {@link LinkEvents} source reports a change (netlink), and
 * polled as a backstop; polled at the fast period when no events arrive. Membership: while the membership group is
 * configured but not joined ({@link MembershipView.Phase#JOINING}) this node claims no address, since it cannot
 * know who owns one now; past the join wait it announces as without membership.
 */
final class Layer2Announcer implements Announcer {

    private static final Logger LOG = LoggerFactory.getLogger(Layer2Announcer.class);
    /** When the gratuitous frames go out after a takeover: at once, then a few more while caches settle. */
    static final List<Duration> GRATUITOUS_BURST = List.of(Duration.ZERO, Duration.ofMillis(250), Duration.ofSeconds(1),
            Duration.ofSeconds(2), Duration.ofSeconds(4));
    /** How long a node that stops withholding an address waits before it may claim it again. */
    static final Duration HANDBACK = Duration.ofMillis(200);

    private final String nodeName;
    private final PluginContext context;
    private final PacketIo packetIo;
    private final SpeakerMembership membership;
    private final LinkMonitor links;
    private final ScheduledExecutorService scheduler;
    private final Layer2Metrics metrics;
    private final List<Duration> burst;
    private final Duration handback;
    /** The addresses this node withheld at the last reconcile, as published. */
    private Set<String> lastWithheld = Set.of();
    /** "SERVICE ADDRESS" of each advertisement refused by {@link L2AdvertisementConfig#refusesSharing}, last time. */
    private Set<String> lastRefused = Set.of();
    /** Addresses this node stopped withholding less than {@link #handback} ago: it does not claim them yet. */
    private final Map<String, ScheduledFuture<?>> handingBack = new HashMap<>();
    private final Map<String, InterfaceResponder> responders = new TreeMap<>();
    private final Map<String, List<ScheduledFuture<?>>> bursts = new HashMap<>();
    private final Set<String> openFailuresReported = new HashSet<>();
    private AnnouncerState desired = AnnouncerState.empty();
    private Map<IpAddress, Set<String>> announced = Map.of();
    private Set<String> lastPublished;
    private long lastMerges;
    private boolean closed;
    private ScheduledFuture<?> joinDeadline;
    private final Duration joinWait;
    /** The join wait passed while membership was still joining: this node announces as without membership. */
    private boolean joinWaitOver;
    private volatile List<AnnouncementStatus> status = List.of();

    Layer2Announcer(String nodeName, PluginContext context, PacketIo packetIo, SpeakerMembership membership,
                    Supplier<Map<String, Link>> links, long linkPollMillis, List<Duration> burst) {
        this(nodeName, context, packetIo, membership, links, linkPollMillis, burst, HANDBACK);
    }

    /**
     * @param handback how long this node waits, after it stops withholding an address, before it may claim it: the
     *                 time for its peers to hear it and for the current owner to stop, so two never answer at once
     */
    Layer2Announcer(String nodeName, PluginContext context, PacketIo packetIo, SpeakerMembership membership,
                    Supplier<Map<String, Link>> links, long linkPollMillis, List<Duration> burst, Duration handback) {
        this(nodeName, context, packetIo, membership, new LinkMonitor.Source(links, LinkEvents.none(), linkPollMillis,
                linkPollMillis), Duration.ofMillis(Layer2Settings.DEFAULT_JOIN_WAIT_MILLIS), burst, handback);
    }

    /**
     * @param joinWait how long this node claims nothing while its membership joins the group
     * @param handback how long this node waits, after it stops withholding an address, before it may claim it
     */
    Layer2Announcer(String nodeName, PluginContext context, PacketIo packetIo, SpeakerMembership membership,
                    LinkMonitor.Source linkSource, Duration joinWait, List<Duration> burst, Duration handback) {
        this.handback = Objects.requireNonNull(handback, "handback");
        this.joinWait = Objects.requireNonNull(joinWait, "joinWait");
        this.nodeName = Objects.requireNonNull(nodeName, "nodeName");
        this.context = context;
        this.packetIo = packetIo;
        this.membership = membership;
        this.scheduler = context.scheduler();
        this.metrics = new Layer2Metrics(context.metrics(), nodeName);
        this.links = new LinkMonitor(linkSource, scheduler, metrics, this::reconcileQuietly);
        this.burst = List.copyOf(burst);
        membership.start(() -> scheduler.execute(this::reconcileQuietly));
        if (membership.view().phase() == MembershipView.Phase.JOINING) {
            joinDeadline = scheduler.schedule(this::joinWaitPassed, joinWait.toMillis(), TimeUnit.MILLISECONDS);
        }
        links.start();
    }

    private synchronized void joinWaitPassed() {
        if (closed || membership.view().phase() != MembershipView.Phase.JOINING) {
            return;
        }
        joinWaitOver = true;
        LOG.warn("layer2: node {} has not joined the membership group within {} ms (BARELB_MEMBERLIST_JOIN_WAIT_MS);"
                + " it announces as without membership, every candidate counted alive, until it joins", nodeName,
                joinWait.toMillis());
        reconcileQuietly();
    }

    @Override
    public synchronized void apply(AnnouncerState state) {
        desired = Objects.requireNonNull(state, "state");
        reconcile();
    }

    @Override
    public List<AnnouncementStatus> status() {
        return status;
    }

    /**
     * MetalLB's {@code ServiceL2Status} of each Service this node announces: {@code interfaces} (as {@code [{name}]})
     * the union of the interfaces its addresses are answered on.
     */
    @Override
    public List<ServiceStatus> serviceStatuses() {
        Map<ServiceKey, Set<String>> interfaces = new TreeMap<>();
        for (AnnouncementStatus announced : status) {
            if (announced.announced()) {
                interfaces.computeIfAbsent(announced.service(), k -> new TreeSet<>()).addAll(announced.where());
            }
        }
        return interfaces.entrySet().stream().map(e -> new ServiceStatus(e.getKey(), Map.of("interfaces",
                e.getValue().stream().map(name -> Map.of("name", name)).toList()))).toList();
    }

    private synchronized void reconcileQuietly() {
        try {
            reconcile();
        } catch (RuntimeException e) {
            LOG.warn("layer2: reconcile failed: {}", e.toString(), e);
        }
    }

    private void reconcile() {
        if (closed) {
            return;
        }
        Map<String, Link> linkMap = links.read();
        Set<String> myUsable = usable(linkMap);
        if (!myUsable.equals(lastPublished)) {
            // the other speakers learn at once that this node can (no longer) announce on these interfaces
            lastPublished = myUsable;
            membership.publish(myUsable);
        }
        publishWithheld();
        MembershipView view = membership.view();
        boolean mayClaim = view.mayClaim(joinWaitOver);
        boolean healedSplit = view.merges() != lastMerges;
        lastMerges = view.merges();

        Map<IpAddress, Set<String>> wanted = new HashMap<>();
        List<AnnouncementStatus> statuses = new ArrayList<>();
        Map<Integer, Advertisement> owned = new HashMap<>();
        Map<IpAddress, List<ServiceKey>> servicesByAddress = new HashMap<>();
        Map<IpAddress, IpAddress> electionKeys = ElectionKeys.of(desired.advertisements());
        Map<String, String> refused = new TreeMap<>();
        for (Advertisement ad : desired.advertisements()) {
            if (!mayClaim) {
                statuses.add(new AnnouncementStatus(ad.service(), ad.address(), false, List.of(), "node " + nodeName
                        + " is joining the membership group and claims no address until it has joined (at most "
                        + joinWait.toMillis() + " ms)"));
                continue;
            }
            Optional<String> refusing = L2AdvertisementConfig.refusesSharing(ad);
            if (refusing.isPresent()) {
                String why = "not announced: the Service has allow-shared-ip \"" + ad.sharingKey()
                        + "\" and L2Advertisement \"" + refusing.get() + "\" selects Services by serviceSelectors,"
                        + " which MetalLB refuses too (Services sharing the address could elect two nodes); remove"
                        + " serviceSelectors from that advertisement, or the annotation";
                refused.put(ad.service() + " " + ad.address(), why);
                statuses.add(new AnnouncementStatus(ad.service(), ad.address(), false, List.of(), why));
                continue;
            }
            Optional<Set<String>> allowed = L2AdvertisementConfig.allowedInterfaces(ad.selectedBy());
            String addressText = ad.address().toString();
            Optional<String> owner = AddressElection.owner(ad, electionKeys.get(ad.address()), nodeName, myUsable, handingBack.containsKey(addressText),
                    view, desired.nodes());
            if (owner.isPresent() && owner.get().equals(nodeName)) {
                Set<String> interfaces = new TreeSet<>(myUsable);
                allowed.ifPresent(interfaces::retainAll);
                wanted.computeIfAbsent(ad.address(), a -> new TreeSet<>()).addAll(interfaces);
                servicesByAddress.computeIfAbsent(ad.address(), a -> new ArrayList<>()).add(ad.service());
                owned.put(statuses.size(), ad);
                statuses.add(null); // filled in once the responders are open
            } else {
                String message = owner.map(node -> "owner is " + node).orElse(ad.candidateNodes().isEmpty()
                        ? "no candidate node" : "no candidate node is alive with a usable interface and a healthy backend");
                if (handingBack.containsKey(addressText)) {
                    message += " (this node takes part again in " + handback.toMillis() + " ms)";
                }
                statuses.add(new AnnouncementStatus(ad.service(), ad.address(), false, List.of(), message));
            }
        }

        Map<String, Set<IpAddress>> byInterface = new TreeMap<>();
        wanted.forEach((address, interfaces) -> interfaces.forEach(
                name -> byInterface.computeIfAbsent(name, n -> new HashSet<>()).add(address)));
        Map<String, String> openFailures = updateResponders(byInterface, linkMap, servicesByAddress);
        owned.forEach((index, ad) -> statuses.set(index, ownerStatus(ad, wanted.get(ad.address()), openFailures)));
        // an interface whose capture failed is not announced: once it opens, it counts as new (gratuitous burst)
        wanted.values().forEach(interfaces -> interfaces.removeAll(openFailures.keySet()));
        wanted.values().removeIf(Set::isEmpty);
        refused.forEach((what, why) -> {
            if (!lastRefused.contains(what)) {
                LOG.warn("layer2: {} {}", what, why);
            }
        });
        lastRefused = refused.keySet();
        updateBursts(wanted, healedSplit);
        reportChanges(wanted);
        announced = wanted;
        status = List.copyOf(statuses);
    }

    /**
     * Tells the peers which addresses this node withholds when that changed. An address no longer withheld is not
     * claimed for {@link #handback}, so the peers hear it first and the current owner stops before this node starts.
     */
    private void publishWithheld() {
        Set<String> withheld = desired.withheld().stream().map(ad -> ad.address().toString())
                .collect(Collectors.toCollection(TreeSet::new));
        if (withheld.equals(lastWithheld)) {
            return;
        }
        for (String address : lastWithheld) {
            if (!withheld.contains(address) && !handingBack.containsKey(address)) {
                handingBack.put(address, scheduler.schedule(() -> handedBack(address), handback.toMillis(),
                        TimeUnit.MILLISECONDS));
            }
        }
        for (String address : withheld) {
            ScheduledFuture<?> pending = handingBack.remove(address);
            if (pending != null) {
                pending.cancel(false);
            }
        }
        LOG.info("layer2: node {} withholds {}", nodeName, withheld.isEmpty() ? "nothing" : withheld);
        if (!withheld.isEmpty() && !membership.runs()) {
            LOG.warn("layer2: node {} withholds {} but no membership group runs, so no other node hears it: where this"
                    + " node is the election's choice nobody answers; give every Node an InternalIP (static mode) or set"
                    + " BARELB_MEMBERLIST_BIND and BARELB_MEMBERLIST_SEEDS", nodeName, withheld);
        }
        lastWithheld = withheld;
        membership.publishWithheld(withheld);
    }

    /** The addresses this node stopped withholding and does not claim yet. */
    synchronized Set<String> handingBack() {
        return Set.copyOf(handingBack.keySet());
    }

    private synchronized void handedBack(String address) {
        handingBack.remove(address);
        reconcileQuietly();
    }

    /** Announced where a responder runs; failed when no interface could be opened (the speaker retries then). */
    private AnnouncementStatus ownerStatus(Advertisement ad, Set<String> interfaces, Map<String, String> openFailures) {
        List<String> serving = interfaces.stream().filter(name -> !openFailures.containsKey(name)).toList();
        if (serving.isEmpty()) {
            String why = interfaces.stream().map(openFailures::get).collect(Collectors.joining("; "));
            return new AnnouncementStatus(ad.service(), ad.address(), AnnouncementStatus.State.FAILED, List.of(),
                    "node " + nodeName + " owns " + ad.address() + " but cannot announce it: " + why);
        }
        return new AnnouncementStatus(ad.service(), ad.address(), true, serving,
                "announcing from node " + nodeName + " on " + String.join(",", serving));
    }

    /** Opens and closes responders; returns why each interface that could not be opened failed. */
    private Map<String, String> updateResponders(Map<String, Set<IpAddress>> byInterface, Map<String, Link> linkMap,
                                                 Map<IpAddress, List<ServiceKey>> services) {
        Map<String, String> failures = new TreeMap<>();
        for (Map.Entry<String, Set<IpAddress>> entry : byInterface.entrySet()) {
            String name = entry.getKey();
            MacAddress mac = linkMap.get(name).mac();
            InterfaceResponder responder = responders.get(name);
            if (responder != null && (!responder.running() || !responder.mac().equals(mac))) {
                responder.close();
                responders.remove(name);
                responder = null;
            }
            if (responder == null) {
                try {
                    responder = new InterfaceResponder(name, mac, packetIo.open(name), metrics);
                    responders.put(name, responder);
                    openFailuresReported.remove(name);
                } catch (IOException e) {
                    failures.put(name, e.getMessage());
                    if (openFailuresReported.add(name)) {
                        LOG.warn("layer2 [{}]: {}", ErrorCode.NETWORK_FAILURE.reason(), e.getMessage());
                        for (IpAddress address : entry.getValue()) {
                            for (ServiceKey service : services.getOrDefault(address, List.of())) {
                                context.events().warning(service, ErrorCode.NETWORK_FAILURE.reason(),
                                        "cannot announce " + address + " on " + name + ": " + e.getMessage());
                            }
                        }
                    }
                    continue;
                }
            }
            responder.owned(entry.getValue());
        }
        responders.entrySet().removeIf(entry -> {
            if (byInterface.containsKey(entry.getKey())) {
                return false;
            }
            entry.getValue().close();
            return true;
        });
        return failures;
    }

    private void updateBursts(Map<IpAddress, Set<String>> wanted, boolean reannounce) {
        Set<String> keep = new HashSet<>();
        wanted.forEach((address, interfaces) -> {
            for (String name : interfaces) {
                String key = name + "|" + address;
                keep.add(key);
                boolean isNew = !announced.getOrDefault(address, Set.of()).contains(name);
                InterfaceResponder responder = responders.get(name);
                if ((isNew || reannounce) && responder != null) {
                    cancel(key);
                    List<ScheduledFuture<?>> futures = new ArrayList<>();
                    for (Duration delay : burst) {
                        futures.add(scheduler.schedule(() -> responder.sendGratuitous(address),
                                delay.toMillis(), TimeUnit.MILLISECONDS));
                    }
                    bursts.put(key, futures);
                }
            }
        });
        new ArrayList<>(bursts.keySet()).stream().filter(key -> !keep.contains(key)).forEach(this::cancel);
    }

    private void cancel(String key) {
        List<ScheduledFuture<?>> futures = bursts.remove(key);
        if (futures != null) {
            futures.forEach(future -> future.cancel(false));
        }
    }

    /** Metrics and logs of takeovers and give-ups; the speaker turns status changes into nodeAssigned Events. */
    private void reportChanges(Map<IpAddress, Set<String>> wanted) {
        for (IpAddress address : wanted.keySet()) {
            if (!announced.containsKey(address)) {
                metrics.announced(address, true);
                LOG.info("layer2: node {} takes over {} on {}", nodeName, address, wanted.get(address));
            }
        }
        for (IpAddress address : announced.keySet()) {
            if (!wanted.containsKey(address)) {
                metrics.announced(address, false);
                LOG.info("layer2: node {} gives up {}", nodeName, address);
            }
        }
    }

    private static Set<String> usable(Map<String, Link> linkMap) {
        return linkMap.values().stream().filter(Link::usable).map(Link::name)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            if (joinDeadline != null) {
                joinDeadline.cancel(false);
            }
            new ArrayList<>(bursts.keySet()).forEach(this::cancel);
            handingBack.values().forEach(future -> future.cancel(false));
            handingBack.clear();
            responders.values().forEach(InterfaceResponder::close);
            responders.clear();
            announced.keySet().forEach(address -> metrics.announced(address, false));
            announced = Map.of();
            status = List.of();
        }
        links.close();
        membership.close();
    }
}
