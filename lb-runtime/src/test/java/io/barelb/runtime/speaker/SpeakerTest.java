package io.barelb.runtime.speaker;

import static io.barelb.runtime.speaker.Fixtures.node;
import static org.assertj.core.api.Assertions.assertThat;

import io.barelb.api.PluginContext;
import io.barelb.api.announce.Advertisement;
import io.barelb.api.announce.AnnouncementStatus;
import io.barelb.api.announce.Announcer;
import io.barelb.api.announce.AnnouncerFactory;
import io.barelb.api.announce.AnnouncerState;
import io.barelb.runtime.host.PrometheusMetrics;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SpeakerTest {

    static final SpeakerTimings TIMINGS = new SpeakerTimings(java.time.Duration.ofSeconds(1),
            java.time.Duration.ofMinutes(5), java.time.Duration.ofMinutes(5), java.time.Duration.ofMillis(300));
    private final ManualScheduler timers = new ManualScheduler();

    private final RecordingEvents sink = new RecordingEvents();
    private final List<String> events = sink.events;

    @Test
    void reconcileHandsTheWholeStateOnceAndIsIdempotent() {
        RecordingAnnouncerFactory layer2 = new RecordingAnnouncerFactory("layer2", false);
        PrometheusMetrics metrics = PrometheusMetrics.standalone();
        try (Speaker speaker = new Speaker("a", Optional.empty(), Fixtures.ipamFactories(), List.of(layer2),
                f -> null, sink, metrics, StatusResources.NONE, timers, TIMINGS)) {
            speaker.reconcile(Fixtures.oneService("192.0.2.1"));
            speaker.reconcile(Fixtures.oneService("192.0.2.1"));

            assertThat(layer2.applied).hasSize(1);
            assertThat(layer2.applied.get(0).advertisements()).extracting(Advertisement::address)
                    .extracting(Object::toString).containsExactly("192.0.2.1");
            assertThat(events).containsExactly(
                    "web/nginx nodeAssigned announcing 192.0.2.1 from node a with protocol layer2 on eth0");
            assertThat(metrics.scrape()).contains("metallb_speaker_announced{ip=\"192.0.2.1\",node=\"a\",protocol=\"layer2\",service=\"web/nginx\"} 1.0");

            speaker.reconcile(Fixtures.oneService());

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
                f -> null, sink, PrometheusMetrics.standalone(), StatusResources.NONE, timers, TIMINGS)) {
            speaker.reconcile(Fixtures.oneService("192.0.2.1"));

            assertThat(layer2.applied).hasSize(1);
            assertThat(speaker.status()).extracting(AnnouncementStatus::state).containsExactly(
                    AnnouncementStatus.State.FAILED, AnnouncementStatus.State.ANNOUNCED);
            assertThat(speaker.status().get(0).message()).isEqualTo("node a cannot announce with protocol broken: link is gone");
        }
    }
}
