package io.barelb.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import io.barelb.testkit.NetnsLab;
import io.barelb.testkit.Requirements;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The control-plane VIP of {@code docs/standalone.md} with the assembled product, in network namespaces
 * ({@link VirtualIpLab}): three nodes, each with an HTTP backend and {@code bin/barelb speaker --static}; one
 * {@code VirtualIP} gated by a {@code HealthCheck} of that backend. The VIP is answered by exactly the node the
 * election picks among the live nodes with a healthy backend; it moves when the owner's speaker is killed and when
 * only its backend stops; it never has two owners (every client question of the run, captured by tcpdump, got
 * answers from one MAC at most); {@code barelb status} says who holds it and why; and a static file truncated to
 * zero bytes and written again withdraws nothing.
 */
class VirtualIpLabIT {

    private static final Duration CONVERGENCE = Duration.ofSeconds(40);
    /** "Within a few seconds": generous for a loaded 2-core machine; the figures are measured by the benchmark. */
    private static final Duration FAILOVER = Duration.ofSeconds(10);
    private static final Set<Integer> ALL = Set.of(1, 2, 3);

    private VirtualIpLab vip;

    @BeforeEach
    void buildLab() throws IOException {
        Requirements.requireRoot();
        Requirements.requireCommands("ip", "arping", "setpriv", "socat", "tcpdump");
        Requirements.requireLibrary("libpcap.so.0.8");
        vip = new VirtualIpLab("vp", 3);
        assertThat(vip.distribution().resolve("bin/barelb")).as("assembled launcher").isExecutable();
        vip.build();
        vip.startCapture();
        ALL.forEach(this::startBackend);
    }

    @AfterEach
    void tearDown() {
        if (vip != null) {
            vip.close();
        }
    }

    @Test
    void theVipFollowsAWorkingBackendWithOneOwnerAtATime() throws Exception {
        // node-1 first, so the others join its group rather than forming groups of one and merging later
        vip.startSpeaker(1);
        vip.await(CONVERGENCE, "node-1 to hold " + VirtualIpLab.VIP + " alone", () -> vip.holds(1));
        vip.startSpeaker(2);
        vip.startSpeaker(3);
        awaitMembers(ALL);
        int owner = VirtualIpLab.electedOwner(ALL);
        awaitAnswersFrom(owner, CONVERGENCE, "the elected node-" + owner + " alone to answer for the VIP");
        for (int i : ALL) {
            String status = Files.readString(Path.of("/proc", vip.lab.pid(VirtualIpLab.speaker(i)) + "", "status"));
            assertThat(status).as("node-%d's speaker process", i).contains("Name:\tjava").contains("CapEff:\t0000000000002000");
        }
        vip.startAsking();

        // (1) one owner, and the operator can see it without Kubernetes
        assertThat(vip.arpingMacs()).as(vip.describe()).containsExactly(NetnsLab.nodeMac(owner));
        assertThat(vip.speakerLog(owner)).contains("node node-" + owner + " holds " + VirtualIpLab.VIP
                + " (layer2, VirtualIP/control-plane): backend healthy (" + VirtualIpLab.RISE + "/" + VirtualIpLab.RISE + ")");
        String status = barelbStatus(ALL);
        assertThat(status).contains(VirtualIpLab.VIP + " (layer2): held by node-" + owner)
                .contains("backend healthy").contains("HTTP GET 127.0.0.1:8080/readyz");

        // (2) SIGKILL to the owner's speaker: the next in the election answers
        Set<Integer> survivors = without(ALL, owner);
        int next = VirtualIpLab.electedOwner(survivors);
        long killedAt = vip.killSpeaker(owner);
        awaitAnswersFrom(next, FAILOVER, "node-" + next + " to answer after node-" + owner + "'s speaker was killed");
        report("speaker killed", next, killedAt);

        // the killed speaker comes back: once its backend has risen it takes part again, one owner at a time
        vip.startSpeaker(owner);
        awaitMembers(ALL);
        awaitAnswersFrom(owner, CONVERGENCE, "node-" + owner + " to hold the VIP again after it rejoined");

        // (3) the owner's backend stops while its speaker runs: the node gives the VIP up, the next answers
        long failedAt = vip.stopBackend(owner);
        awaitAnswersFrom(next, FAILOVER, "node-" + next + " to answer after node-" + owner + "'s backend stopped");
        report("backend failed", next, failedAt);
        assertThat(vip.lab.alive(VirtualIpLab.speaker(owner))).as("node-%d's speaker still runs", owner).isTrue();
        vip.await(CONVERGENCE, "node-" + owner + " to log why it gave the VIP up",
                () -> vip.speakerLog(owner).contains("node node-" + owner + " gave up " + VirtualIpLab.VIP
                        + " (layer2, VirtualIP/control-plane): backend failing (fall " + VirtualIpLab.FALL + ")"));
        assertThat(barelbStatus(ALL)).contains(VirtualIpLab.VIP + " (layer2): held by node-" + next)
                .containsPattern("node-" + owner + " +" + VirtualIpLab.VIP.replace(".", "\\.") + " .*WITHHELD");

        // (4) the backend is restored: the VIP moves back as the election says, never answered by two nodes
        startBackend(owner);
        awaitAnswersFrom(owner, CONVERGENCE, "node-" + owner + " to hold the VIP again once its backend rose");

        // (5) the owner's file truncated to zero bytes (a > redirect) and written again: nothing is withdrawn
        long truncatedAt = System.currentTimeMillis();
        Path file = vip.folder(owner).resolve("vip.yaml");
        Files.write(file, new byte[0]);
        vip.await(CONVERGENCE, "node-" + owner + " to notice the empty file",
                () -> vip.speakerLog(owner).contains("vip.yaml is empty: taken for a write in progress"));
        Files.writeString(file, VirtualIpLab.vipYaml());
        awaitAnsweredSince(truncatedAt + 1000, "the client's questions to be answered after the rewrite");
        assertThat(vip.answeringMacsSince(truncatedAt)).as("answers since the truncation").containsExactly(NetnsLab.nodeMac(owner));
        assertThat(vip.holds(owner)).isTrue();
        assertThat(vip.arpingMacs()).containsExactly(NetnsLab.nodeMac(owner));

        // never two owners at once, over the whole run
        assertThat(vip.doubleAnswers()).as("client questions answered by two MACs").isEmpty();
        assertThat(vip.frames().stream().filter(VirtualIpLab.Frame::question).count())
                .as("the client kept asking through the run").isGreaterThan(100);
    }

