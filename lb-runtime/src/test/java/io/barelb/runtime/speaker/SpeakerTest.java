package io.barelb.runtime.speaker;

import static io.barelb.runtime.speaker.Fixtures.endpoints;
import static io.barelb.runtime.speaker.Fixtures.l2Advertisement;
import static io.barelb.runtime.speaker.Fixtures.loadBalancer;
import static io.barelb.runtime.speaker.Fixtures.node;
import static org.assertj.core.api.Assertions.assertThat;

import io.barelb.api.EventSink;
import io.barelb.api.PluginContext;
import io.barelb.api.ServiceKey;
import io.barelb.api.announce.Advertisement;
import io.barelb.api.announce.AnnouncementStatus;
import io.barelb.api.announce.Announcer;
import io.barelb.api.announce.AnnouncerFactory;
import io.barelb.api.announce.AnnouncerState;
import io.barelb.runtime.host.PrometheusMetrics;
import io.barelb.runtime.model.AddressPool;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SpeakerTest {

    private final List<String> events = new ArrayList<>();
    private final EventSink sink = new EventSink() {
        @Override
        public void normal(ServiceKey service, String reason, String message) {
            events.add(service + " " + reason + " " + message);
        }

        @Override
        public void warning(ServiceKey service, String reason, String message) {
            events.add(service + " WARNING " + reason + " " + message);
        }
    };

    private static ClusterView view(String... ingress) {
        return new ClusterView(List.of(AddressPool.simple("front", List.of("192.0.2.0/28"))),
                List.of(l2Advertisement("all", Map.of())),
                List.of(loadBalancer("web", "nginx", "Cluster", ingress)),
                List.of(endpoints("web", "nginx", "a")), List.of(node("a")));
    }

    @Test
    void reconcileHandsTheWholeStateOnceAndIsIdempotent() {
        RecordingAnnouncerFactory layer2 = new RecordingAnnouncerFactory("layer2", false);
        PrometheusMetrics metrics = PrometheusMetrics.standalone();
        try (Speaker speaker = new Speaker("a", Optional.empty(), Fixtures.ipamFactories(), List.of(layer2),
                f -> null, sink, metrics)) {
            speaker.reconcile(view("192.0.2.1"));
            speaker.reconcile(view("192.0.2.1"));

            assertThat(layer2.applied).hasSize(1);
            assertThat(layer2.applied.get(0).advertisements()).extracting(Advertisement::address)
                    .extracting(Object::toString).containsExactly("192.0.2.1");
            assertThat(events).containsExactly(
                    "web/nginx nodeAssigned announcing 192.0.2.1 from node a with protocol layer2 on eth0");
            assertThat(metrics.scrape()).contains("barelb_speaker_announced{ip=\"192.0.2.1\",node=\"a\",protocol=\"layer2\",service=\"web/nginx\"} 1.0");

            speaker.reconcile(view());

            assertThat(layer2.applied).hasSize(2);
            assertThat(layer2.applied.get(1).advertisements()).isEmpty();
            assertThat(metrics.scrape()).doesNotContain("192.0.2.1");
        }
        assertThat(layer2.applied.get(layer2.applied.size() - 1)).isEqualTo(AnnouncerState.empty());
    }

    @Test
    void aFailingAnnouncerDoesNotStopTheOthers() {
        RecordingAnnouncerFactory broken = new RecordingAnnouncerFactory("broken", true);
        RecordingAnnouncerFactory layer2 = new RecordingAnnouncerFactory("layer2", false);
        try (Speaker speaker = new Speaker("a", Optional.empty(), Fixtures.ipamFactories(), List.of(broken, layer2),
                f -> null, sink, PrometheusMetrics.standalone())) {
            speaker.reconcile(view("192.0.2.1"));

            assertThat(layer2.applied).hasSize(1);
            assertThat(speaker.status()).extracting(AnnouncementStatus::announced).containsExactly(true);
        }
    }
}
