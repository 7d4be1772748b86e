package io.barelb.announcer.layer2;

import io.barelb.api.net.IpAddress;
import io.barelb.testkit.BenchmarkArguments;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Measures layer2 failover in the namespace lab, trial after trial: the owner's speaker is killed (SIGKILL) or
 * its link set down, and the time is taken from just before that to the first gratuitous ARP from the new owner
 * as captured by tcpdump in the client namespace (both wall clocks of one machine). Between trials the lab is
 * restored and left to converge. Not part of the test run; run as root from {@code announcer-layer2/}:
 * <pre>
 * mvn -B -q -pl announcer-layer2 -am test-compile -DskipTests
 * cd announcer-layer2 && java -cp "$(cat target/test-classpath.txt):target/test-classes:target/classes" \
 *     io.barelb.announcer.layer2.FailoverBenchmark 20 kill shared
 * </pre>
 * The second argument is {@code kill} or {@code linkdown}; the third {@code shared} (membership runs over the
 * announcing eth0) or {@code management} (over a separate eth1, so a link-down is seen through the published
 * data-path health instead of the failure detector's timeout); the optional fourth {@code netlink} (the default)
 * or {@code poll} sets {@code BARELB_LAYER2_LINK_WATCH}, how the speakers notice a link change. The address is
 * advertised on eth0 only. Prints each trial and p50/p90/p99/max, and writes them to
 * {@code target/failover-MODE-NETWORK[-poll].txt}.
 */
public final class FailoverBenchmark {

    private static final int NODES = 3;

    private FailoverBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int trials = BenchmarkArguments.count(args, 0, 20);
        String mode = BenchmarkArguments.word(args, 1, "kill", "linkdown");
        String network = BenchmarkArguments.word(args, 2, "shared", "management");
        String linkWatch = BenchmarkArguments.word(args, 3, "netlink", "poll");
        List<String> all = IntStream.rangeClosed(1, NODES).mapToObj(MiniSpeakerLab::nodeName).toList();
        String state = "service=default/web address=" + MiniSpeakerLab.VIP + " candidates=" + String.join(",", all) + " interfaces=eth0\n";
        int owner = number(OwnerElection.owner(IpAddress.parse(MiniSpeakerLab.VIP), all).orElseThrow());
        int next = number(OwnerElection.owner(IpAddress.parse(MiniSpeakerLab.VIP),
                all.stream().filter(n -> !n.equals(MiniSpeakerLab.nodeName(owner))).toList()).orElseThrow());
        List<Long> results = new ArrayList<>();
        try (MiniSpeakerLab lab = new MiniSpeakerLab(NODES, network.equals("management")).build()) {
            lab.speakerEnvironment("BARELB_LAYER2_LINK_WATCH", linkWatch);
            for (int i = 1; i <= NODES; i++) {
                lab.writeState(i, state);
            }
            lab.startSpeaker(1);
            lab.await(Duration.ofSeconds(30), "node-1 to start", () -> lab.announcers(MiniSpeakerLab.VIP).contains(1));
            for (int i = 2; i <= NODES; i++) {
                lab.startSpeaker(i);
            }
            awaitOnly(lab, owner);
            lab.background(lab.clientNs(), "arp.log", "tcpdump", "-l", "-n", "-e", "-tt", "-i", "eth0", "arp");
            lab.await(Duration.ofSeconds(10), "tcpdump", () -> lab.log("arp.log").contains("listening on"));
            for (int trial = 1; trial <= trials; trial++) {
                Thread.sleep(5500); // let the previous takeover's gratuitous burst finish
                long start;
                if (mode.equals("kill")) {
                    start = lab.killSpeaker(owner);
                } else {
                    start = System.currentTimeMillis();
                    lab.exec(lab.nodeNs(owner), "ip", "link", "set", "eth0", "down");
                }
                long[] seen = {-1};
                lab.await(Duration.ofSeconds(15), "a gratuitous ARP from node-" + next, () -> {
                    seen[0] = TcpdumpArp.firstGratuitous(lab.log("arp.log"), MiniSpeakerLab.nodeMac(next), MiniSpeakerLab.VIP, start);
                    return seen[0] >= 0;
                });
                results.add(seen[0] - start);
                System.out.printf("trial %2d (%s, %s network, %s): %4d ms%n", trial, mode, network, linkWatch,
                        seen[0] - start);
                if (mode.equals("kill")) {
                    lab.startSpeaker(owner);
                } else {
                    lab.exec(lab.nodeNs(owner), "ip", "link", "set", "eth0", "up");
                }
                awaitOnly(lab, owner);
            }
        }
        report(mode + "-" + network + (linkWatch.equals("netlink") ? "" : "-" + linkWatch), results);
    }

    private static void awaitOnly(MiniSpeakerLab lab, int owner) throws InterruptedException {
        lab.await(Duration.ofSeconds(60), "node-" + owner + " alone to announce", () ->
                lab.announcers(MiniSpeakerLab.VIP).equals(List.of(owner))
                        && IntStream.rangeClosed(1, NODES).filter(i -> i != owner)
                        .allMatch(i -> lab.status(i).contains("owner is node-" + owner)));
    }

    private static void report(String mode, List<Long> results) throws Exception {
        List<Long> sorted = new ArrayList<>(results);
        Collections.sort(sorted);
        String summary = String.format("layer2 failover (%s), %d trials: p50 %d ms, p90 %d ms, p99 %d ms, max %d ms, "
                        + "mean %.0f ms; all: %s%n", mode, sorted.size(), percentile(sorted, 50), percentile(sorted, 90),
                percentile(sorted, 99), sorted.get(sorted.size() - 1),
                sorted.stream().mapToLong(Long::longValue).average().orElse(0), results);
        System.out.print(summary);
        Path out = Path.of("target", "failover-" + mode + ".txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, summary);
    }

    /** Nearest-rank percentile. */
    static long percentile(List<Long> sorted, int percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    private static int number(String node) {
        return Integer.parseInt(node.substring("node-".length()));
    }
}
