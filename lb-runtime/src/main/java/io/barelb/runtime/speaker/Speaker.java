package io.barelb.runtime.speaker;

import io.barelb.api.EventSink;
import io.barelb.api.Metrics;
import io.barelb.api.PluginContext;
import io.barelb.api.announce.AnnouncementStatus;
import io.barelb.api.announce.AnnouncerFactory;
import io.barelb.api.announce.AnnouncerState;
import io.barelb.api.config.ResourceKind;
import io.barelb.api.ipam.IpamFactory;
import io.barelb.runtime.allocator.IpamRegistry;
import io.barelb.runtime.allocator.PoolLookup;
import io.barelb.runtime.config.HealthCheckSpec;
import io.barelb.runtime.config.VirtualIpSpec;
import io.barelb.runtime.model.AddressPool;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The speaker's core: holds one announcer per announcer plugin and, on every {@link #reconcile(ClusterView)},
 * hands each the whole state it should make true on this node. Level-based: reconciling the same view twice
 * changes nothing (an unchanged state is not even handed over again).
 *
 * <p>An announcer whose apply throws, or that reports an advertisement {@code FAILED}, is handed its desired
 * state again on {@code scheduler} after 1 s, 2 s, 4 s ... up to 5 min ({@link SpeakerTimings}), the backoff
 * starting over once it succeeds; {@link #resync()} hands every announcer its state again whether it changed or
 * not. {@link #close()} waits at most {@link SpeakerTimings#closeDeadline()} for the announcers.
 *
 * <p>Thread-safe: {@code reconcile}, {@code resync}, the retries, {@code reportStatus} and {@code close} are
 * serialised.
 */
public final class Speaker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Speaker.class);
    static final String ANNOUNCED_METRIC = AnnouncementReporter.ANNOUNCED_METRIC;

    private final String nodeName;
    private final AdvertisementPlanner planner;
    private final IpamRegistry ipam;
    private final AnnouncementReporter reporter;
    private final StatusResources resources;
    private final ScheduledExecutorService scheduler;
    private final SpeakerTimings timings;
    private final HealthMonitor health;
    private final OwnershipLog ownership;
    /** What {@link #report} last reported, per protocol. */
    private Map<String, List<AnnouncementStatus>> lastReported;
    private final WithheldMetric withheldMetric;
    /** The health check gating each address (ip), from the last view. */
    private Map<String, String> checkOfAddress = Map.of();
    private volatile List<AddressStatus> addressStatus = List.of();
    private final Map<AnnouncerSlot, AnnouncerFactory> slots = new LinkedHashMap<>();
    private final List<PluginContext> contexts = new ArrayList<>();
    /** Why an announcer could not be built, by announcer name (health checks report it). */
    private final Map<String, String> notStarted = new TreeMap<>();
    private ClusterView lastView;
    private List<AddressPool> poolsOfLookup = List.of();
    private PoolLookup poolLookup;
    private boolean closed;

    /**
     * Creates one announcer per factory; a factory that fails to build one is reported and left out, and the
     * speaker serves the other protocols.
     *
     * @param scheduler runs the retries and the health checks' ticks (the caller owns and shuts it down)
     */
    public Speaker(String nodeName, Optional<String> loadBalancerClass, List<IpamFactory> ipamFactories,
                   List<AnnouncerFactory> announcerFactories, Function<AnnouncerFactory, PluginContext> contexts,
                   EventSink events, Metrics metrics, StatusResources resources, ScheduledExecutorService scheduler,
                   SpeakerTimings timings) {
        this(nodeName, loadBalancerClass, ipamFactories, announcerFactories, contexts, events, metrics, resources,
                scheduler, timings, new HealthMonitor(nodeName, scheduler, scheduler, java.time.Clock.systemUTC(), metrics));
    }

    /**
     * A speaker whose health checks run on {@code health} (its probes on their own executor, so a slow backend
     * never delays the timer thread).
     */
    Speaker(String nodeName, Optional<String> loadBalancerClass, List<IpamFactory> ipamFactories,
            List<AnnouncerFactory> announcerFactories, Function<AnnouncerFactory, PluginContext> contexts,
            EventSink events, Metrics metrics, StatusResources resources, ScheduledExecutorService scheduler,
            SpeakerTimings timings, HealthMonitor health) {
        this.health = health;
        this.ownership = new OwnershipLog(nodeName);
        this.withheldMetric = new WithheldMetric(nodeName, metrics);
        health.onChange(this::healthChanged);
        this.nodeName = nodeName;
        this.planner = new AdvertisementPlanner(nodeName, loadBalancerClass);
        this.ipam = new IpamRegistry(ipamFactories);
        this.reporter = new AnnouncementReporter(nodeName, events, metrics);
        this.resources = resources;
        this.scheduler = scheduler;
        this.timings = timings;
        this.poolLookup = PoolLookup.of(ipam, List.of());
        for (AnnouncerFactory factory : announcerFactories) {
            try {
                PluginContext context = contexts.apply(factory);
                this.contexts.add(context);
                slots.put(new AnnouncerSlot(factory.name(), factory.create(context), factory.statusKind(),
                        new Backoff(timings.retryInitial(), timings.retryMax()), metrics), factory);
                reporter.track(factory.name());
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
        if (closed) {
            return;
        }
        lastView = view;
        if (!view.pools().equals(poolsOfLookup)) {
            PoolLookup replaced = poolLookup;
            poolLookup = PoolLookup.of(ipam, view.pools());
            poolsOfLookup = view.pools();
            replaced.close();
        }
        trackHealthChecks(view);
        slots.forEach((slot, factory) -> slot.offer(plan(factory, view), false));
        report();
    }

    /** Runs the health checks some address of {@code view} names (a VirtualIP's, a Service's annotation). */
    private void trackHealthChecks(ClusterView view) {
        Map<String, String> gates = new TreeMap<>();
        for (io.barelb.api.config.ConfigResource resource : view.resources(VirtualIpSpec.KIND)) {
            VirtualIpSpec vip = VirtualIpSpec.of(resource);
            vip.healthCheck().ifPresent(check -> vip.addresses().forEach(a -> gates.put(a.toString(), check)));
        }
        for (ServiceFacts service : view.services()) {
            service.healthCheck().ifPresent(check -> service.ingress().forEach(a -> gates.put(a.toString(), check)));
        }
        checkOfAddress = Map.copyOf(gates);
        java.util.Set<String> used = new java.util.HashSet<>(gates.values());
        health.track(view.resources(HealthCheckSpec.KIND).stream().filter(r -> used.contains(r.name()))
                .map(HealthCheckSpec::of).toList());
    }

    /** A health check changed status: every announcer gets the state planned with it. */
    private synchronized void healthChanged() {
        if (closed || lastView == null) {
            return;
        }
        slots.forEach((slot, factory) -> slot.offer(plan(factory, lastView), false));
        report();
    }

    /** Hands every announcer its current state again, changed or not (periodic resynchronisation). */
    public synchronized void resync() {
        if (closed || lastView == null) {
            return;
        }
        LOG.debug("resynchronising {} announcers", slots.size());
        slots.forEach((slot, factory) -> slot.offer(plan(factory, lastView), true));
        report();
    }

    private AnnouncerState plan(AnnouncerFactory factory, ClusterView view) {
        return factory.advertisementKind()
                .map(kind -> planner.plan(view, poolLookup, factory.name(), kind,
                        factory.kinds().stream().map(ResourceKind::kind).toList(), health::healthy))
                .orElseGet(AnnouncerState::empty);
    }

    private synchronized void retry(AnnouncerSlot slot) {
        slot.retry = null;
        if (closed) {
            return;
        }
        LOG.info("announcer {}: applying its state again after a failure", slot.protocol);
        slot.offer(slot.desired(), true);
        report();
    }

    /**
     * Reads every announcer's status and reports it (Events, metrics, status objects), and schedules a retry for
     * an announcer that failed. Called after each reconcile and periodically, since an announcer may take over
     * an address (or fail to) on its own.
     */
    public synchronized void reportStatus() {
        if (!closed) {
            report();
        }
    }

    private void report() {
        Map<String, List<AnnouncementStatus>> byProtocol = new LinkedHashMap<>();
        for (AnnouncerSlot slot : slots.keySet()) {
            List<AnnouncementStatus> statuses;
            try {
                statuses = slot.statuses(nodeName);
            } catch (RuntimeException e) {
                LOG.warn("announcer {} status unavailable: {}", slot.protocol, e.getMessage());
                continue;
            }
            byProtocol.put(slot.protocol, statuses);
            publishStatusObjects(slot);
            boolean failed = slot.applyFailed()
                    || statuses.stream().anyMatch(s -> s.state() == AnnouncementStatus.State.FAILED);
            if (failed && slot.retry == null) {
                Duration delay = slot.backoff.next();
                LOG.info("announcer {} failed; its state is applied again in {} ms", slot.protocol, delay.toMillis());
                slot.retry = scheduler.schedule(() -> retry(slot), delay.toMillis(), TimeUnit.MILLISECONDS);
            } else if (!failed) {
                slot.backoff.reset();
                if (slot.retry != null) {
                    slot.retry.cancel(false);
                    slot.retry = null;
                }
            }
        }
        boolean withheldAny = slots.keySet().stream().anyMatch(slot -> !slot.desired().withheld().isEmpty());
        if (!withheldAny && sameLists(byProtocol, lastReported)) {
            // every announcer handed back the very list of last time (it memoizes an unchanged status): nothing to
            // report, and with 10,000 Services not rebuilding it all every second is most of the idle speaker's work
            return;
        }
        lastReported = byProtocol;
        reporter.report(byProtocol);
        List<AddressStatus> lines = new ArrayList<>();
        for (AnnouncerSlot slot : slots.keySet()) {
            List<AnnouncementStatus> statuses = byProtocol.get(slot.protocol);
            if (statuses != null) {
                statuses.forEach(status -> lines.add(addressStatus(slot.protocol, status)));
            }
            for (io.barelb.api.announce.Advertisement withheld : slot.desired().withheld()) {
                lines.add(new AddressStatus(slot.protocol, withheld.service().toString(), withheld.address().toString(),
                        AddressStatus.State.WITHHELD, gateSummary(withheld.address().toString())
                                .orElse("health check not running"), List.of()));
            }
        }
        ownership.update(lines);
        withheldMetric.update(lines);
        addressStatus = List.copyOf(lines);
    }

    /** The same protocols, each with the identical list (not merely an equal one). */
    private static boolean sameLists(Map<String, List<AnnouncementStatus>> now, Map<String, List<AnnouncementStatus>> last) {
        if (last == null || !now.keySet().equals(last.keySet())) {
            return false;
        }
        return now.entrySet().stream().allMatch(entry -> entry.getValue() == last.get(entry.getKey()));
    }

    private AddressStatus addressStatus(String protocol, AnnouncementStatus status) {
        String address = status.address().toString();
        AddressStatus.State state = status.announced() ? AddressStatus.State.HELD
                : status.state() == AnnouncementStatus.State.FAILED ? AddressStatus.State.FAILED
                : AddressStatus.State.STANDBY;
        String reason = state == AddressStatus.State.HELD
                ? gateSummary(address).orElse("no health check (a running speaker is enough)")
                : status.message() + gateSummary(address).map(g -> "; " + g).orElse("");
        return new AddressStatus(protocol, status.service().toString(), address, state, reason, status.where());
    }

    private Optional<String> gateSummary(String address) {
        String check = checkOfAddress.get(address);
        if (check == null) {
            return Optional.empty();
        }
        return Optional.of(health.summary(check).orElse("health check " + check + " does not exist"));
    }

    /** Where every address this node knows of stands, as last reported (for {@code /status}). */
    List<AddressStatus> addressStatus() {
        return addressStatus;
    }

    /** This node's health checks (for {@code /status}). */
    Map<String, HealthMonitor.Report> healthReports() {
        return health.reports();
    }

    /** Hands the announcer's per-Service status to the status objects when its factory declares a kind and it changed. */
    private void publishStatusObjects(AnnouncerSlot slot) {
        if (slot.statusKind.isEmpty()) {
            return;
        }
        List<io.barelb.api.announce.ServiceStatus> current;
        try {
            List<io.barelb.api.announce.ServiceStatus> given = slot.announcer.serviceStatuses();
            if (given == slot.lastServiceStatuses) {
                return; // the announcer's very list of last time: published already
            }
            slot.lastServiceStatuses = given;
            // status objects are per Service; a virtual IP has none
            current = given.stream().filter(status -> !VirtualIpPlanner.isVirtualIp(status.service())).toList();
        } catch (RuntimeException e) {
            LOG.warn("announcer {} per-Service status unavailable: {}", slot.protocol, e.getMessage());
            return;
        }
        boolean changed = !current.equals(slot.publishedStatuses);
        // the latest list even when equal (Stream.toList: unmodifiable already): the announcer holds its elements
        // anyway, the older equal ones can go
        slot.publishedStatuses = current;
        if (changed) {
            resources.publish(slot.statusKind.get(), current);
        }
    }

    /** What each announcer reports, for tests and the status endpoint. */
    public synchronized List<AnnouncementStatus> status() {
        List<AnnouncementStatus> all = new ArrayList<>();
        slots.keySet().forEach(slot -> all.addAll(slot.statuses(nodeName)));
        return all;
    }

    /**
     * For each announcer plugin, by name: empty when it runs and answers for its status, else why not (an
     * announcer that could not be built, one whose status fails, or one closed with the speaker).
     */
    public synchronized Map<String, Optional<String>> announcerHealth() {
        Map<String, Optional<String>> health = new TreeMap<>();
        notStarted.forEach((name, why) -> health.put(name, Optional.of(why)));
        for (AnnouncerSlot slot : slots.keySet()) {
            try {
                slot.announcer.status();
                health.put(slot.protocol, Optional.empty());
            } catch (RuntimeException e) {
                health.put(slot.protocol, Optional.of("status fails: " + e.getMessage()));
            }
        }
        return health;
    }

    /**
     * Withdraws everything and closes the announcers, all at once, waiting at most
     * {@link SpeakerTimings#closeDeadline()} (5 s by default) for them together; an announcer still closing then
     * is logged and abandoned. Idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        health.close();
        Map<String, Runnable> closers = new LinkedHashMap<>();
        for (AnnouncerSlot slot : slots.keySet()) {
            if (slot.retry != null) {
                slot.retry.cancel(false);
            }
            closers.put("announcer " + slot.protocol, slot.announcer::close);
        }
        DeadlineClose.closeAll(closers, timings.closeDeadline());
        slots.clear();
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
        resources.close();
    }
}
