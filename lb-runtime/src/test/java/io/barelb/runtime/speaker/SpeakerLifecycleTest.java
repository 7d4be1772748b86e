package io.barelb.runtime.speaker;

import static org.assertj.core.api.Assertions.assertThat;

import io.barelb.runtime.host.PrometheusMetrics;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Retries with backoff on a scheduler the test drives, resync, failure Events and metrics, close's deadline. */
@Timeout(30)
class SpeakerLifecycleTest {

    private final ManualScheduler timers = new ManualScheduler();
    private final PrometheusMetrics metrics = PrometheusMetrics.standalone();
    private final RecordingEvents sink = new RecordingEvents();
    private final List<String> events = sink.events;
    private final FlakyAnnouncerFactory layer2 = new FlakyAnnouncerFactory();
    private final Speaker speaker = new Speaker("a", Optional.empty(), Fixtures.ipamFactories(), List.of(layer2),
            f -> null, sink, metrics, StatusResources.NONE, timers, SpeakerTest.TIMINGS);

    @AfterEach
    void close() {
        layer2.release.countDown();
        speaker.close();
    }


    @Test
    void aFailedApplyIsRetriedWithDoublingDelaysAndReportedAsAnEventAndAMetricUntilItSucceeds() {
        layer2.failingApplies.set(3);

        speaker.reconcile(Fixtures.oneService("192.0.2.1"));

        String failure = "web/nginx WARNING announceFailed node a cannot announce with protocol layer2: link is gone";
        assertThat(events).containsExactly(failure);
        assertThat(metrics.scrape()).contains("barelb_speaker_announce_failed{protocol=\"layer2\"} 1.0")
                .contains("barelb_speaker_apply_failures_total{protocol=\"layer2\"} 1");
        assertThat(timers.pendingOneShots()).containsExactly(Duration.ofSeconds(1));

        timers.advance(Duration.ofMillis(999));
        assertThat(layer2.attempts).hasSize(1);
        timers.advance(Duration.ofMillis(1));
        assertThat(layer2.attempts).hasSize(2);
        assertThat(timers.pendingOneShots()).containsExactly(Duration.ofSeconds(2));
        timers.advance(Duration.ofSeconds(2));
        assertThat(timers.pendingOneShots()).containsExactly(Duration.ofSeconds(4));
        assertThat(metrics.scrape()).contains("barelb_speaker_apply_failures_total{protocol=\"layer2\"} 3");

        timers.advance(Duration.ofSeconds(4));

        assertThat(layer2.attempts).hasSize(4).allMatch(state -> state.equals(layer2.attempts.get(0)));
        assertThat(timers.pendingOneShots()).isEmpty();
        assertThat(events).containsExactly(failure,
                "web/nginx nodeAssigned announcing 192.0.2.1 from node a with protocol layer2 on eth0");
        assertThat(metrics.scrape()).contains("barelb_speaker_announce_failed{protocol=\"layer2\"} 0.0");

        // success reset the backoff: the next failure waits 1 s again
        layer2.failingApplies.set(1);
        speaker.reconcile(Fixtures.oneService("192.0.2.1", "192.0.2.2"));
        assertThat(timers.pendingOneShots()).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void theDelayStopsGrowingAtFiveMinutes() {
        layer2.failingApplies.set(Integer.MAX_VALUE);
        speaker.reconcile(Fixtures.oneService("192.0.2.1"));

        long seconds = 1;
        for (int attempt = 0; attempt < 12; attempt++) {
            assertThat(timers.pendingOneShots()).containsExactly(Duration.ofSeconds(Math.min(seconds, 300)));
            timers.advance(timers.pendingOneShots().get(0));
            seconds *= 2;
        }
        assertThat(layer2.attempts).hasSize(13);
        assertThat(events).as("one Event while the message stays the same").hasSize(1);
    }

    @Test
    void anAdvertisementReportedFailedIsAppliedAgainAndItsMessageBecomesTheEvent() {
        layer2.failingStatus.set(true);

        speaker.reconcile(Fixtures.oneService("192.0.2.1"));

        assertThat(events).containsExactly("web/nginx WARNING announceFailed " + FlakyAnnouncerFactory.STATUS_FAILURE);
        assertThat(metrics.scrape()).contains("barelb_speaker_announce_failed{protocol=\"layer2\"} 1.0");
        timers.advance(Duration.ofSeconds(1));
        assertThat(layer2.attempts).as("the same state is forced again").hasSize(2);

        layer2.failingStatus.set(false);
        timers.advance(Duration.ofSeconds(2));

        assertThat(layer2.attempts).hasSize(3);
        assertThat(timers.pendingOneShots()).isEmpty();
        assertThat(metrics.scrape()).contains("barelb_speaker_announce_failed{protocol=\"layer2\"} 0.0");
    }

    @Test
    void resyncHandsAnUnchangedStateAgainWhileReconcileDoesNot() {
        speaker.reconcile(Fixtures.oneService("192.0.2.1"));
        speaker.reconcile(Fixtures.oneService("192.0.2.1"));
        assertThat(layer2.attempts).hasSize(1);

        speaker.resync();

        assertThat(layer2.attempts).hasSize(2);
        assertThat(layer2.attempts.get(1)).isEqualTo(layer2.attempts.get(0));
    }

    @Test
    void closeAbandonsAnAnnouncerThatOverrunsTheDeadline() {
        speaker.reconcile(Fixtures.oneService("192.0.2.1"));
        layer2.hangOnClose.set(true);

        try (CapturedOutput log = new CapturedOutput()) {
            long start = System.nanoTime();
            speaker.close();
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(took).isBetween(SpeakerTest.TIMINGS.closeDeadline(), Duration.ofSeconds(5));
            assertThat(log.text()).contains("announcer layer2 did not close within 300 ms; abandoned");
        }
        speaker.reconcile(Fixtures.oneService("192.0.2.2"));
        assertThat(layer2.attempts).as("a closed speaker applies nothing").hasSize(1);
    }
}
