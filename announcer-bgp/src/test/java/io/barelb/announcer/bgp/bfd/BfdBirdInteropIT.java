package io.barelb.announcer.bgp.bfd;

import static org.assertj.core.api.Assertions.assertThat;

import io.barelb.testkit.Requirements;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Our {@code BfdSessions} (in {@link BfdLabNode}) against BIRD 2's {@code protocol bfd} over a veth pair, IPv4
 * and IPv6 at once, at 100 ms x 3 and 50 ms x 3. Each trial freezes one side with SIGSTOP (no FIN, no
 * AdminDown): with BIRD frozen ours must go Down with diagnostic 1; with ours frozen {@code birdc show bfd
 * sessions} must show Down; after SIGCONT both come Up again. Detection times are printed (and appended to
 * {@code target/bfd-detection.txt}), asserted only loosely: at least the detection time less one interval, at
 * most the detection time plus 1 s. {@code -Dbarelb.bfd.trials=N} sets the trials per timer setting (3).
 */
class BfdBirdInteropIT {

    private static final Duration CONVERGE = Duration.ofSeconds(20);
    /** As the node prints them ({@code InetAddress#getHostAddress}: IPv6 uncompressed). */
    private static final List<String> PEERS = List.of(hostAddress(BfdLab.BIRD_V4), hostAddress(BfdLab.BIRD_V6));

