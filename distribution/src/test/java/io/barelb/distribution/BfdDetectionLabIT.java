package io.barelb.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import io.barelb.testkit.Requirements;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * BFD failure detection with the assembled speaker against BIRD ({@link BfdSpeakerLab}), at 100 ms x 3 and
 * 50 ms x 3, one Service (198.51.100.1/32). Each trial of the first kind freezes the speaker (SIGSTOP: no FIN, no
 * RST) and polls birdc until BIRD's BFD session is no longer Up and until the route has left BIRD's table; each of
 * the second freezes BIRD and reads from the speaker's log when our session went Down. Then SIGCONT and both
 * sides must recover (BFD Up, BGP Established, the route back) before the next trial.
 *
 * <p>Outcomes asserted: BIRD's BGP session ended with "BFD session down" (not its hold timer), our Down has
 * diagnostic 1 and tore the BGP session down (log, {@code metallb_bfd_session_down_events},
 * {@code barelb_bfd_session_state}, {@code metallb_bgp_session_up}), and every trial recovered. The times are
 * printed and appended to {@code target/bfd-speaker-detection.txt} (p50/p99 against the detection time), not
 * asserted. Trials per interval and direction: {@code -Dbarelb.bfd.detection.trials=N}, 20 by hand, 2 in CI.
 */
class BfdDetectionLabIT {

    private static final Duration RECOVERY = Duration.ofSeconds(60);
    private static final Duration DETECTION_LIMIT = Duration.ofSeconds(10);
    private static final String ROUTE = BfdSpeakerLab.route(1);

    private BfdSpeakerLab lab;

    @AfterEach
    void tearDown() {
        if (lab != null) {
            lab.close();
        }
    }

    @ParameterizedTest(name = "{0} ms x 3")
    @ValueSource(ints = {100, 50})
    void frozenSpeakerAndFrozenBirdAreDetectedByTheOtherSideAndBothRecover(int intervalMillis) throws Exception {
        int trials = Integer.getInteger("barelb.bfd.detection.trials", Requirements.inCi() ? 2 : 20);
        double detectionSeconds = 3 * intervalMillis / 1000.0;
        lab = new BfdSpeakerLab(intervalMillis);
        lab.services(List.of(1));
        lab.startBird();
        lab.startSpeaker("");
        awaitHealthy(detectionSeconds);

        List<Double> birdBfd = new ArrayList<>();
        List<Double> routeGone = new ArrayList<>();
        List<Double> ours = new ArrayList<>();
        for (int trial = 0; trial < trials; trial++) {
            freezeSpeaker(birdBfd, routeGone);
            awaitHealthy(detectionSeconds);
            freezeBird(ours);
            awaitHealthy(detectionSeconds);
        }
        String line = String.format("BFD %d ms x 3 (detection time %.0f ms), assembled speaker, %d trials: speaker frozen"
                        + " -> BIRD's BFD Down %s; -> route gone from BIRD %s; BIRD frozen -> our Down %s",
                intervalMillis, detectionSeconds * 1000, trials, summary(birdBfd), summary(routeGone), summary(ours));
        System.out.println(line);
        Files.writeString(Path.of("target", "bfd-speaker-detection.txt"), line + "\n", StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        assertThat(lab.alive(BfdSpeakerLab.SPEAKER)).isTrue();
    }

    private void awaitHealthy(double detectionSeconds) throws InterruptedException {
        lab.await(RECOVERY, "BFD Up on both sides at the profile's intervals, BGP Established, the route in BIRD",
                () -> "Up".equals(lab.birdBfdState()) && lab.established() && lab.hasRoute(ROUTE)
                        && lab.metric("barelb_bfd_session_state") == 3
                        && lab.metric("barelb_bfd_detection_time_seconds") == detectionSeconds
                        && lab.metric("metallb_bgp_session_up") == 1);
    }

    /** SIGSTOP the speaker; two pollers time BIRD's BFD leaving Up and the route leaving BIRD's table. */
    private void freezeSpeaker(List<Double> birdBfd, List<Double> routeGone) throws Exception {
        AtomicLong bfdSeen = new AtomicLong();
        AtomicLong routeSeen = new AtomicLong();
        Thread bfdPoller = poller(() -> !"Up".equals(lab.birdBfdState()), bfdSeen);
        Thread routePoller = poller(() -> !lab.hasRoute(ROUTE), routeSeen);
        long frozen;
        String why;
        try {
            frozen = lab.signal(BfdSpeakerLab.SPEAKER, true);
            bfdPoller.start();
            routePoller.start();
            bfdPoller.join(DETECTION_LIMIT.toMillis());
            routePoller.join(DETECTION_LIMIT.toMillis());
            why = lab.birdc("show", "protocols", "all", "peer"); // while still frozen: the current reason
        } finally {
            bfdPoller.interrupt();
            routePoller.interrupt();
            lab.signal(BfdSpeakerLab.SPEAKER, false);
        }
        assertThat(bfdSeen.get()).as("BIRD's BFD left Up while the speaker was frozen\n" + lab.describe()).isPositive();
        assertThat(routeSeen.get()).as("the route left BIRD's table while the speaker was frozen").isPositive();
        assertThat(why).as("BIRD's BGP session was ended by BFD, not by its hold timer").contains("BFD session down");
        birdBfd.add((double) (bfdSeen.get() - frozen));
        routeGone.add((double) (routeSeen.get() - frozen));
    }

    /** Polls {@code condition} as fast as birdc allows; stores the wall clock of its first true answer. */
    private static Thread poller(BooleanSupplier condition, AtomicLong seen) {
        return new Thread(() -> {
            long deadline = System.currentTimeMillis() + DETECTION_LIMIT.toMillis();
            while (System.currentTimeMillis() < deadline && !Thread.currentThread().isInterrupted()) {
                if (condition.getAsBoolean()) {
                    seen.set(System.currentTimeMillis());
                    return;
                }
            }
        }, "bfd-lab-poller");
    }

    /** SIGSTOP BIRD; the speaker's log says when our session went Down (diag 1) and that BGP was torn down. */
    private void freezeBird(List<Double> ours) throws Exception {
        String down = "Up -> Down (diag 1 Control Detection Time Expired)";
        int downsBefore = lab.speakerLogTimes(down).size();
        int tornBefore = lab.speakerLogTimes("BFD Down, BGP session torn down").size();
        double eventsBefore = lab.metric("metallb_bfd_session_down_events");
        long frozen = lab.signal(BfdSpeakerLab.BIRD, true);
        try {
            lab.await(DETECTION_LIMIT, "our BFD Down (diag 1) and the BGP session torn down, reported in the metrics",
                    () -> lab.speakerLogTimes(down).size() > downsBefore
                            && lab.speakerLogTimes("BFD Down, BGP session torn down").size() > tornBefore
                            && lab.metric("metallb_bfd_session_down_events") == eventsBefore + 1
                            && lab.metric("barelb_bfd_session_state") == 1
                            && lab.metric("barelb_bfd_session_diagnostic") == 1
                            && lab.metric("metallb_bgp_session_up") == 0);
        } finally {
            lab.signal(BfdSpeakerLab.BIRD, false);
        }
        ours.add((double) (lab.speakerLogTimes(down).get(downsBefore) - frozen));
    }

    private static String summary(List<Double> millis) {
        return String.format("min %.0f p50 %.0f p99 %.0f max %.0f ms", GcPauses.min(millis),
                GcPauses.percentile(millis, 0.5), GcPauses.percentile(millis, 0.99), GcPauses.max(millis));
    }
}
