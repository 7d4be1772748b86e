package io.barelb.runtime.controller;

import com.google.inject.Injector;
import io.barelb.embedded.EmbeddedKubernetes;
import io.barelb.runtime.host.PrometheusMetrics;
import io.barelb.runtime.kube.KubeEventSink;
import io.barelb.runtime.kube.KubeServices;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The controller against the embedded API, each figure next to a bare fabric8 status loop measured in the same run
 * (a macro benchmark, not a test; a plain program because every phase is one long shot):
 * <ol>
 * <li>latency: Services created one at a time on an idle API, create-to-status p50/p99;</li>
 * <li>writes: the API requests each subject's client sends, per assigned Service, by kind;</li>
 * <li>bulk: N Services created at once by 4 threads, time until all are assigned and, for the controller, until all
 * N Events are stored too; CPU time by thread group (the mock's Vert.x threads, the controller's threads, the rest)
 * and optionally a JFR profile of each run (both until all are assigned; the CPU also until the last Event);</li>
 * <li>restart: a new controller over the N assigned Services, time until every one is checked, and its writes.</li>
 * </ol>
 * Every run gets a fresh embedded API (the mock slows down as it stores more objects). The bulk runs alternate (bare,
 * controller, bare, controller without Events, bare, controller) after an unreported warm-up of both sides with N/5
 * Services: on a shared machine the load drifts within minutes, so compare each run with the bare runs beside it.
 *
 * <p>Run: {@code lb-runtime/bench.sh controller [N] [latency samples] [JFR folder]}; N = 0 measures latency and
 * writes only.
 */
public final class ControllerScaleBenchmark {

    private static final String NS = "bench";
    private static final int WARM_UP = 50;
    /** The controller with its Service Events dropped instead of written: what the Events cost. */
    private static final String NO_EVENTS = "controller-without-events";

    /** What answers new Services: the controller or the bare loop, on a client whose requests are counted. */
    private interface Subject extends AutoCloseable {
        @Override
        void close();
    }

    private final ApiRequestCounter counter = new ApiRequestCounter();
    /** True while warming up: nothing is printed. */
    private boolean quiet;
    private EmbeddedKubernetes api;
    private KubernetesClient driver;
    private KubernetesClient counted;
    private SharedIndexInformer<Service> observer;
    /** Counts the Events stored in the benchmark's namespace, as another client sees them. */
    private SharedIndexInformer<io.fabric8.kubernetes.api.model.Event> eventObserver;
    private final java.util.concurrent.atomic.AtomicInteger eventsSeen = new java.util.concurrent.atomic.AtomicInteger();
    private final Map<String, Long> assigned = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Long>> waiting = new ConcurrentHashMap<>();

    public static void main(String[] args) throws Exception {
        int bulk = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int samples = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        Path jfr = args.length > 2 ? Path.of(args[2]) : null;
        System.out.printf("[bench] machine: %d CPUs; load %s%n", Runtime.getRuntime().availableProcessors(), load());
        ControllerScaleBenchmark bench = new ControllerScaleBenchmark();
        for (String subject : List.of("bare", "controller")) {
            bench.latency(subject, samples);
        }
        if (bulk > 0) {
            // JIT warm-up of the client paths both sides share, not reported: the first cold run is much slower
            bench.quiet = true;
            bench.bulk("bare", bulk / 5, null);
            bench.bulk("controller", bulk / 5, null);
            bench.quiet = false;
        }
        for (String subject : bulk == 0 ? List.<String>of() : List.of("bare", "controller", "bare", NO_EVENTS, "bare", "controller")) {
            bench.bulk(subject, bulk, jfr);
        }
        System.exit(0);
    }

