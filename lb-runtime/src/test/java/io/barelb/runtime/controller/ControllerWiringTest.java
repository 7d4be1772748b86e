package io.barelb.runtime.controller;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Injector;
import io.barelb.api.Metrics;
import io.barelb.runtime.host.PrometheusMetrics;
import io.barelb.runtime.kube.KubeEventSink;
import io.barelb.runtime.plugin.PluginRegistry;
import io.barelb.runtime.wiring.Injectors;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import org.awaitility.Awaitility;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class ControllerWiringTest {

    @Test
    void theModuleBuildsALeaderElectedControllerThatServes() {
        try (ControllerFixture cluster = new ControllerFixture()) {
            cluster.legacyConfig("""
                    address-pools:
                    - name: default
                      protocol: layer2
                      addresses: [192.168.92.200-192.168.92.210]
                    """);
            // the injector exactly as `barelb controller` builds it: plugins first, then the role's modules
            LeaderElectedController elected = cluster.injector(cluster.client, ControllerOptions.defaults("wired"))
                    .getInstance(LeaderElectedController.class);
            try {
                elected.start();
                cluster.create(cluster.service("default", "nginx").build());

                assertThat(cluster.awaitIngress("default", "nginx", l -> !l.isEmpty())).containsExactly("192.168.92.200");
                assertThat(elected.isLeading()).isTrue();
            } finally {
                elected.close();
            }
        }
    }

    private static Set<Thread> threads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).collect(Collectors.toSet());
    }

    private static List<String> newThreads(Set<Thread> before) {
        return threads().stream().filter(t -> !before.contains(t)).map(Thread::getName).sorted().toList();
    }

    /** The API "server" answers every request with 503 at once and counts them. */
    @Test
    void creatingTheInjectorAndEveryControllerPartSendsNoRequestAndStartsNoThreadUntilStart() {
        AtomicInteger requests = new AtomicInteger();
        HttpServer api = unavailableApi(requests);
        KubernetesClient client = new KubernetesClientBuilder().withConfig(new ConfigBuilder()
                .withMasterUrl("http://127.0.0.1:" + api.getAddress().getPort()).withNamespace("default")
                .withRequestRetryBackoffLimit(0).build()).build(); // a 503 fails at once: close() need not wait
        Set<Thread> before = threads();

        Injector injector = Injectors.create(PluginRegistry.of(ControllerFixture.IPAM, List.of()),
                new ControllerModule(ControllerOptions.defaults("idle")), new KubernetesControllerModule(client),
                binder -> binder.bind(Metrics.class).toInstance(PrometheusMetrics.standalone()));
        LeaderElectedController elected = injector.getInstance(LeaderElectedController.class);
        ServiceController first = injector.getInstance(ServiceController.class);
        ServiceController second = injector.getInstance(ServiceController.class);
        KubeEventSink events = injector.getInstance(KubeEventSink.class);
        ExecutorScheduler scheduler = injector.getInstance(ExecutorScheduler.class);
        try {
            assertThat(second).as("each term gets a controller of its own").isNotSameAs(first);
            assertThat(injector.getInstance(Scheduler.class)).as("one scheduler per process").isSameAs(scheduler);
            assertThat(newThreads(before)).as("threads started by building the controller").isEmpty();
            assertThat(requests.get()).as("requests sent by building the controller").isZero();

            elected.start();

            Awaitility.await("the campaign's first request").atMost(Duration.ofSeconds(10))
                    .until(() -> requests.get() > 0);
            assertThat(newThreads(before)).as("start() is what starts threads").contains("barelb-leader-election");
        } finally {
            elected.close();
            first.close();
            second.close();
            scheduler.close();
            events.close();
            client.close();
            api.stop(0);
        }
    }

    private static HttpServer unavailableApi(AtomicInteger requests) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                requests.incrementAndGet();
                exchange.sendResponseHeaders(503, -1);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
