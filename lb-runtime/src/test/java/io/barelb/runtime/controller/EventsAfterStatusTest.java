package io.barelb.runtime.controller;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.util.Modules;
import io.barelb.api.Metrics;
import io.barelb.runtime.kube.KubeEventSink;
import io.barelb.runtime.plugin.PluginRegistry;
import io.barelb.runtime.wiring.Injectors;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Status writes are never held behind Events: with every Event write stuck in the API, a burst of new Services
 * still gets its addresses, and its Events follow, one per Service, once the API takes them again.
 */
@Timeout(90)
class EventsAfterStatusTest {

    private static final int SERVICES = 30;

    private final ControllerFixture cluster = new ControllerFixture();
    /** Holds every {@code POST events} of the sink's client until counted down. */
    private final CountDownLatch eventsAccepted = new CountDownLatch(1);
    private final AtomicInteger eventsSent = new AtomicInteger();
    private final KubernetesClient stuck = new KubernetesClientBuilder()
            .withConfig(new ConfigBuilder(io.fabric8.kubernetes.client.Config.empty()).withMasterUrl(cluster.api.url())
                    .withTrustCerts(true).withHttp2Disable(true).build())
            .withHttpClientBuilderConsumer(builder -> builder.addOrReplaceInterceptor("stuck", new Interceptor() {
                @Override
                public void before(BasicBuilder request, HttpRequest sent, RequestTags tags) {
                    if (sent.method().equals("POST") && sent.uri().getPath().endsWith("/events")) {
                        eventsSent.incrementAndGet();
                        try {
                            eventsAccepted.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                }
            }))
            .build();

    @AfterEach
    void stop() {
        eventsAccepted.countDown();
        cluster.close();
        stuck.close();
    }

    @Test
    void aBurstOfServicesIsAssignedWhileEveryEventWriteIsStuckAndItsEventsFollow() {
        cluster.pool("default", "192.0.2.10-192.0.2.99", true);
        KubeEventSink events = new KubeEventSink(stuck, "barelb-controller", Clock.systemUTC(), cluster.metrics,
                KubeEventSink.QUEUE_CAPACITY);
        var injector = Injectors.create(PluginRegistry.of(ControllerFixture.IPAM, java.util.List.of()),
                new ControllerModule(ControllerOptions.defaults("test")),
                Modules.override(new KubernetesControllerModule(cluster.client))
                        .with(binder -> binder.bind(KubeEventSink.class).toInstance(events)),
                binder -> binder.bind(Metrics.class).toInstance(cluster.metrics));
        ServiceController controller = injector.getInstance(ServiceController.class);
        try {
            controller.start();
            for (int i = 0; i < SERVICES; i++) {
                cluster.create(cluster.service("default", "svc-" + i).build());
            }
            for (int i = 0; i < SERVICES; i++) {
                cluster.awaitAssigned("default", "svc-" + i);
            }
            assertThat(eventsSent.get()).as("Event writes begun: at most the one stuck").isLessThanOrEqualTo(1);
            assertThat(cluster.client.v1().events().inNamespace("default").list().getItems())
                    .as("no Event stored while the API holds them").isEmpty();

            eventsAccepted.countDown();
            for (int i = 0; i < SERVICES; i++) {
                assertThat(cluster.awaitEvent("default", "svc-" + i, ServiceReconciler.IP_ALLOCATED))
                        .as("svc-%d's Events", i).singleElement();
            }
            assertThat(events.dropped()).isZero();
        } finally {
            controller.close();
            events.close();
            injector.getInstance(ExecutorScheduler.class).close();
        }
    }
}
