package io.barelb.runtime.controller;

import io.barelb.api.Metrics;
import io.barelb.api.ServiceKey;
import io.barelb.api.config.ConfigProblem;
import io.barelb.api.config.ConfigResource;
import io.barelb.runtime.allocator.Allocator;
import io.barelb.runtime.allocator.ConfigureResult;
import io.barelb.runtime.allocator.PoolUsage;
import io.barelb.runtime.allocator.RecordedAssignment;
import io.barelb.runtime.allocator.RestoreOutcome;
import io.barelb.runtime.config.ClusterConfig;
import io.barelb.runtime.config.ConfigValidator;
import io.barelb.runtime.config.Validation;
import io.barelb.runtime.kube.KubeServices;
import io.fabric8.kubernetes.api.model.Service;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The address-allocation controller for one leadership term: the term's {@link ControllerCluster} (informers on
 * Services, Namespaces and the configuration), a {@link WorkQueue} whose keys are reconciled one at a time on the
 * injected {@link Scheduler}'s thread, which owns the {@link Allocator}. Watch callbacks only enqueue keys; a
 * failed reconcile is requeued with per-key exponential backoff. The injector builds it and its parts
 * ({@link ControllerModule}); building it does nothing, {@link #start()} starts the work.
 *
 * <p>Start-up restores every recorded assignment ({@code status.loadBalancer.ingress}) before any Service is
 * served, so a restart with unchanged configuration changes nothing. A configuration that fails validation
 * never replaces the one in force: it is logged, reported as Events and in {@link #configState()}, and counted
 * in {@code metallb_k8s_client_config_stale_bool}.
 *
 * <p>Thread-safe for {@link #start()}, {@link #close()} and the read methods; everything else happens on the
 * scheduler's thread (or, for start-up, on the caller's before the queue starts).
 */
public final class ServiceController implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceController.class);
    /** The key that stands for the whole configuration. */
    static final Object CONFIG = new Object() {
        @Override
        public String toString() {
            return "configuration";
        }
    };

    private final ControllerOptions options;
    private final ConfigValidator validator;
    private final ControllerCluster cluster;
    /** The notices last reported, so that each is reported once. */
    private List<ConfigProblem> noticed = List.of();
    private final Allocator allocator;
    private final ServiceReconciler reconciler;
    private final WorkQueue<Object> queue;
    static final String CONFIG_LOADED = "metallb_k8s_client_config_loaded_bool";
    static final String CONFIG_STALE = "metallb_k8s_client_config_stale_bool";
    static final String UPDATES = "metallb_k8s_client_updates_total";
    static final String UPDATE_ERRORS = "metallb_k8s_client_update_errors_total";

    private final Metrics metrics;
    private final Metrics.Counter updates;
    private final Metrics.Counter updateErrors;
    private final PoolMetrics poolMetrics;
    private final Clock clock;
    /** Held while the term's state changes: start-up, each reconcile, and {@link #close()} waiting for one. */
    private final Object work = new Object();
    private volatile ConfigState state;
    private volatile List<PoolUsage> usage = List.of();
    private volatile boolean running;
    private volatile boolean restored;
    private boolean started;

    /** The parts of one term, built by {@link ControllerModule}; nothing starts here. */
    ServiceController(ControllerOptions options, ConfigValidator validator, ControllerCluster cluster,
                      Allocator allocator, ServiceReconciler reconciler, WorkQueue<Object> queue, Metrics metrics,
                      Clock clock) {
        this.options = options;
        this.validator = validator;
        this.cluster = cluster;
        this.allocator = allocator;
        this.reconciler = reconciler;
        this.queue = queue;
        this.metrics = metrics;
        this.updates = metrics.counter(UPDATES, "Number of k8s object updates that have been processed", Map.of());
        this.updateErrors = metrics.counter(UPDATE_ERRORS, "Number of k8s object updates that failed for some reason",
                Map.of());
        this.poolMetrics = new PoolMetrics(metrics);
        this.clock = clock;
        this.state = ConfigState.initial(clock.instant());
    }

    /**
     * Registers the metrics, starts the informers (waiting until they listed everything), loads the configuration,
     * restores recorded assignments, then hands keys to the scheduler. A controller starts once.
     */
    public synchronized void start() {
        if (started) {
            return;
        }
        started = true;
        running = true;
        // MetalLB's names and meanings, so its dashboards and alerts work unchanged
        metrics.gauge(CONFIG_LOADED, "1 if the configuration was successfully loaded at least once", Map.of(),
                () -> state.loaded() ? 1 : 0);
        metrics.gauge(CONFIG_STALE, "1 if running on a stale configuration, because the latest config failed to load",
                Map.of(), () -> state.stale() ? 1 : 0);
        synchronized (work) {
            cluster.start(queue::add, this::namespaceChanged, () -> queue.add(CONFIG));
            cluster.statusWorkPending(queue::busy);
            loadConfig();
            restoreIfReady();
        }
        queue.start(this::process);
        LOG.info("controller started: namespace {}, class {}, configuration {}", options.namespace(),
                options.lbClass().orElse("(none)"), state.result());
    }

    /** The configuration status now. */
    public ConfigState configState() {
        return state;
    }

    /** Pool usage as of the last reconcile. */
    public List<PoolUsage> usage() {
        return usage;
    }

    /** Keys waiting to be reconciled. */
    public int pending() {
        return queue.size();
    }

    private void namespaceChanged(String namespace) {
        if (restored) {
            cluster.services().stream().filter(s -> namespace.equals(s.getMetadata().getNamespace()))
                    .forEach(s -> queue.add(KubeServices.key(s)));
        }
    }

    /** Reconciles one key on the scheduler's thread; a failure comes back after its backoff. */
    private void process(Object key) {
        synchronized (work) {
            if (!running) {
                return;
            }
            try {
                if (key == CONFIG) {
                    loadConfig();
                    restoreIfReady();
                } else if (restored) {
                    reconciler.reconcile((ServiceKey) key);
                }
                queue.forget(key);
                updates.increment();
                usage = allocator.usage();
                poolMetrics.update(usage);
                if (queue.size() == 0) {
                    cluster.writePoolUsage(usage);
                }
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                updateErrors.increment();
                Duration wait = queue.addRateLimited(key);
                LOG.warn("reconciling {} failed ({} in a row), retrying in {} ms: {}", key, queue.failures(key),
                        wait.toMillis(), e.toString());
            }
        }
    }

    private void loadConfig() {
        Validation validation = validator.validate(cluster.configuration(validator.reader()));
        reportNotices(validation.notices());
        if (!validation.valid()) {
            reject(validation.problems());
            return;
        }
        ClusterConfig config = validation.orThrow();
        if (state.inForce().isPresent() && !state.stale() && same(state.inForce().get(), config)) {
            return;
        }
        ConfigureResult result = allocator.configure(config.pools());
        if (!result.accepted()) {
            reject(result.problems());
            return;
        }
        state = new ConfigState(Optional.of(config), List.of(), clock.instant());
        cluster.writeConfigurationState(state.result(), "", true);
        LOG.info("configuration in force: {} pools, {} other resources", config.pools().size(), config.resources().size());
        for (ConfigureResult.Cleared cleared : result.cleared()) {
            reconciler.cleared(cleared.service(), cleared.addresses(), cleared.reason());
        }
        if (restored) {
            cluster.services().forEach(s -> queue.add(KubeServices.key(s)));
        }
    }

    /**
     * Logs, and records as Events, each resource of a kind no installed plugin claims (or only built-in rules
     * check), once per change: they are left out of the configuration and block nothing.
     */
    private void reportNotices(List<ConfigProblem> notices) {
        if (notices.equals(noticed)) {
            return;
        }
        noticed = notices;
        cluster.writeConfigurationWarnings(String.join("\n", notices.stream().map(ConfigProblem::message).toList()));
        for (ConfigProblem notice : notices) {
            LOG.warn("{}", notice.message());
            cluster.configWarning(notice.kind(), notice.name(), "UnclaimedKind", notice.message());
        }
    }

    private void reject(List<ConfigProblem> problems) {
        if (problems.equals(state.problems())) {
            return;
        }
        state = new ConfigState(state.inForce(), problems, clock.instant());
        cluster.writeConfigurationState(state.result(), String.join("\n", problems.stream().map(ConfigProblem::message).toList()),
                state.loaded());
        LOG.warn("configuration rejected ({} problems); {}", problems.size(),
                state.loaded() ? "the last valid configuration stays in force" : "no configuration is in force");
        int reported = 0;
        for (ConfigProblem problem : problems) {
            LOG.warn("  {}", problem.message());
            if (reported++ < 20) {
                cluster.configWarning(problem.kind(), problem.name(), "InvalidConfig", problem.message()
                        + (state.loaded() ? "; the last valid configuration stays in force" : ""));
            }
        }
    }

    private void restoreIfReady() {
        if (restored || !state.loaded()) {
            return;
        }
        List<RecordedAssignment> recorded = new ArrayList<>();
        for (Service service : cluster.services()) {
            if (reconciler.served(service) && !KubeServices.ingress(service).isEmpty()) {
                try {
                    recorded.add(new RecordedAssignment(reconciler.request(service), KubeServices.ingress(service)));
                } catch (RuntimeException e) {
                    LOG.debug("{} has unreadable annotations; reconciled later: {}", KubeServices.key(service), e.toString());
                }
            }
        }
        int kept = 0;
        for (RestoreOutcome outcome : allocator.restore(recorded)) {
            if (outcome.status() == RestoreOutcome.Status.KEPT) {
                kept++;
            } else {
                List<io.barelb.api.net.IpAddress> before = recorded.stream()
                        .filter(r -> r.request().service().equals(outcome.service())).findFirst()
                        .map(RecordedAssignment::addresses).orElse(List.of());
                reconciler.cleared(outcome.service(), before, outcome.reason());
            }
        }
        restored = true;
        LOG.info("restored {} of {} recorded assignments", kept, recorded.size());
        cluster.services().forEach(s -> queue.add(KubeServices.key(s)));
    }

    private static boolean same(ClusterConfig a, ClusterConfig b) {
        return a.pools().equals(b.pools()) && signature(a.resources()).equals(signature(b.resources()));
    }

    private static List<Object> signature(List<ConfigResource> resources) {
        return resources.stream().map(r -> (Object) List.of(r.kind(), r.name(), r.labels(), r.spec().asMap())).toList();
    }

    /**
     * Stops serving: no key is handed out any more, a reconcile under way finishes, informers close. Recorded
     * state stays in the cluster. Idempotent.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (!running) {
                return;
            }
            running = false;
        }
        queue.close();
        synchronized (work) {
            // no reconcile runs now, and none will: the plugins let go of what their allocators hold
            allocator.close();
            cluster.close();
        }
    }
}
