package io.barelb.runtime.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.barelb.api.ServiceKey;
import io.barelb.embedded.EmbeddedKubernetes;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Aggregation against a real API (the embedded one): the count rises, the number of Event objects does not. */
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
}