    private static String hostAddress(String literal) {
        try {
            return java.net.InetAddress.getByName(literal).getHostAddress();
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e); // a literal never needs a look-up
        }
    }

    private record Event(String kind, String peer, int diagnostic, long micros) {
    }

    @ParameterizedTest(name = "{0} ms x {1}")
    @CsvSource({"100, 3", "50, 3"})
    void comesUpDetectsAFrozenPeerEitherWayAndRecovers(int intervalMillis, int multiplier) throws Exception {
        Requirements.requireRoot();
        Requirements.requireCommands("ip", "bird", "birdc", "kill");
        int trials = Integer.getInteger("barelb.bfd.trials", 3);
        long detectionMicros = (long) intervalMillis * multiplier * 1_000;
        List<Long> ours4 = new ArrayList<>();
        List<Long> ours6 = new ArrayList<>();
        List<Long> birds = new ArrayList<>();
        try (BfdLab lab = new BfdLab().build()) {
            lab.startBird(intervalMillis, multiplier);
            lab.await(CONVERGE, "BIRD's control socket", () -> birdAnswers(lab));
            lab.startNode(intervalMillis, multiplier);
            awaitUp(lab, 0);
            lab.await(CONVERGE, "our status to show the negotiated timers", () -> PEERS.stream().allMatch(peer ->
                    lastStatus(lab, peer).endsWith(" Up " + intervalMillis * 1_000 + " " + detectionMicros)
                            || lastStatus(lab, peer).contains(" Up " + intervalMillis * 1_000 + " " + detectionMicros + " ")));

            for (int trial = 1; trial <= trials; trial++) {
                // BIRD frozen: ours detects
                int mark = events(lab).size();
                long frozen = lab.signal("bird", "STOP");
                lab.await(CONVERGE, "our Down for both peers", () -> PEERS.stream().allMatch(p -> firstAfter(lab, mark, "DOWN", p) != null));
                for (String peer : PEERS) {
                    Event down = firstAfter(lab, mark, "DOWN", peer);
                    assertThat(down.diagnostic()).as("diag of our Down for %s", peer).isEqualTo(1);
                    long measured = down.micros() - frozen;
                    (peer.contains(":") ? ours6 : ours4).add(measured);
                    assertThat(measured).as("our detection of frozen BIRD (%s), us", peer)
                            .isBetween(detectionMicros - intervalMillis * 1_000L, detectionMicros + 1_000_000);
                }
                lab.signal("bird", "CONT");
                awaitUp(lab, mark);

                // ours frozen: BIRD detects
                int resumeMark = events(lab).size();
                long stopped = lab.signal("node", "STOP");
                long birdDown = 0;
                long deadline = System.nanoTime() + CONVERGE.toNanos();
                while (System.nanoTime() < deadline) {
                    Map<String, String> states = lab.birdSessions();
                    if (states.get(BfdLab.NODE_V4) != null && !"Up".equals(states.get(BfdLab.NODE_V4))
                            && states.get(BfdLab.NODE_V6) != null && !"Up".equals(states.get(BfdLab.NODE_V6))) {
                        birdDown = BfdLabNode.micros();
                        break;
                    }
                    Thread.sleep(2);
                }
                String seen = lab.birdc("show", "bfd", "sessions");
                lab.signal("node", "CONT");
                assertThat(birdDown).as("BIRD shows Down for our frozen side:\n%s", seen).isPositive();
                assertThat(seen).contains("Down");
                birds.add(birdDown - stopped);
                assertThat(birdDown - stopped).as("BIRD's detection of our frozen side, us (polled)")
                        .isLessThan(detectionMicros + 1_000_000);
                awaitUp(lab, resumeMark);
                lab.await(CONVERGE, "BIRD Up again", () -> bothBirdUp(lab));
            }
        }
        String report = String.format("BFD %d ms x %d, %d trials: ours (BIRD frozen) IPv4 %s, IPv6 %s; BIRD (ours frozen, "
                        + "birdc polled) %s; detection time %d ms%n", intervalMillis, multiplier, trials, summary(ours4),
                summary(ours6), summary(birds), detectionMicros / 1_000);
        System.out.print(report);
        Files.writeString(Path.of("target", "bfd-detection.txt"), report, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static String summary(List<Long> micros) {
        List<Long> sorted = new ArrayList<>(micros);
        Collections.sort(sorted);
        long p50 = sorted.get((sorted.size() - 1) / 2);
        long p99 = sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * 0.99) - 1));
        return String.format("min %.1f p50 %.1f p99 %.1f max %.1f ms", sorted.get(0) / 1000.0, p50 / 1000.0, p99 / 1000.0,
                sorted.get(sorted.size() - 1) / 1000.0);
    }

    private static void awaitUp(BfdLab lab, int mark) throws InterruptedException {
        lab.await(CONVERGE, "our Up for both peers", () -> PEERS.stream().allMatch(peer -> {
            List<Event> all = events(lab);
            for (int i = all.size() - 1; i >= mark; i--) {
                if (all.get(i).peer().equals(peer)) {
                    return all.get(i).kind().equals("UP");
                }
            }
            return false;
        }));
        lab.await(CONVERGE, "BIRD Up for both", () -> bothBirdUp(lab));
    }

    private static boolean bothBirdUp(BfdLab lab) {
        try {
            Map<String, String> states = lab.birdSessions();
            return "Up".equals(states.get(BfdLab.NODE_V4)) && "Up".equals(states.get(BfdLab.NODE_V6));
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean birdAnswers(BfdLab lab) {
        try {
            return lab.birdc("show", "status").contains("Daemon is up");
        } catch (IOException e) {
            return false;
        }
    }

    private static Event firstAfter(BfdLab lab, int mark, String kind, String peer) {
        List<Event> all = events(lab);
        for (int i = mark; i < all.size(); i++) {
            if (all.get(i).kind().equals(kind) && all.get(i).peer().equals(peer)) {
                return all.get(i);
            }
        }
        return null;
    }

    private static List<Event> events(BfdLab lab) {
        List<Event> events = new ArrayList<>();
        for (String line : lab.nodeLog().split("\n")) {
            String[] f = line.trim().split(" ");
            if (f[0].equals("UP") && f.length == 3) {
                events.add(new Event("UP", f[1], 0, Long.parseLong(f[2])));
            } else if (f[0].equals("DOWN") && f.length == 4) {
                events.add(new Event("DOWN", f[1], Integer.parseInt(f[2]), Long.parseLong(f[3])));
            }
        }
        return events;
    }

    private static String lastStatus(BfdLab lab, String peer) {
        String last = "";
        for (String line : lab.nodeLog().split("\n")) {
            if (line.startsWith("STATUS " + peer + " ")) {
                last = line.trim();
            }
        }
        return last;
    }
}
