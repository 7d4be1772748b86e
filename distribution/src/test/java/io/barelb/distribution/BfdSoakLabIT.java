package io.barelb.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import io.barelb.testkit.Requirements;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Soak of the assembled speaker's BFD against BIRD ({@link BfdSpeakerLab}) at 50 ms x 3 (detection time 150 ms)
 * while the speaker works: every second the static Service files are rewritten (one Service added, one removed,
 * a window of 10 sliding over 150), and every {@code gcEvery} seconds a full GC is forced with
 * {@code jcmd PID GC.run}. The outcome: no BFD Down on either side (BIRD's BFD log, our metrics and log), BGP
 * never left Established, and BIRD's table ends holding exactly the last window (the churn really ran).
 *
 * <p>Duration: {@code -Dbarelb.bfd.soak.seconds=N}; by default 600 s run by hand, 75 s under CI=true. Forced GC
 * period: {@code -Dbarelb.bfd.soak.gcEverySeconds} (60 by hand, 25 in CI). Extra speaker JVM options (e.g. to
 * compare collectors): {@code -Dbarelb.bfd.soak.javaOpts=...}; without it the launcher's speaker options run.
 * The figures (GC pauses from the speaker's -Xlog:gc, the largest gap between our packets and between BIRD's in
 * a tcpdump capture) are printed and appended to {@code target/bfd-soak.txt}; they are reported, not asserted.
 */
class BfdSoakLabIT {

    private static final Duration CONVERGENCE = Duration.ofSeconds(60);
    private static final int WINDOW = 10;

    private BfdSpeakerLab lab;

    @AfterEach
    void tearDown() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void noFalseDownUnderServiceChurnAndForcedFullGcs() throws Exception {
        long seconds = Long.getLong("barelb.bfd.soak.seconds", Requirements.inCi() ? 75 : 600);
        long gcEvery = Long.getLong("barelb.bfd.soak.gcEverySeconds", Requirements.inCi() ? 25 : 60);
        String javaOpts = System.getProperty("barelb.bfd.soak.javaOpts", "");
        lab = new BfdSpeakerLab(50);
        lab.services(BfdSpeakerLab.window(1, WINDOW));
        lab.startBird();
        lab.startSpeaker(javaOpts);
        lab.await(CONVERGENCE, "BFD Up at 50 ms and BGP Established with the first window", () -> lab.established()
                && "Up".equals(lab.birdBfdState()) && lab.routes().size() == WINDOW
                && lab.metric("barelb_bfd_detection_time_seconds") == 0.15);
        lab.capture();
        double upEvents = lab.metric("metallb_bfd_session_up_events");
        double sentBefore = lab.metric("metallb_bfd_control_packet_output");
        String birdEventsBefore = lab.birdEvents();
        assertThat(upEvents).as("one Up so far").isEqualTo(1);

        String loadBefore = loadAverage();
        long start = System.nanoTime();
        long end = start + Duration.ofSeconds(seconds).toNanos();
        long nextGc = start + Duration.ofSeconds(gcEvery).toNanos();
        int first = 1;
        int rewrites = 0;
        List<Double> gcTimes = new ArrayList<>();
        while (System.nanoTime() < end) {
            first = first % 150 + 1;
            lab.services(BfdSpeakerLab.window(first, WINDOW));
            rewrites++;
            if (System.nanoTime() >= nextGc) {
                gcTimes.add(System.currentTimeMillis() / 1000.0);
                lab.forceGc();
                nextGc += Duration.ofSeconds(gcEvery).toNanos();
            }
            assertThat(lab.alive(BfdSpeakerLab.SPEAKER)).as("speaker running").isTrue();
            Thread.sleep(1_000);
        }
        List<String> last = BfdSpeakerLab.window(first, WINDOW).stream().map(BfdSpeakerLab::route).sorted().toList();
        lab.await(CONVERGENCE, "BIRD holding exactly the last window", () -> lab.routes().equals(last));

        String birdEvents = lab.birdEvents().substring(birdEventsBefore.length());
        double downEvents = lab.metric("metallb_bfd_session_down_events");
        double sent = lab.metric("metallb_bfd_control_packet_output") - sentBefore;
        String report = report(seconds, gcEvery, javaOpts, rewrites, gcTimes, downEvents, sent, birdEvents)
                + "; load average (1 min) " + loadBefore + " before, " + loadAverage() + " after";
        System.out.println(report);
        Files.writeString(Path.of("target", "bfd-soak.txt"), report + "\n", java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);

        assertThat(gcTimes).as("forced full GCs").isNotEmpty();
        if (javaOpts.isEmpty()) {
            assertThat(Files.readString(lab.gcLog())).as("the launcher's speaker options (docs/bfd.md)")
                    .contains("Using Shenandoah");
        }
        assertThat(downEvents).as("our BFD Down events (metallb_bfd_session_down_events)\n" + lab.describe()).isZero();
        assertThat(lab.metric("metallb_bfd_session_up_events")).as("no new Up either").isEqualTo(upEvents);
        assertThat(lab.speakerLog()).as("our log").doesNotContain("Up -> Down");
        assertThat(birdEvents).as("BIRD's BFD and BGP events during the soak").doesNotContainIgnoringCase("to Down")
                .doesNotContain("State changed to down").doesNotContain("State changed to flush");
        assertThat(lab.established()).isTrue();
        assertThat(sent).as("packets we sent at 50 ms less jitter").isGreaterThan(seconds * 15);
    }

    private String report(long seconds, long gcEvery, String javaOpts, int rewrites, List<Double> gcTimes,
                          double downEvents, double sent, String birdEvents) throws IOException {
        GcPauses pauses = GcPauses.read(lab.gcLog());
        List<Double> ours = new ArrayList<>();
        List<Double> birds = new ArrayList<>();
        for (String line : lab.capturedPackets().lines().toList()) {
            String[] words = line.split("\\s+");
            if (words.length > 4 && words[1].equals("IP")) {
                (words[2].startsWith("203.0.113.2.") ? ours : birds).add(Double.parseDouble(words[0]));
            }
        }
        return String.format("BFD soak %d s at 50 ms x 3 (javaOpts '%s'): %d Service rewrites, %d forced GCs (every %d s);"
                        + " Down events: ours %.0f, BIRD's %d; packets sent %.0f; GC pauses %s; largest gap between our"
                        + " packets %s (%d captured), between BIRD's %s (%d captured)",
                seconds, javaOpts, rewrites, gcTimes.size(), gcEvery, downEvents, countDowns(birdEvents), sent, pauses,
                largestGap(ours, gcTimes), ours.size(), largestGap(birds, gcTimes), birds.size());
    }

    /**
     * The largest gap, and how long after the closest forced GC before it it ended. After a Down it is the 1 s
     * slow-start interval, so the figure speaks for runs without Down.
     */
    private static String largestGap(List<Double> times, List<Double> gcTimes) {
        double largest = 0;
        double at = 0;
        for (int i = 1; i < times.size(); i++) {
            double gap = times.get(i) - times.get(i - 1);
            if (gap > largest) {
                largest = gap;
                at = times.get(i);
            }
        }
        double sinceGc = Double.NaN;
        for (double gc : gcTimes) {
            if (gc <= at) {
                sinceGc = at - gc;
            }
        }
        return Double.isNaN(sinceGc) ? String.format("%.1f ms (before the first forced GC)", largest * 1000)
                : String.format("%.1f ms (ended %.1f s after a forced GC)", largest * 1000, sinceGc);
    }

    /** The machine's 1-minute load average: a false Down on a starved machine says so. */
    private static String loadAverage() throws IOException {
        return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    }

    private static long countDowns(String birdEvents) {
        return birdEvents.lines().filter(l -> l.contains("bfd1: Session") && l.contains("to Down")).count();
    }

}
