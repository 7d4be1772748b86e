package io.barelb.runtime.controller;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Injector;
import com.google.inject.util.Modules;
import io.barelb.api.EventSink;
import io.barelb.api.Metrics;
import io.barelb.api.ServiceKey;
import io.barelb.runtime.host.PrometheusMetrics;
import io.barelb.runtime.kube.KubeServices;
import io.barelb.runtime.plugin.PluginRegistry;
import io.barelb.runtime.wiring.Injectors;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The controller as the injector builds it, on an in-memory cluster and a manual scheduler: reconcile logic runs
 * with no API server, no socket and no thread, and time moves only when the test moves it.
 */
class ReconcileWithoutApiServerTest {

    private final ManualScheduler scheduler = new ManualScheduler();
    private final InMemoryCluster cluster = new InMemoryCluster();
    private final List<String> events = new ArrayList<>();
    private final Injector injector = Injectors.create(PluginRegistry.of(ControllerFixture.IPAM, List.of()),
            scheduler.clock(),
            Modules.override(new ControllerModule(ControllerOptions.defaults("memory")))
                    .with(binder -> binder.bind(Scheduler.class).toInstance(scheduler)),
            binder -> {
                binder.bind(ControllerCluster.class).toInstance(cluster);
                binder.bind(Metrics.class).toInstance(PrometheusMetrics.standalone());
                binder.bind(EventSink.class).toInstance(new EventSink() {
                    @Override
                    public void normal(ServiceKey service, String reason, String message) {
                        events.add(service + " " + reason);
                    }

                    @Override
                    public void warning(ServiceKey service, String reason, String message) {
                        events.add(service + " " + reason);
                    }
                });
            });
    private ServiceController controller;

    @AfterEach
    void stop() {
        if (controller != null) {
            controller.close();
        }
    }

    private static ServiceBuilder service(String name) {
        return new ServiceBuilder().withNewMetadata().withName(name).withNamespace("default").endMetadata()
                .withNewSpec().withType("LoadBalancer").withClusterIP("10.96.0." + (name.length() + 10))
                .withIpFamilies("IPv4").addNewPort().withPort(80).endPort().endSpec();
    }

    private List<String> ingress(String name) {
        return KubeServices.ingress(cluster.get("default", name)).stream().map(Object::toString).toList();
    }

    private static Set<String> controllerThreads() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(n -> n.startsWith("barelb")).collect(Collectors.toSet());
    }

    @Test
    void aServiceGetsAnAddressFromTheInjectorBuiltControllerWithoutAnApiServer() {
        cluster.legacyConfig("""
                address-pools:
                - name: default
                  protocol: layer2
                  addresses: [192.0.2.10-192.0.2.19]
                """);
        cluster.put(service("web").build());
        Set<String> threadsBefore = controllerThreads();

        controller = injector.getInstance(ServiceController.class);
        assertThat(cluster.started()).as("building the controller starts nothing").isFalse();
        controller.start();
        assertThat(ingress("web")).as("nothing is reconciled before the scheduler runs it").isEmpty();
        scheduler.runDue();

        assertThat(ingress("web")).containsExactly("192.0.2.10");
        assertThat(cluster.get("default", "web").getMetadata().getAnnotations())
                .containsEntry("metallb.io/ip-allocated-from-pool", "default");
        assertThat(events).containsExactly("default/web IPAllocated");
        assertThat(controller.configState().result()).isEqualTo("Valid");
        assertThat(cluster.writes).contains("configuration Valid", "usage 1 pools");
        assertThat(controllerThreads()).as("no thread was started").isEqualTo(threadsBefore);

        scheduler.runDue();
        int writes = cluster.writes.size();
        cluster.put(cluster.get("default", "web"));
        scheduler.runDue();
        assertThat(cluster.writes.subList(writes, cluster.writes.size())).as("a second reconcile changes nothing")
                .allMatch(w -> w.startsWith("usage"));
    }

    @Test
    void aFailedWriteIsRetriedWithADoublingBackoffOnTheSchedulerAndTheNextFailureStartsOver() {
        startWithOnePool();

        cluster.failIngressWrites = 3;
        cluster.put(service("flaky").build());
        scheduler.runDue();
        assertThat(failures()).isEqualTo(1);
        assertThat(scheduler.nextDelay()).as("the first retry waits 5 ms").isEqualTo(Duration.ofMillis(5));
        scheduler.advance(Duration.ofMillis(4));
        assertThat(failures()).as("not before its time").isEqualTo(1);
        scheduler.advance(Duration.ofMillis(1));
        assertThat(failures()).isEqualTo(2);
        assertThat(scheduler.nextDelay()).as("then 10 ms").isEqualTo(Duration.ofMillis(10));
        scheduler.advance(Duration.ofMillis(10));
        assertThat(failures()).isEqualTo(3);
        assertThat(scheduler.nextDelay()).as("then 20 ms").isEqualTo(Duration.ofMillis(20));
        scheduler.advance(Duration.ofMillis(20));

        assertThat(ingress("flaky")).containsExactly("192.0.2.10");
        assertThat(scheduler.pending()).as("no retry left after the success").isZero();

        cluster.failIngressWrites = 1;
        cluster.put(service("flaky").build());
        scheduler.runDue();
        assertThat(scheduler.nextDelay()).as("forgotten after the success: 5 ms again").isEqualTo(Duration.ofMillis(5));
        scheduler.advance(Duration.ofMillis(5));
        assertThat(ingress("flaky")).containsExactly("192.0.2.10");
    }

    @Test
    void closingTheControllerDropsItsPendingRetriesAndClosesItsCluster() {
        startWithOnePool();
        cluster.failIngressWrites = 1;
        cluster.put(service("flaky").build());
        scheduler.runDue();

        controller.close();
        scheduler.advance(Duration.ofSeconds(1));

        assertThat(cluster.closed()).isTrue();
        assertThat(failures()).isEqualTo(1);
        assertThat(ingress("flaky")).as("the retry did not run after close").isEmpty();
    }

    /** A controller from the injector, started on a configuration of one pool, 192.0.2.10-19, with no Service. */
    private void startWithOnePool() {
        cluster.legacyConfig("""
                address-pools:
                - name: default
                  protocol: layer2
                  addresses: [192.0.2.10-192.0.2.19]
                """);
        controller = injector.getInstance(ServiceController.class);
        controller.start();
        scheduler.runDue();
    }

    private long failures() {
        return cluster.writes.stream().filter(w -> w.endsWith("failed")).count();
    }
}
