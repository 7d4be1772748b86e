package io.barelb.runtime.speaker;

import io.barelb.api.EventSink;
import io.barelb.api.Metrics;
import io.barelb.api.PluginContext;
import io.barelb.api.announce.AnnouncementStatus;
import io.barelb.api.announce.Announcer;
import io.barelb.api.announce.AnnouncerFactory;
import io.barelb.api.announce.AnnouncerState;
import io.barelb.api.config.ResourceKind;
import io.barelb.api.ipam.IpamFactory;
import io.barelb.runtime.allocator.IpamRegistry;
import io.barelb.runtime.allocator.PoolLookup;
import io.barelb.runtime.model.AddressPool;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The speaker's core: holds one announcer per announcer plugin and, on every {@link #reconcile(ClusterView)},
 * hands each the whole state it should make true on this node. Level-based: reconciling the same view twice
 * changes nothing (an unchanged state is not even handed over again).
 *
 * <p>Thread-safe: {@code reconcile}, {@code reportStatus} and {@code close} are serialised.
 */
public final class Speaker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Speaker.class);
    static final String ANNOUNCED_METRIC = "barelb_speaker_announced";

    private final String nodeName;
    private final AdvertisementPlanner planner;
    private final IpamRegistry ipam;
    private final EventSink events;
    private final Metrics metrics;
    private final Map<AnnouncerFactory, Announcer> announcers = new HashMap<>();
    private final List<PluginContext> contexts = new ArrayList<>();
    /** Why an announcer could not be built, by announcer name (health checks report it). */
    private final Map<String, String> notStarted = new java.util.TreeMap<>();
    private final Map<String, AnnouncerState> applied = new HashMap<>();
    private final Set<StatusKey> announced = new HashSet<>();
    private List<AddressPool> poolsOfLookup = List.of();
    private PoolLookup poolLookup;

    private record StatusKey(String protocol, String service, String address) {
    }

    /**
     * Creates one announcer per factory; a factory that fails to build one is reported and left out, and the
     * speaker serves the other protocols.
     */
    public Speaker(String nodeName, Optional<String> loadBalancerClass, List<IpamFactory> ipamFactories,
                   List<AnnouncerFactory> announcerFactories, Function<AnnouncerFactory, PluginContext> contexts,
                   EventSink events, Metrics metrics) {
        this.nodeName = nodeName;
        this.planner = new AdvertisementPlanner(nodeName, loadBalancerClass);
        this.ipam = new IpamRegistry(ipamFactories);
        this.events = events;
        this.metrics = metrics;
        this.poolLookup = PoolLookup.of(ipam, List.of());
        for (AnnouncerFactory factory : announcerFactories) {
            try {
                PluginContext context = contexts.apply(factory);
                this.contexts.add(context);
                announcers.put(factory, factory.create(context));
                LOG.info("announcer {} ready on node {}", factory.name(), nodeName);
            } catch (RuntimeException e) {
                LOG.error("announcer {} cannot start on node {}; its addresses are not announced here: {}",
                        factory.name(), nodeName, e.getMessage(), e);
                notStarted.put(factory.name(), "cannot start: " + e.getMessage());
            }
        }
    }

    /** Makes every announcer match {@code view}. A failing announcer is reported; the others still get theirs. */
    public synchronized void reconcile(ClusterView view) {
        if (!view.pools().equals(poolsOfLookup)) {
            PoolLookup replaced = poolLookup;
            poolLookup = PoolLookup.of(ipam, view.pools());
            poolsOfLookup = view.pools();
            replaced.close();
        }
        for (Map.Entry<AnnouncerFactory, Announcer> entry : announcers.entrySet()) {
            AnnouncerFactory factory = entry.getKey();
            AnnouncerState state = factory.advertisementKind()
                    .map(kind -> planner.plan(view, poolLookup, kind,
                            factory.kinds().stream().map(ResourceKind::kind).toList()))
                    .orElseGet(AnnouncerState::empty);
            if (state.equals(applied.get(factory.name()))) {
                continue;
            }
            try {
                entry.getValue().apply(state);
                applied.put(factory.name(), state);
                LOG.debug("announcer {} handed {} advertisements", factory.name(), state.advertisements().size());
            } catch (RuntimeException e) {
                LOG.error("announcer {} failed to apply {} advertisements: {}", factory.name(),
                        state.advertisements().size(), e.getMessage(), e);
            }
        }
        reportStatus();
    }

    /**
     * Reads every announcer's status, emits {@code nodeAssigned} for addresses this node started announcing,
     * and keeps the {@value #ANNOUNCED_METRIC} gauge current. Called after each reconcile and periodically,
     * since an announcer may take over an address on its own (when another node fails).
     */
    public synchronized void reportStatus() {
        Set<StatusKey> now = new HashSet<>();
        for (Map.Entry<AnnouncerFactory, Announcer> entry : announcers.entrySet()) {
            String protocol = entry.getKey().name();
            List<AnnouncementStatus> statuses;
            try {
                statuses = entry.getValue().status();
            } catch (RuntimeException e) {
                LOG.warn("announcer {} status unavailable: {}", protocol, e.getMessage());
                continue;
            }
            for (AnnouncementStatus status : statuses) {
                if (!status.announced()) {
                    continue;
                }
                StatusKey key = new StatusKey(protocol, status.service().toString(), status.address().toString());
                now.add(key);
                if (!announced.contains(key)) {
                    String where = status.where().isEmpty() ? "" : " on " + String.join(", ", status.where());
                    events.normal(status.service(), "nodeAssigned", "announcing " + status.address() + " from node "
                            + nodeName + " with protocol " + protocol + where);
                    metrics.gauge(ANNOUNCED_METRIC, "1 for each address this node announces", labels(key), () -> 1.0);
                }
            }
        }
        for (StatusKey gone : announced) {
            if (!now.contains(gone)) {
                metrics.remove(ANNOUNCED_METRIC, labels(gone));
            }
        }
        announced.clear();
        announced.addAll(now);
    }

    /** What each announcer reports, for tests and the status endpoint. */
    public synchronized List<AnnouncementStatus> status() {
        List<AnnouncementStatus> all = new ArrayList<>();
        announcers.values().forEach(a -> all.addAll(a.status()));
        return all;
    }

    /**
     * For each announcer plugin, by name: empty when it runs and answers for its status, else why not (an
     * announcer that could not be built, one whose status fails, or one closed with the speaker).
     */
    public synchronized Map<String, Optional<String>> announcerHealth() {
        Map<String, Optional<String>> health = new java.util.TreeMap<>();
        notStarted.forEach((name, why) -> health.put(name, Optional.of(why)));
        for (Map.Entry<AnnouncerFactory, Announcer> entry : announcers.entrySet()) {
            try {
                entry.getValue().status();
                health.put(entry.getKey().name(), Optional.empty());
            } catch (RuntimeException e) {
                health.put(entry.getKey().name(), Optional.of("status fails: " + e.getMessage()));
            }
        }
        return health;
    }

    private Map<String, String> labels(StatusKey key) {
        return Map.of("protocol", key.protocol(), "service", key.service(), "ip", key.address(), "node", nodeName);
    }

    /** Withdraws everything and closes the announcers. */
    @Override
    public synchronized void close() {
        for (Map.Entry<AnnouncerFactory, Announcer> entry : announcers.entrySet()) {
            try {
                entry.getValue().close();
            } catch (RuntimeException e) {
                LOG.warn("announcer {} did not close cleanly: {}", entry.getKey().name(), e.getMessage());
            }
        }
        announcers.clear();
        for (PluginContext context : contexts) {
            if (context instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    LOG.warn("plugin context {} did not close cleanly: {}", context.pluginName(), e.getMessage());
                }
            }
        }
        contexts.clear();
    }
}
