package io.barelb.announcer.layer2;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import org.jgroups.Address;
import org.jgroups.BytesMessage;
import org.jgroups.JChannel;
import org.jgroups.MergeView;
import org.jgroups.Message;
import org.jgroups.Receiver;
import org.jgroups.View;
import org.jgroups.protocols.FD_ALL3;
import org.jgroups.protocols.FD_SOCK2;
import org.jgroups.protocols.MERGE3;
import org.jgroups.protocols.TCP;
import org.jgroups.protocols.TCPPING;
import org.jgroups.protocols.UNICAST3;
import org.jgroups.protocols.VERIFY_SUSPECT2;
import org.jgroups.protocols.pbcast.GMS;
import org.jgroups.protocols.pbcast.NAKACK2;
import org.jgroups.protocols.pbcast.STABLE;
import org.jgroups.util.NameCache;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Speaker liveness through a JGroups group over TCP with a static seed list.
 *
 * <p>Failure detection: {@code FD_SOCK2} keeps a TCP connection to the next member of the ring, so a killed
 * speaker (its sockets closed by the kernel) is suspected within milliseconds; {@code FD_ALL3} suspects a member
 * silent for {@link Layer2Settings#timeoutMillis()} (a hung process, a cut cable); {@code VERIFY_SUSPECT2}
 * double-checks for a short while before the coordinator installs the new view. {@code MERGE3} heals
 * partitions. Member names are node names. Each member multicasts the interfaces it can announce on and the
 * addresses it withholds (its backend fails their health check), on every change and after every view change so
 * that newcomers learn them.
 *
 * <p>The view says {@code JOINING} until the first view arrives (during {@code connect}: a member whose seeds
 * are all unreachable becomes a group of one after the 1 s join timeout), then {@code JOINED}; {@code NONE} if
 * the channel could not be created or connected at all, so the announcer falls back to counting every candidate
 * alive rather than never announcing.
 *
 * <p>Thread-safe: JGroups calls the receiver from its own threads; the view is swapped atomically.
 */
final class JGroupsMembership implements SpeakerMembership {

    private static final Logger LOG = LoggerFactory.getLogger(JGroupsMembership.class);
    private static final long VERIFY_SUSPECT_MILLIS = 100;
    private static final String WITHHELD_PREFIX = "withheld ";

    private final String nodeName;
    private final Layer2Settings settings;
    private final AtomicLong merges = new AtomicLong();
    /** Guarded by itself: the latest view's members and every member's published interfaces. */
    private final Map<String, Set<String>> published = new HashMap<>();
    /** Guarded by {@link #published}: every member's withheld addresses. */
    private final Map<String, Set<String>> withheld = new HashMap<>();
    /** The addresses this node holds back from; empty until it says otherwise. */
    private volatile Set<String> ownWithheld = Set.of();
    private Set<String> viewMembers = Set.of();
    private boolean joined;
    /** Guarded by {@link #published}: the join threw; the view then says no membership runs. */
    private boolean joinFailed;
    private volatile MembershipView view = MembershipView.joining();
    /** Null until this node first published: then the others assume it healthy rather than hear "no interface". */
    private volatile Set<String> ownInterfaces;
    private volatile Runnable onChange = () -> { };
    private volatile JChannel channel;
    private volatile boolean closed;
    private Thread joiner;

    JGroupsMembership(String nodeName, Layer2Settings settings) {
        if (!settings.membershipEnabled()) {
            throw new IllegalArgumentException("membership needs BARELB_MEMBERLIST_BIND and BARELB_MEMBERLIST_SEEDS");
        }
        this.nodeName = nodeName;
        this.settings = settings;
    }

    @Override
    public synchronized void start(Runnable changeListener) {
        if (joiner != null) {
            return;
        }
        onChange = changeListener;
        joiner = new Thread(this::join, "barelb-layer2-membership-join");
        joiner.setDaemon(true);
        joiner.start();
    }

    private void join() {
        try {
            TCP tcp = new TCP();
            tcp.setBindAddress(settings.bind().orElseThrow().getAddress());
            tcp.setBindPort(settings.bind().orElseThrow().getPort());
            tcp.setPortRange(0);
            TCPPING discovery = new TCPPING();
            discovery.setInitialHosts(settings.seeds());
            discovery.setPortRange(0);
            FD_SOCK2 socketDetector = new FD_SOCK2();
            socketDetector.setBindAddress(settings.bind().orElseThrow().getAddress());
            long timeout = settings.timeoutMillis();
            FD_ALL3 heartbeatDetector = new FD_ALL3().setTimeout(timeout).setInterval(Math.max(20, timeout / 5));
            VERIFY_SUSPECT2 verify = new VERIFY_SUSPECT2().setTimeout(VERIFY_SUSPECT_MILLIS);
            MERGE3 merge = new MERGE3().setMinInterval(1000).setMaxInterval(2000);
            GMS gms = new GMS().setJoinTimeout(1000).setViewAckCollectionTimeout(500).setLeaveTimeout(500);
            JChannel created = new JChannel(tcp, discovery, merge, socketDetector, heartbeatDetector, verify,
                    new NAKACK2(), new UNICAST3(), new STABLE(), gms);
            created.name(nodeName);
            created.setReceiver(new GroupReceiver());
            synchronized (this) {
                if (closed) {
                    created.close();
                    return;
                }
                channel = created;
            }
            created.connect(settings.cluster());
            LOG.info("layer2 membership joined group {} as {} on {}; view {}", settings.cluster(), nodeName,
                    settings.bind().orElseThrow(), created.getView());
            broadcastOwnInterfaces();
            broadcastOwnWithheld();
        } catch (Exception e) {
            LOG.warn("layer2 membership could not join group {} on {}: {}; every candidate counts as alive",
                    settings.cluster(), settings.bind().orElseThrow(), e.toString());
            synchronized (published) {
                joinFailed = true;
            }
            refreshView(null, false);
        }
    }

    @Override
    public MembershipView view() {
        return view;
    }

    @Override
    public void publish(Set<String> usableInterfaces) {
        ownInterfaces = Set.copyOf(usableInterfaces);
        synchronized (published) {
            published.put(nodeName, ownInterfaces);
        }
        broadcastOwnInterfaces();
        refreshView(null, false);
    }

    @Override
    public void publishWithheld(Set<String> addresses) {
        ownWithheld = Set.copyOf(addresses);
        broadcastOwnWithheld();
        refreshView(null, false);
    }

    /**
     * Sends {@code withheld NODE\nADDRESS,ADDRESS}. A speaker that does not know this message reads a node called
     * {@code withheld NODE}, which is no member, and ignores it.
     */
    private void broadcastOwnWithheld() {
        JChannel current = channel;
        if (current == null || !current.isConnected()) {
            return;
        }
        String body = WITHHELD_PREFIX + nodeName + "\n" + String.join(",", new TreeSet<>(ownWithheld));
        try {
            current.send(new BytesMessage(null, body.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            LOG.debug("layer2 membership could not send this node's withheld addresses: {}", e.toString());
        }
    }

    @Override
    public void close() {
        JChannel toClose;
        synchronized (this) {
            closed = true;
            toClose = channel;
            channel = null;
        }
        if (toClose != null) {
            toClose.close();
        }
    }

    private void broadcastOwnInterfaces() {
        JChannel current = channel;
        Set<String> interfaces = ownInterfaces;
        if (current == null || !current.isConnected() || interfaces == null) {
            return;
        }
        String body = nodeName + "\n" + String.join(",", new TreeSet<>(interfaces));
        try {
            current.send(new BytesMessage(null, body.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            LOG.debug("layer2 membership could not send this node's interfaces: {}", e.toString());
        }
    }

    /**
     * Rebuilds the view under one lock, so a health message and a view change racing each other cannot leave an
     * older member list in place; {@code newMembers} is null when only health changed.
     */
    private void refreshView(Set<String> newMembers, boolean merged) {
        synchronized (published) {
            if (newMembers != null) {
                viewMembers = Set.copyOf(newMembers);
                joined = true;
            }
            published.keySet().retainAll(joined ? viewMembers : Set.of(nodeName));
            withheld.keySet().retainAll(joined ? viewMembers : Set.of());
            if (ownInterfaces != null) {
                published.put(nodeName, ownInterfaces);
            }
            long mergeCount = merged ? merges.incrementAndGet() : merges.get();
            MembershipView.Phase phase = joined ? MembershipView.Phase.JOINED
                    : joinFailed ? MembershipView.Phase.NONE : MembershipView.Phase.JOINING;
            view = new MembershipView(phase, viewMembers, Map.copyOf(published), mergeCount, Map.copyOf(withheld));
        }
        onChange.run();
    }

    private void receiveWithheld(String node, String list) {
        Set<String> addresses = list.isEmpty() ? Set.of() : Set.copyOf(Arrays.asList(list.split(",")));
        if (node.equals(nodeName)) {
            return;
        }
        synchronized (published) {
            if (addresses.equals(withheld.getOrDefault(node, Set.of())) || (joined && !viewMembers.contains(node))) {
                return;
            }
            withheld.put(node, addresses);
        }
        LOG.info("layer2 membership: node {} withholds {}", node, addresses.isEmpty() ? "nothing" : new TreeSet<>(addresses));
        refreshView(null, false);
    }

    private final class GroupReceiver implements Receiver {
        @Override
        public void viewAccepted(View newView) {
            Set<String> alive = new HashSet<>();
            for (Address member : newView.getMembers()) {
                String name = NameCache.get(member);
                alive.add(name != null ? name : member.toString());
            }
            alive.add(nodeName);
            LOG.info("layer2 membership view {}: {}", newView.getViewId(), new TreeSet<>(alive));
            refreshView(alive, newView instanceof MergeView);
            // newcomers (and the other side of a healed split) learn our data-path health
            Thread sender = new Thread(() -> {
                broadcastOwnInterfaces();
                broadcastOwnWithheld();
            }, "barelb-layer2-membership-publish");
            sender.setDaemon(true);
            sender.start();
        }

        @Override
        public void receive(Message message) {
            String body = new String(message.getArray(), message.getOffset(), message.getLength(), StandardCharsets.UTF_8);
            int newline = body.indexOf('\n');
            if (newline <= 0) {
                return;
            }
            String node = body.substring(0, newline);
            String list = body.substring(newline + 1);
            if (node.startsWith(WITHHELD_PREFIX)) {
                receiveWithheld(node.substring(WITHHELD_PREFIX.length()), list);
                return;
            }
            Set<String> interfaces = list.isEmpty() ? Set.of() : Set.copyOf(Arrays.asList(list.split(",")));
            if (node.equals(nodeName)) {
                return;
            }
            synchronized (published) {
                if (interfaces.equals(published.get(node)) || (joined && !viewMembers.contains(node))) {
                    return;
                }
                published.put(node, interfaces);
            }
            refreshView(null, false);
        }
    }
}
