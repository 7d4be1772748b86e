package io.barelb.runtime.controller;

import io.barelb.runtime.host.PrometheusMetrics;
import io.barelb.api.net.IpAddress;
import com.google.inject.Injector;
import io.barelb.embedded.EmbeddedKubernetes;
import io.barelb.runtime.kube.KubeEventSink;
import io.barelb.runtime.kube.KubeServices;
import io.barelb.runtime.kube.ServiceStatusWriter;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Macro benchmark of the controller against the embedded API (not a test): create N LoadBalancer Services and
 * measure create-to-status latency (p50/p99, printed at tear-down) and the time until all are assigned, next to
 * a bare fabric8 loop that only writes a status (the floor); and the restart time with N assigned Services.
 *
 * <p>Run: {@code java -cp <test classpath> org.openjdk.jmh.Main ControllerBenchmark -p services=1000}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
public class ControllerBenchmark {

    @Param({"1000", "10000"})
    int services;

    private EmbeddedKubernetes api;
    private KubernetesClient client;
    private KubeEventSink events;
    private ExecutorScheduler scheduler;
    private Injector injector;
    private final Map<String, Long> created = new ConcurrentHashMap<>();
    private final Map<String, Long> assigned = new ConcurrentHashMap<>();
    private SharedIndexInformer<Service> watcher;
    private String label;

    @Setup(Level.Iteration)
    public void start() {
        api = EmbeddedKubernetes.start(0, io.barelb.runtime.kube.ConfigResourceTypes.served(io.barelb.runtime.config.KindRegistry.builtIn()));
        client = api.newClient();
        injector = io.barelb.runtime.wiring.Injectors.create(
                io.barelb.runtime.plugin.PluginRegistry.of(ControllerFixture.IPAM, List.of()),
                new ControllerModule(ControllerOptions.defaults("bench")), new KubernetesControllerModule(client),
                binder -> binder.bind(io.barelb.api.Metrics.class).toInstance(PrometheusMetrics.standalone()));
        events = injector.getInstance(KubeEventSink.class);
        scheduler = injector.getInstance(ExecutorScheduler.class);
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("metallb-system").endMetadata().build()).create();
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("bench").endMetadata().build()).create();
        client.configMaps().inNamespace("metallb-system").resource(new ConfigMapBuilder().withNewMetadata()
                .withName("config").endMetadata().withData(Map.of("config", """
                        address-pools:
                        - name: bench
                          protocol: layer2
                          addresses: [10.0.0.0/16]
                        """)).build()).create();
        created.clear();
        assigned.clear();
        watcher = client.services().inNamespace("bench").inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Service service) {
                seen(service);
            }

            @Override
            public void onUpdate(Service before, Service after) {
                seen(after);
            }

            @Override
            public void onDelete(Service service, boolean unknown) {
            }
        }, 0);
    }

    private void seen(Service service) {
        if (!KubeServices.ingress(service).isEmpty()) {
            assigned.putIfAbsent(service.getMetadata().getName(), System.nanoTime());
        }
    }

    private ServiceController controller() {
        return injector.getInstance(ServiceController.class);
    }

    /** Waits (polling every millisecond, on this thread) until {@code done}; gives up after 10 minutes. */
    private static void awaitUntil(java.util.concurrent.Callable<Boolean> done) {
        Awaitility.await().atMost(Duration.ofMinutes(10)).pollInSameThread().pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(1)).until(done);
    }

    private void createAll() throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        for (int i = 0; i < services; i++) {
            String name = "svc-" + i;
            pool.execute(() -> {
                Service service = new ServiceBuilder().withNewMetadata().withName(name).withNamespace("bench").endMetadata()
                        .withNewSpec().withType("LoadBalancer").addNewPort().withPort(80).endPort().endSpec().build();
                client.services().inNamespace("bench").resource(service).create();
                created.put(name, System.nanoTime());
            });
        }
        pool.shutdown();
        pool.awaitTermination(30, TimeUnit.MINUTES);
    }

    private void awaitAll() {
        awaitUntil(() -> assigned.size() >= services);
    }

    @Benchmark
    public void controllerAssignsAll() throws InterruptedException {
        label = "controller";
        try (ServiceController controller = controller()) {
            controller.start();
            createAll();
            awaitAll();
        }
    }

    /** The floor: an informer and one thread that writes a status for each new Service, nothing else. */
    @Benchmark
    public void bareStatusLoop() throws InterruptedException {
        label = "bare status loop";
        LinkedBlockingQueue<Service> queue = new LinkedBlockingQueue<>();
        ServiceStatusWriter writer = new ServiceStatusWriter(client);
        AtomicLong next = new AtomicLong();
        SharedIndexInformer<Service> informer = client.services().inAnyNamespace().inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Service service) {
                queue.add(service);
            }

            @Override
            public void onUpdate(Service before, Service after) {
            }

            @Override
            public void onDelete(Service service, boolean unknown) {
            }
        }, 0);
        Thread loop = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    Service service = queue.take();
                    try {
                        writer.write(service, List.of(IpAddress.ipv4((int) (0x0A000000L + next.getAndIncrement()))));
                    } catch (RuntimeException e) {
                        if (Thread.currentThread().isInterrupted()) {
                            return; // stopped while writing: the run is over
                        }
                        throw e;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        loop.start();
        createAll();
        awaitAll();
        loop.interrupt();
        informer.close();
    }

    /** Start-up of a controller over N assigned Services until every recorded assignment is restored and checked. */
    @Benchmark
    public void restartWithAllAssigned(RestartState state) throws InterruptedException {
        label = null;
        try (ServiceController controller = state.bench.controller()) {
            controller.start();
            awaitUntil(() -> controller.pending() == 0);
        }
    }

    /** Sets up N assigned Services (by a first controller, then stopped) before the restart is measured. */
    @State(Scope.Thread)
    public static class RestartState {
        ControllerBenchmark bench;

        @Setup(Level.Iteration)
        public void assignAll(ControllerBenchmark benchmark) throws InterruptedException {
            bench = benchmark;
            benchmark.controllerAssignsAll();
            benchmark.created.clear();
        }
    }

    @TearDown(Level.Iteration)
    public void stop() {
        if (label != null && !created.isEmpty()) {
            long[] latencies = created.entrySet().stream().filter(e -> assigned.containsKey(e.getKey()))
                    .mapToLong(e -> assigned.get(e.getKey()) - e.getValue()).sorted().toArray();
            long first = created.values().stream().mapToLong(Long::longValue).min().orElse(0);
            long last = assigned.values().stream().mapToLong(Long::longValue).max().orElse(0);
            System.out.printf("%n[%s, %d Services] create->status latency p50 %.1f ms, p99 %.1f ms, max %.1f ms;"
                            + " first create to all assigned %.0f ms%n", label, services, percentile(latencies, 50),
                    percentile(latencies, 99), latencies.length == 0 ? 0 : latencies[latencies.length - 1] / 1e6,
                    (last - first) / 1e6);
        }
        watcher.close();
        scheduler.close();
        events.close();
        api.close();
    }

    private static double percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }
}
