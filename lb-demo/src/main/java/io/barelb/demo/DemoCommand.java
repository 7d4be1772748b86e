package io.barelb.demo;

import io.barelb.demo.network.DemoNetworkException;
import io.barelb.demo.network.NetworkDemo;
import io.barelb.embedded.EmbeddedKubernetes;
import io.barelb.embedded.ServiceTable;
import io.barelb.runtime.cli.CommandExtension;
import io.barelb.runtime.cli.support.PluginOptions;
import io.barelb.api.announce.AnnouncerFactory;
import io.barelb.api.ipam.IpamFactory;
import com.google.inject.Injector;
import io.barelb.api.Metrics;
import io.barelb.runtime.controller.ControllerModule;
import io.barelb.runtime.controller.ControllerOptions;
import io.barelb.runtime.controller.ExecutorScheduler;
import io.barelb.runtime.controller.KubernetesControllerModule;
import io.barelb.runtime.controller.LeaderElectedController;
import io.barelb.runtime.host.PrometheusMetrics;
import io.barelb.runtime.kube.KubeEventSink;
import io.barelb.runtime.kube.KubeServices;
import io.barelb.runtime.wiring.Injectors;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code barelb demo}: starts an embedded Kubernetes API on localhost, writes a kubeconfig for it (in a temporary
 * folder removed on exit unless {@code --kubeconfig-out} says where), runs the controller in-process under the
 * Lease {@code metallb-system/barelb-controller} as the real one does, applies the legacy MetalLB ConfigMap
 * with pool 192.168.92.200-192.168.92.210 and an nginx Service of type LoadBalancer, prints the Service table with its EXTERNAL-IP, then keeps running until
 * interrupted (or for {@code --exit-after-seconds}).
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run BareLB against an embedded Kubernetes API and show a LoadBalancer Service getting an address.")
public final class DemoCommand implements Callable<Integer>, CommandExtension {

    /** The tutorial's pool. */
    static final String POOL = "192.168.92.200-192.168.92.210";

    /** The tutorial's legacy ConfigMap, with {@code pool} as the address range. */
    static String config(String pool) {
        return """
                address-pools:
                - name: default
                  protocol: layer2
                  addresses:
                  - %s
                """.formatted(pool);
    }

    /** The demo controller's identity in the Lease. */
    static final String IDENTITY = "barelb-demo";

    @Option(names = "--port", defaultValue = "0", description = "API port on 127.0.0.1 (0: any free port; default ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--kubeconfig-out",
            description = "where to write the kubeconfig (default: a temporary folder, removed on exit)")
    Path kubeconfig;

    @Option(names = "--exit-after-seconds", defaultValue = "-1",
            description = "stop after this many seconds once the table is printed; 0 stops at once; default: run until interrupted")
    long exitAfterSeconds;

    @Option(names = "--network",
            description = "as root: also run a speaker per node in network namespaces the demo makes, reach the address"
                    + " with curl from a client namespace, then kill the owner's speaker and show the failover")
    boolean network;

    @Spec
    CommandSpec spec;

    @Mixin
    PluginOptions plugins;

    /** Loads the plugins from {@code --plugins-dir} once the command line is parsed. */
    public DemoCommand() {
        this.plugins = new PluginOptions();
    }

    /** With the given factories instead of loaded plugins (tests, embedding). */
    public DemoCommand(List<IpamFactory> ipamFactories, List<AnnouncerFactory> announcerFactories) {
        this.plugins = PluginOptions.of(ipamFactories, announcerFactories);
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (plugins.registry().ipamFactories().isEmpty()) {
            err.println("no IPAM plugin is loaded: the demo needs one that reads ranges (ipam-range under plugins/)");
            err.flush();
            return 1;
        }
        NetworkDemo lab;
        try {
            lab = network ? NetworkDemo.prepare() : null;
        } catch (DemoNetworkException e) {
            err.println(e.getMessage());
            err.flush();
            return 1;
        }
        try {
            return run(out, err, lab);
        } catch (DemoNetworkException e) {
            err.println(e.getMessage());
            err.println("the network demo's logs are kept in " + lab.logs());
            err.flush();
            return 1;
        } finally {
            if (lab != null) {
                lab.close();
            }
        }
    }

