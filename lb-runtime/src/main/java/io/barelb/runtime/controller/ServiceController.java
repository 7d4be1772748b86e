package io.barelb.runtime.controller;

import io.barelb.api.Metrics;
import io.barelb.api.ServiceKey;
import io.barelb.api.config.ConfigProblem;
import io.barelb.api.config.ConfigResource;
import io.barelb.runtime.allocator.Allocator;
import io.barelb.runtime.allocator.ConfigureResult;
import io.barelb.runtime.allocator.IpamRegistry;
import io.barelb.runtime.allocator.PoolUsage;
import io.barelb.runtime.allocator.RecordedAssignment;
import io.barelb.runtime.allocator.RestoreOutcome;
import io.barelb.runtime.config.ClusterConfig;
import io.barelb.runtime.config.ConfigValidator;
import io.barelb.runtime.config.Validation;
import io.barelb.runtime.kube.AllocatedPoolAnnotation;
import io.barelb.runtime.kube.ConfigurationStateWriter;
import io.barelb.runtime.kube.ControllerInformers;
import io.barelb.runtime.kube.KubeEventSink;
import io.barelb.runtime.kube.KubeServices;
import io.barelb.runtime.kube.PoolStatusWriter;
import io.barelb.runtime.kube.ServiceStatusWriter;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The address-allocation controller for one leadership term: informers on Services, Namespaces and the
 * configuration; one reconcile thread that owns the {@link Allocator}. Watch callbacks only enqueue keys.
 *
 * <p>Start-up restores every recorded assignment ({@code status.loadBalancer.ingress}) before any Service is
 * served, so a restart with unchanged configuration changes nothing. A configuration that fails validation
 * never replaces the one in force: it is logged, reported as Events and in {@link #configState()}, and counted
 * in {@code barelb_k8s_client_config_stale_bool}.
 *
 * <p>Thread-safe for {@link #start()}, {@link #close()} and the read methods; everything else happens on the
 * reconcile thread.
 */
public final class ServiceController implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceController.class);
    private static final Object CONFIG = new Object() {
        @Override
        public String toString() {
            return "configuration";
        }
    };

    private final KubernetesClient client;
    private final ControllerOptions options;
    private final ConfigValidator validator;
    /** The notices last reported, so that each is reported once. */
    private List<ConfigProblem> noticed = List.of();
    private final KubeEventSink events;
    private final Clock clock;
    private final Allocator allocator;
    private final ControllerInformers informers;
    private final ServiceReconciler reconciler;
    private final WorkQueue<Object> queue = new WorkQueue<>();
    private final PoolStatusWriter poolStatus;
    private final ConfigurationStateWriter stateWriter;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile ConfigState state;
    private volatile List<PoolUsage> usage = List.of();
    private volatile boolean running;
    private boolean restored;
    private Thread loop;

    public ServiceController(KubernetesClient client, ControllerOptions options, ConfigValidator validator,
                             IpamRegistry ipam, KubeEventSink events, Metrics metrics, Clock clock) {
        this.client = client;
        this.options = options;
        this.validator = validator;
        this.events = events;
        this.clock = clock;
        this.allocator = new Allocator(ipam);
        this.informers = new ControllerInformers(client, options.namespace(), options.configMapName(), validator.kinds());
        this.reconciler = new ServiceReconciler(informers, allocator, new ServiceStatusWriter(client),
                new AllocatedPoolAnnotation(client), events,
                options.lbClass());
        this.state = ConfigState.initial(clock.instant());
        this.poolStatus = new PoolStatusWriter(client, options.namespace());
        this.stateWriter = new ConfigurationStateWriter(client, options.namespace());
        metrics.gauge("barelb_k8s_client_config_loaded_bool", "1 when a valid configuration is in force", Map.of(),
                () -> state.loaded() ? 1 : 0);
        metrics.gauge("barelb_k8s_client_config_stale_bool", "1 when the newest configuration was rejected", Map.of(),
                () -> state.stale() ? 1 : 0);
    }

    /** Starts the informers, loads the configuration, restores recorded assignments, then serves. */
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        informers.start(queue::add, this::namespaceChanged, () -> queue.add(CONFIG));
        loadConfig();
        restoreIfReady();
        loop = new Thread(this::run, "barelb-reconcile");
        loop.setDaemon(true);
        loop.start();
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
            informers.services().stream().filter(s -> namespace.equals(s.getMetadata().getNamespace()))
                    .forEach(s -> queue.add(KubeServices.key(s)));
        }
    }

    private void run() {
        try {
            while (running) {
                Optional<Object> next = queue.take(1, TimeUnit.SECONDS);
                if (next.isEmpty()) {
                    continue;
                }
                Object key = next.get();
                try {
                    if (key == CONFIG) {
                        loadConfig();
                        restoreIfReady();
                    } else if (restored) {
                        reconciler.reconcile((ServiceKey) key);
                    }
                    usage = allocator.usage();
                    if (queue.size() == 0) {
                        poolStatus.write(usage, informers);
                    }
                } catch (RuntimeException e) {
                    if (!running) {
                        break;
                    }
                    LOG.warn("reconciling {} failed, will retry: {}", key, e.toString());
                    retryLater(key);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            // on the reconcile thread, which owns the allocator: the plugins let go of what their allocators hold
            allocator.close();
            stopped.countDown();
        }
    }

    private void retryLater(Object key) {
        Thread retry = new Thread(() -> {
            try {
                Thread.sleep(1000);
                queue.add(key);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "barelb-retry");
        retry.setDaemon(true);
        retry.start();
    }

    private void loadConfig() {
        Validation validation = validator.validate(informers.configuration(validator.reader()));
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
        stateWriter.write(state.result(), "", true);
        LOG.info("configuration in force: {} pools, {} other resources", config.pools().size(), config.resources().size());
        for (ConfigureResult.Cleared cleared : result.cleared()) {
            reconciler.cleared(cleared.service(), cleared.addresses(), cleared.reason());
        }
        if (restored) {
            informers.services().forEach(s -> queue.add(KubeServices.key(s)));
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
        stateWriter.warnings(String.join("\n", notices.stream().map(ConfigProblem::message).toList()));
        for (ConfigProblem notice : notices) {
            LOG.warn("{}", notice.message());
            String apiVersion = informers.resources(notice.kind(), notice.name()).keySet().stream().findFirst()
                    .map(t -> t.getGroup() + "/" + t.getVersion()).orElse("barelb.io/v1beta1");
            events.configWarning(options.namespace(), apiVersion, notice.kind(), notice.name(), "UnclaimedKind",
                    notice.message());
        }
    }

    private void reject(List<ConfigProblem> problems) {
        if (problems.equals(state.problems())) {
            return;
        }
        state = new ConfigState(state.inForce(), problems, clock.instant());
        stateWriter.write(state.result(), String.join("\n", problems.stream().map(ConfigProblem::message).toList()),
                state.loaded());
        LOG.warn("configuration rejected ({} problems); {}", problems.size(),
                state.loaded() ? "the last valid configuration stays in force" : "no configuration is in force");
        int reported = 0;
        for (ConfigProblem problem : problems) {
            LOG.warn("  {}", problem.message());
            if (reported++ < 20) {
                boolean core = problem.kind().equals("ConfigMap") || problem.kind().equals("File");
                String apiVersion = core ? "v1" : informers.resources(problem.kind(), problem.name()).keySet().stream()
                        .findFirst().map(t -> t.getGroup() + "/" + t.getVersion()).orElse("metallb.io/v1beta1");
                events.configWarning(options.namespace(), apiVersion, core ? "ConfigMap" : problem.kind(),
                        problem.name(), "InvalidConfig", problem.message()
                                + (state.loaded() ? "; the last valid configuration stays in force" : ""));
            }
        }
    }

    private void restoreIfReady() {
        if (restored || !state.loaded()) {
            return;
        }
        List<RecordedAssignment> recorded = new ArrayList<>();
        for (Service service : informers.services()) {
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
        informers.services().forEach(s -> queue.add(KubeServices.key(s)));
    }

    private static boolean same(ClusterConfig a, ClusterConfig b) {
        return a.pools().equals(b.pools()) && signature(a.resources()).equals(signature(b.resources()));
    }

    private static List<Object> signature(List<ConfigResource> resources) {
        return resources.stream().map(r -> (Object) List.of(r.kind(), r.name(), r.labels(), r.spec().asMap())).toList();
    }

    /** Stops serving: the reconcile thread ends, informers close. Recorded state stays in the cluster. */
    @Override
    public void close() {
        synchronized (this) {
            if (!running) {
                return;
            }
            running = false;
        }
        queue.close();
        try {
            stopped.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        informers.close();
    }
}