    private void open() {
        api = EmbeddedKubernetes.start(0, io.barelb.runtime.kube.ConfigResourceTypes.served(
                io.barelb.runtime.config.KindRegistry.builtIn()));
        driver = api.newClient();
        counter.reset();
        counted = counter.client(api);
        driver.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("metallb-system").endMetadata().build()).create();
        driver.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build()).create();
        driver.configMaps().inNamespace("metallb-system").resource(new ConfigMapBuilder().withNewMetadata()
                .withName("config").endMetadata().withData(Map.of("config", """
                        address-pools:
                        - name: bench
                          protocol: layer2
                          addresses: [10.0.0.0/16]
                        """)).build()).create();
        assigned.clear();
        waiting.clear();
        eventsSeen.set(0);
        eventObserver = driver.v1().events().inNamespace(NS).inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(io.fabric8.kubernetes.api.model.Event event) {
                eventsSeen.incrementAndGet();
            }

            @Override
            public void onUpdate(io.fabric8.kubernetes.api.model.Event before, io.fabric8.kubernetes.api.model.Event after) {
            }

            @Override
            public void onDelete(io.fabric8.kubernetes.api.model.Event event, boolean unknown) {
            }
        }, 0);
        observer = driver.services().inNamespace(NS).inform(new ResourceEventHandler<>() {
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
            long now = System.nanoTime();
            String name = service.getMetadata().getName();
            if (assigned.putIfAbsent(name, now) == null) {
                CompletableFuture<Long> done = waiting.remove(name);
                if (done != null) {
                    done.complete(now);
                }
            }
        }
    }

    private void shut() {
        eventObserver.close();
        observer.close();
        counted.close();
        api.close();
    }

    private Subject subject(String which) {
        return which.equals("bare") ? bareLoop(counted) : new ControllerSubject(counted, which.equals(NO_EVENTS));
    }

    /** The controller as {@code barelb controller} wires it, on {@code client}. */
    private static final class ControllerSubject implements Subject {
        final Injector injector;
        ServiceController controller;

        ControllerSubject(KubernetesClient client, boolean withoutEvents) {
            com.google.inject.Module kubernetes = new KubernetesControllerModule(client);
            if (withoutEvents) {
                kubernetes = com.google.inject.util.Modules.override(kubernetes).with(binder -> binder
                        .bind(io.barelb.api.EventSink.class).toInstance(new io.barelb.api.EventSink() {
                            @Override
                            public void normal(io.barelb.api.ServiceKey service, String reason, String message) {
                            }

                            @Override
                            public void warning(io.barelb.api.ServiceKey service, String reason, String message) {
                            }
                        }));
            }
            // the layer2 plugin claims the L2Advertisement the legacy ConfigMap implies, as in a real installation
            injector = io.barelb.runtime.wiring.Injectors.create(
                    io.barelb.runtime.plugin.PluginRegistry.of(ControllerFixture.IPAM,
                            List.of(new io.barelb.announcer.layer2.Layer2AnnouncerFactory())),
                    new ControllerModule(ControllerOptions.defaults("bench")), kubernetes,
                    binder -> binder.bind(io.barelb.api.Metrics.class).toInstance(PrometheusMetrics.standalone()));
            restart();
        }

        /** A new term: closes the running controller (if any), starts another. */
        void restart() {
            if (controller != null) {
                controller.close();
            }
            controller = injector.getInstance(ServiceController.class);
            controller.start();
        }

        @Override
        public void close() {
            controller.close();
            injector.getInstance(KubeEventSink.class).close();
            injector.getInstance(ExecutorScheduler.class).close();
        }
    }

    /**
     * The reference: an informer on every Service and one thread that writes a status (the next address of a
     * counter) for each new Service through the status subresource, with the same client settings; nothing else.
     */
    private static Subject bareLoop(KubernetesClient client) {
        LinkedBlockingQueue<Service> queue = new LinkedBlockingQueue<>();
        AtomicLong next = new AtomicLong(0x0A000000L);
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
                    long ip = next.getAndIncrement();
                    String address = (ip >> 24 & 255) + "." + (ip >> 16 & 255) + "." + (ip >> 8 & 255) + "." + (ip & 255);
                    Service written = new ServiceBuilder(service).withNewStatus().withNewLoadBalancer().addNewIngress()
                            .withIp(address).endIngress().endLoadBalancer().endStatus().build();
                    try {
                        client.services().inNamespace(service.getMetadata().getNamespace()).resource(written).updateStatus();
                    } catch (RuntimeException e) {
                        if (Thread.currentThread().isInterrupted()) {
                            return;
                        }
                        throw e;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "bare-status-loop");
        loop.setDaemon(true);
        loop.start();
        return () -> {
            loop.interrupt();
            informer.close();
        };
    }

    private Service service(String name) {
        return new ServiceBuilder().withNewMetadata().withName(name).withNamespace(NS).endMetadata()
                .withNewSpec().withType("LoadBalancer").addNewPort().withPort(80).endPort().endSpec().build();
    }

    /** One Service at a time on an idle API: create, wait for its status, pause 5 ms, next. */
    private void latency(String which, int samples) throws Exception {
        open();
        String loadBefore = load();
        try (Subject subject = subject(which)) {
            settle();
            counter.reset();
            long[] latencies = new long[samples];
            for (int i = 0; i < WARM_UP + samples; i++) {
                String name = "lat-" + i;
                CompletableFuture<Long> done = new CompletableFuture<>();
                waiting.put(name, done);
                long start = System.nanoTime();
                driver.services().inNamespace(NS).resource(service(name)).create();
                long seen = done.get(10, TimeUnit.SECONDS);
                if (i >= WARM_UP) {
                    latencies[i - WARM_UP] = seen - start;
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            }
            settle();
            java.util.Arrays.sort(latencies);
            System.out.printf("[bench] latency %-10s %d Services one at a time (after %d warm-up): create->status"
                            + " p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms; load %s -> %s%n", which, samples,
                    WARM_UP, percentile(latencies, 50), percentile(latencies, 90), percentile(latencies, 99),
                    latencies[latencies.length - 1] / 1e6, loadBefore, load());
            writes(which, WARM_UP + samples);
        } finally {
            shut();
        }
    }

    /** N Services created at once by 4 threads; time until all are assigned; CPU by group; then a restart. */
    private void bulk(String which, int services, Path jfr) throws Exception {
        open();
        String loadBefore = load();
        Subject subject = subject(which);
        try {
            settle();
            counter.reset();
            JfrSummary profile = jfr == null ? null : JfrSummary.start(Files.createDirectories(jfr)
                    .resolve("bulk-" + which + ".jfr"));
            ThreadCpu cpuBefore = ThreadCpu.now();
            long first = System.nanoTime();
            ExecutorService creators = Executors.newFixedThreadPool(4);
            for (int i = 0; i < services; i++) {
                String name = "svc-" + i;
                creators.execute(() -> driver.services().inNamespace(NS).resource(service(name)).create());
            }
            creators.shutdown();
            creators.awaitTermination(30, TimeUnit.MINUTES);
            long created = System.nanoTime();
            while (assigned.size() < services) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
                if (System.nanoTime() - first > TimeUnit.MINUTES.toNanos(20)) {
                    throw new IllegalStateException("only " + assigned.size() + " of " + services + " assigned after 20 min");
                }
            }
            long all = System.nanoTime();
            int eventsWhenAssigned = eventsSeen.get();
            long postsWhenAssigned = counter.writes().getOrDefault("POST events", 0L);
            Map<String, Long> cpu = ThreadCpu.now().minus(cpuBefore);
            if (profile != null) {
                profile.stop();
            }
            // the Events follow the statuses: time until every new Service's Event is stored, as another client sees it
            boolean withEvents = which.equals("controller");
            while (withEvents && eventsSeen.get() < services) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
                if (System.nanoTime() - first > TimeUnit.MINUTES.toNanos(30)) {
                    throw new IllegalStateException("only " + eventsSeen.get() + " of " + services + " Events after 30 min");
                }
            }
            long allEvents = System.nanoTime();
            Map<String, Long> cpuEvents = ThreadCpu.now().minus(cpuBefore);
            String summary = profile == null ? null : profile.stopAndSummarise(12);
            print("[bench] bulk %-10s %d Services: first create to all assigned %.1f s (all created after"
                            + " %.1f s); CPU s: %s; CPU ms per Service: process %.2f, mock %.2f, process minus mock %.2f,"
                            + " controller threads %.2f; load %s -> %s%n", which, services, (all - first) / 1e9,
                    (created - first) / 1e9, seconds(cpu), cpu.get("process") / 1e6 / services,
                    cpu.getOrDefault(ThreadCpu.MOCK, 0L) / 1e6 / services,
                    (cpu.get("process") - cpu.getOrDefault(ThreadCpu.MOCK, 0L)) / 1e6 / services,
                    cpu.getOrDefault(ThreadCpu.CONTROLLER, 0L) / 1e6 / services, loadBefore, load());
            if (withEvents) {
                print("[bench] events %-10s %d Services: Events stored when all were assigned %d (POST events sent"
                                + " %d); first create to all %d Events stored %.1f s (%.1f s after all assigned); CPU s"
                                + " until all Events: %s; load %s%n", which, services, eventsWhenAssigned,
                        postsWhenAssigned, services, (allEvents - first) / 1e9, (allEvents - all) / 1e9,
                        seconds(cpuEvents), load());
            }
            if (summary != null) {
                print("%s%n", summary);
                profile.close();
            }
            settle();
            writes(which, services);
            if (subject instanceof ControllerSubject controller && which.equals("controller")) {
                counter.reset();
                long start = System.nanoTime();
                controller.restart();
                while (controller.controller.pending() > 0) {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
                }
                long checked = System.nanoTime();
                settle();
                print("[bench] restart    %d assigned Services: start to every Service checked %.2f s;"
                        + " writes %s%n", services, (checked - start) / 1e9, counter.writes());
            }
        } finally {
            subject.close();
            shut();
        }
    }

    private void print(String format, Object... args) {
        if (!quiet) {
            System.out.printf(format, args);
        }
    }

    private void writes(String which, int services) {
        Map<String, Long> writes = counter.writes();
        StringBuilder perService = new StringBuilder();
        writes.forEach((kind, count) -> perService.append(String.format("%s %.2f, ", kind, count / (double) services)));
        print("[bench] writes  %-10s %d Services: %.2f writes per Service (%s); all requests %s%n", which,
                services, counter.totalWrites() / (double) services, perService.toString().replaceAll(", $", ""),
                counter.all());
    }

    /** Waits until the counted client has sent nothing for 1 s (at most 2 minutes). */
    private void settle() {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        Map<String, Long> last = counter.all();
        while (System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1));
            Map<String, Long> now = counter.all();
            if (now.equals(last)) {
                return;
            }
            last = now;
        }
    }

    private static Map<String, String> seconds(Map<String, Long> nanos) {
        Map<String, String> seconds = new java.util.TreeMap<>();
        nanos.forEach((group, value) -> seconds.put(group, String.format("%.1f", value / 1e9)));
        return seconds;
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    private static double percentile(long[] sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }
}