    private int run(PrintWriter out, PrintWriter err, NetworkDemo lab) throws Exception {
        String pool = lab != null ? NetworkDemo.POOL : POOL;
        Path temporary = kubeconfig == null ? Files.createTempDirectory("barelb-demo-") : null;
        if (temporary != null) {
            // Ctrl-C ends the JVM before the finally below runs; delete-on-exit goes last-registered first
            temporary.toFile().deleteOnExit();
            temporary.resolve("kubeconfig").toFile().deleteOnExit();
        }
        try (EmbeddedKubernetes api = EmbeddedKubernetes.start(port,
                io.barelb.runtime.kube.ConfigResourceTypes.served(io.barelb.runtime.config.KindRegistry.of(plugins.registry())))) {
            Path config = api.writeKubeconfig(temporary != null ? temporary.resolve("kubeconfig") : kubeconfig)
                    .toAbsolutePath();
            KubernetesClient client = api.newClient();
            ControllerOptions options = ControllerOptions.defaults(IDENTITY);
            PrometheusMetrics metrics = PrometheusMetrics.standalone();
            Injector injector = Injectors.create(plugins.registry(), new ControllerModule(options),
                    new KubernetesControllerModule(client), binder -> binder.bind(Metrics.class).toInstance(metrics));
            KubeEventSink events = injector.getInstance(KubeEventSink.class);
            ExecutorScheduler scheduler = injector.getInstance(ExecutorScheduler.class);
            // under the Lease, like the real controller: a second controller pointed at the demo stays standby
            LeaderElectedController controller = injector.getInstance(LeaderElectedController.class);
            try {
                out.println("embedded Kubernetes API at " + api.url());
                seed(client, pool);
                out.println("applied ConfigMap metallb-system/config (pool default: " + pool + ")");
                controller.start();
                client.services().inNamespace("default").resource(nginx()).create();
                out.println("applied Service default/nginx (type LoadBalancer)");
                Service assigned = awaitAddress(client, Duration.ofSeconds(30));
                String lease = options.namespace() + "/" + LeaderElectedController.LEASE_NAME;
                out.println(controller.isLeading() ? "the controller holds the Lease " + lease + " as " + IDENTITY
                        : "the controller does not hold the Lease " + lease + " (holder: " + controller.leader() + ")");
                out.println();
                out.print(ServiceTable.render(List.of(assigned), java.time.Instant.now()));
                out.println();
                out.println("Point kubectl at it:");
                out.println("  export KUBECONFIG=" + config);
                out.println("  kubectl get svc");
                out.println("  kubectl apply -f my-service.yaml");
                out.flush();
                if (KubeServices.ingress(assigned).isEmpty()) {
                    err.println("the Service got no address within 30 s");
                    err.flush();
                    return 1;
                }
                if (lab != null) {
                    lab.run(client, config, api.port(), KubeServices.ingress(assigned).get(0).toString(), out);
                }
                waitForExit(out);
                return 0;
            } finally {
                controller.close();
                scheduler.close();
                events.close();
            }
        } finally {
            if (temporary != null) {
                Files.deleteIfExists(temporary.resolve("kubeconfig"));
                Files.deleteIfExists(temporary);
            }
        }
    }

    private static void seed(KubernetesClient client, String pool) {
        for (String namespace : List.of("metallb-system", "default")) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata()
                    .build()).create();
        }
        client.configMaps().inNamespace("metallb-system").resource(new ConfigMapBuilder().withNewMetadata()
                .withName("config").withNamespace("metallb-system").endMetadata()
                .withData(Map.of("config", config(pool))).build()).create();
    }

    /** The seed scenario's nginx Service; cluster IP and node port are filled in as the API server would. */
    static Service nginx() {
        return new ServiceBuilder().withNewMetadata().withName("nginx").withNamespace("default")
                .withLabels(Map.of("app", "nginx")).endMetadata()
                .withNewSpec().withType("LoadBalancer").withSelector(Map.of("app", "nginx"))
                .withClusterIP("10.96.0.10").withClusterIPs("10.96.0.10")
                .addNewPort().withName("http").withPort(80).withNewTargetPort(80).withNodePort(30080).withProtocol("TCP")
                .endPort().endSpec().build();
    }

    private static Service awaitAddress(KubernetesClient client, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Service service = client.services().inNamespace("default").withName("nginx").get();
        while (KubeServices.ingress(service).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
            service = client.services().inNamespace("default").withName("nginx").get();
        }
        return service;
    }

    private void waitForExit(PrintWriter out) throws InterruptedException {
        CountDownLatch interrupted = new CountDownLatch(1);
        Thread hook = new Thread(interrupted::countDown, "barelb-demo-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            if (exitAfterSeconds < 0) {
                out.println("Running until interrupted (Ctrl-C).");
                out.flush();
                interrupted.await();
            } else {
                interrupted.await(exitAfterSeconds, TimeUnit.SECONDS);
            }
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is exiting because of the interrupt
            }
        }
    }
}