    // ---- helpers

    private void startBackend(int i) {
        try {
            vip.startBackend(i);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void awaitMembers(Set<Integer> members) throws InterruptedException {
        for (int i : members) {
            vip.await(CONVERGENCE, "node-" + i + " to see " + members + " in its membership view",
                    () -> vip.seesMembers(i, members));
        }
    }

    private void awaitAnswersFrom(int node, Duration limit, String what) throws InterruptedException {
        vip.await(limit, what, () -> vip.arpingMacs().equals(Set.of(NetnsLab.nodeMac(node))));
    }

    /** Waits until a client question asked after {@code sinceMillis} is answered (by anyone). */
    private void awaitAnsweredSince(long sinceMillis, String what) throws InterruptedException {
        vip.await(CONVERGENCE, what, () -> !vip.answeringMacsSince(sinceMillis).isEmpty());
    }

    private void report(String event, int survivor, long atMillis) throws InterruptedException {
        vip.await(CONVERGENCE, "a gratuitous ARP from node-" + survivor,
                () -> vip.firstGratuitous(NetnsLab.nodeMac(survivor), atMillis) > 0);
        double first = vip.firstGratuitous(NetnsLab.nodeMac(survivor), atMillis);
        System.out.printf("virtual IP lab: %s -> node-%d's first gratuitous ARP after %.0f ms%n", event, survivor,
                first * 1000 - atMillis);
    }

    private String barelbStatus(Set<Integer> nodes) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of(vip.distribution().resolve("bin/barelb").toString(),
                "status"));
        nodes.stream().sorted().forEach(i -> command.addAll(List.of("--speaker", NetnsLab.nodeIp(i) + ":"
                + VirtualIpLab.METRICS_PORT)));
        String output = vip.lab.execAllowingFailure(vip.lab.clientNs(), command.toArray(String[]::new));
        System.out.println("barelb status:\n" + output);
        return output;
    }

    private static Set<Integer> without(Set<Integer> nodes, int node) {
        return nodes.stream().filter(i -> i != node).collect(Collectors.toCollection(TreeSet::new));
    }
}
