package io.barelb.distribution;

import io.barelb.embedded.EmbeddedKubernetes;
import io.barelb.runtime.kube.ConfigResourceTypes;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The assembled controller's footprint against the embedded API (in this JVM): N LoadBalancer Services and one
 * IPAddressPool (10.0.0.0/16) are created first, then {@code bin/barelb controller} is started with a
 * {@link JvmVariant}; the figures are from just before the process starts to the first Service with an address
 * and to all N, then the process's memory a settle time later. Each run has an API of its own.
 */
final class ControllerFootprint {

    /** How long creating the Services, and then the controller's assigning them, may each take. */
    private static final Duration PATIENCE = Duration.ofMinutes(Integer.getInteger("barelb.footprint.patience.minutes", 10));

    /** One start of the controller. */
    record Run(JvmVariant variant, int services, double firstSeconds, double allSeconds, ProcessMemory memory,
               String commandLine, String diagnostics) {

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "controller %-10s %6d Services: start -> first assigned %.3f s, -> all %.3f s; %s",
                    variant.name(), services, firstSeconds, allSeconds, memory) + diagnostics;
        }
    }

    private final Path distribution;
    private final Path work;
    private final Duration settle;

    ControllerFootprint(Path distribution, Path work, Duration settle) {
        this.distribution = distribution;
        this.work = work;
        this.settle = settle;
    }

    Run run(JvmVariant variant, int services) throws IOException, InterruptedException {
        try (EmbeddedKubernetes api = EmbeddedKubernetes.start(0, ConfigResourceTypes.served())) {
            KubernetesClient client = api.newClient();
            seed(client, services);
            Set<String> assigned = ConcurrentHashMap.newKeySet();
            SharedIndexInformer<Service> informer = client.services().inNamespace("bench").inform(new Watcher(assigned));
            Path log = work.resolve("controller-" + variant.name() + ".log");
            ProcessBuilder builder = new ProcessBuilder(distribution.resolve("bin/barelb").toString(), "controller",
                    "--kubeconfig", api.writeKubeconfig(work.resolve("kubeconfig")).toString(),
                    "--identity", "footprint", "--metrics-port", "0")
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(variant.environment("controller"));
            long started = System.nanoTime();
            Process controller = builder.start();
            try {
                await(() -> !assigned.isEmpty(), "a first Service assigned", controller, log);
                double first = (System.nanoTime() - started) / 1e9;
                await(() -> assigned.size() == services, "all " + services + " Services assigned", controller, log);
                double all = (System.nanoTime() - started) / 1e9;
                Thread.sleep(settle.toMillis());
                ProcessMemory memory = ProcessMemory.of(controller.pid());
                String commandLine = Files.readString(Path.of("/proc", Long.toString(controller.pid()), "cmdline"))
                        .replace('\0', ' ');
                return new Run(variant, services, first, all, memory, commandLine, Jcmd.diagnostics(controller.pid()));
            } finally {
                informer.close();
                controller.destroyForcibly();
                controller.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static void seed(KubernetesClient client, int services) throws InterruptedException {
        ApiSeed.pool(client, "bench", "10.0.0.0/16", "bench");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        for (int i = 0; i < services; i++) {
            String name = "s" + i;
            pool.execute(() -> client.services().inNamespace("bench").resource(new ServiceBuilder().withNewMetadata()
                    .withName(name).withNamespace("bench").endMetadata().withNewSpec().withType("LoadBalancer")
                    .addNewPort().withPort(80).withProtocol("TCP").endPort().endSpec().build()).create());
        }
        pool.shutdown();
        if (!pool.awaitTermination(PATIENCE.toMinutes(), TimeUnit.MINUTES)) {
            throw new IllegalStateException("creating " + services + " Services took over " + PATIENCE);
        }
    }

    private static void await(java.util.function.BooleanSupplier condition, String what, Process controller, Path log)
            throws InterruptedException, IOException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (!controller.isAlive() || System.nanoTime() > deadline) {
                String text = Files.readString(log);
                throw new AssertionError("no " + what + " (controller " + (controller.isAlive() ? "running" : "exited "
                        + controller.exitValue()) + "); log tail:\n" + text.substring(Math.max(0, text.length() - 5000)));
            }
            Thread.sleep(10);
        }
    }

    /** Keeps the names of the Services that show an ingress address. */
    private record Watcher(Set<String> assigned) implements ResourceEventHandler<Service> {

        @Override
        public void onAdd(Service service) {
            onUpdate(null, service);
        }

        @Override
        public void onUpdate(Service before, Service service) {
            if (service.getStatus() != null && service.getStatus().getLoadBalancer() != null
                    && !service.getStatus().getLoadBalancer().getIngress().isEmpty()) {
                assigned.add(service.getMetadata().getName());
            }
        }

        @Override
        public void onDelete(Service service, boolean unknown) {
            assigned.remove(service.getMetadata().getName());
        }
    }
}
