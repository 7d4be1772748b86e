package io.barelb.runtime.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.barelb.api.ServiceKey;
import io.barelb.embedded.EmbeddedKubernetes;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.barelb.runtime.host.PrometheusMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Against a real API (the embedded one): aggregation (the count rises, the number of Event objects does not), Events
 * yielding to pending status work, and the bounded queue dropping and counting when full.
 */
@Timeout(60)
class KubeEventSinkTest {

    private final EmbeddedKubernetes api = EmbeddedKubernetes.start(0, ConfigResourceTypes.served());
    private final KubernetesClient client = api.newClient();

    @AfterEach
    void stop() {
        client.close();
        api.close();
    }

    private List<Event> events() {
        return client.v1().events().inNamespace("default").list().getItems().stream()
                .sorted(Comparator.comparing(Event::getMessage)).toList();
    }

    @Test
    void anEventNamesTheServiceByUidSoKubectlDescribeFindsIt() throws Exception {
        var service = client.services().inNamespace("default").resource(new io.fabric8.kubernetes.api.model.ServiceBuilder()
                .withNewMetadata().withName("web").withNamespace("default").withUid("3f1c2d7e-uid").endMetadata()
                .withNewSpec().withType("LoadBalancer").endSpec().build()).create();
        try (KubeEventSink sink = new KubeEventSink(client, "barelb-controller", Clock.systemUTC())) {
            sink.normal(new ServiceKey("default", "web"), "IPAllocated", "Assigned IP [\"192.0.2.1\"]");
        }
        assertThat(events()).singleElement().satisfies(event -> assertThat(event.getInvolvedObject().getUid())
                .isNotBlank().isEqualTo(service.getMetadata().getUid()));
    }

    @Test
    void aServiceFailingOnEveryReconcileHasOneEventWhoseCountRises() throws Exception {
        ServiceKey web = new ServiceKey("default", "web");
        try (KubeEventSink sink = new KubeEventSink(client, "barelb-controller", Clock.systemUTC())) {
            for (int i = 0; i < 200; i++) {
                sink.warning(web, "AllocationFailed", "no available IPs in pool \"default\"");
            }
            sink.warning(web, "AllocationFailed", "pool \"other\" does not exist");
        }
        List<Event> events = events();
        assertThat(events).hasSize(2);
        assertThat(events.get(0).getMessage()).startsWith("no available IPs");
        assertThat(events.get(0).getCount()).isEqualTo(200);
        assertThat(events.get(0).getInvolvedObject().getName()).isEqualTo("web");
        assertThat(events.get(0).getType()).isEqualTo("Warning");
        assertThat(events.get(1).getCount()).isEqualTo(1);
    }

    @Test
    void anEventDeletedFromTheApiIsWrittenAgain() throws Exception {
        ServiceKey web = new ServiceKey("default", "web");
        try (KubeEventSink sink = new KubeEventSink(client, "barelb-controller", Clock.systemUTC())) {
            sink.normal(web, "IPAllocated", "Assigned IP [\"192.0.2.1\"]");
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (events().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(events()).hasSize(1);
            client.v1().events().inNamespace("default").delete();
            sink.normal(web, "IPAllocated", "Assigned IP [\"192.0.2.1\"]");
        }
        assertThat(events()).singleElement().satisfies(event -> assertThat(event.getCount()).isEqualTo(1));
    }

    /** A sink whose Events yield to status work for as long as it is pending (no trickle within a test). */
    private KubeEventSink yielding(PrometheusMetrics metrics, int capacity) {
        return new KubeEventSink(client, "barelb-controller", Clock.systemUTC(), metrics, capacity, Duration.ofHours(1));
    }

    private static void await(String what, java.util.concurrent.Callable<Boolean> done) {
        Awaitility.await(what).atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20)).until(done);
    }

    @Test
    void eventsWaitWhileStatusWorkIsPendingAndAreWrittenOnceItIsDone() {
        AtomicBoolean pending = new AtomicBoolean(true);
        AtomicInteger looked = new AtomicInteger();
        try (KubeEventSink sink = yielding(null, 100)) {
            sink.yieldTo(this, () -> {
                looked.incrementAndGet();
                return pending.get();
            });
            for (int i = 0; i < 3; i++) {
                sink.normal(new ServiceKey("default", "svc-" + i), "IPAllocated", "Assigned IP [\"192.0.2." + i + "\"]");
            }
            await("the writer asking five times whether status work is pending", () -> looked.get() >= 5);
            assertThat(events()).as("no Event written while status work is pending").isEmpty();
            assertThat(sink.queued()).as("one Event in the writer's hands, two queued").isEqualTo(2);

            pending.set(false);
            await("three Events", () -> events().size() == 3);
            assertThat(sink.queued()).isZero();
        }
        assertThat(events()).extracting(Event::getCount).containsOnly(1);
    }

    @Test
    void aFullQueueDropsAndCountsWithoutBlockingAndCloseWritesWhatWasDropped() {
        PrometheusMetrics metrics = PrometheusMetrics.standalone();
        AtomicInteger looked = new AtomicInteger();
        Map<String, String> labels = Map.of("component", "barelb-controller");
        try (KubeEventSink sink = yielding(metrics, 2)) {
            sink.yieldTo(this, () -> looked.incrementAndGet() > 0);
            sink.normal(new ServiceKey("default", "svc-0"), "IPAllocated", "Assigned");
            await("the writer holding the first Event", () -> looked.get() > 0);
            for (int i = 1; i < 5; i++) {
                sink.normal(new ServiceKey("default", "svc-" + i), "IPAllocated", "Assigned");
            }
            assertThat(sink.queued()).isEqualTo(2);
            assertThat(sink.dropped()).isEqualTo(2);
            assertThat(metrics.value(KubeEventSink.DROPPED, labels)).isEqualTo(2.0);
            assertThat(metrics.value(KubeEventSink.QUEUED, labels)).isEqualTo(2.0);
            assertThat(events()).isEmpty();
        }
        assertThat(events()).as("close writes the queued Events and the dropped ones' counts").hasSize(5)
                .extracting(Event::getCount).containsOnly(1);
    }

    @Test
    void anEventDroppedOnceIsWrittenWithItsFullCountByItsNextOccurrence() {
        ServiceKey web = new ServiceKey("default", "web");
        AtomicBoolean pending = new AtomicBoolean(true);
        AtomicInteger looked = new AtomicInteger();
        try (KubeEventSink sink = yielding(null, 1)) {
            sink.yieldTo(this, () -> looked.incrementAndGet() > 0 && pending.get());
            sink.normal(new ServiceKey("default", "first"), "IPAllocated", "Assigned");
            await("the writer holding the first Event", () -> looked.get() > 0);
            sink.normal(new ServiceKey("default", "second"), "IPAllocated", "Assigned");
            sink.warning(web, "AllocationFailed", "no available IPs");
            assertThat(sink.dropped()).isEqualTo(1);
            pending.set(false);
            await("two Events", () -> events().size() == 2);
            sink.warning(web, "AllocationFailed", "no available IPs");
            await("the dropped Event", () -> events().size() == 3);
        }
        assertThat(events()).filteredOn(e -> e.getInvolvedObject().getName().equals("web")).singleElement()
                .satisfies(e -> assertThat(e.getCount()).isEqualTo(2));
    }
}
