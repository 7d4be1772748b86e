package io.barelb.announcer.layer2;

import static org.assertj.core.api.Assertions.assertThat;

import io.barelb.api.net.IpAddress;
import io.barelb.testkit.Requirements;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The layer2 announcer for real: three node namespaces, each running a mini speaker JVM with the plugin, and a
 * client namespace asking with arping, ndisc6 and TCP. The speakers' membership runs on a separate management
 * network (eth1), and the addresses are advertised on eth0 only ({@code interfaces: [eth0]}), so setting eth0
 * down exercises the data-path health check rather than the failure detector. One lab for the class (building it and starting three JVMs
 * is the slow part); every test leaves the lab converged as it found it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class Layer2LabIT {

    private static final int NODES = 3;
    private static final Pattern ARPING_REPLY = Pattern.compile("bytes from ([0-9a-f:]{17}) \\(" + Pattern.quote(MiniSpeakerLab.VIP));
    private static final Pattern NDISC6_REPLY = Pattern.compile("Target link-layer address: ([0-9A-Fa-f:]{17})");
    private static final Duration CONVERGENCE = Duration.ofSeconds(30);

    private static MiniSpeakerLab lab;

    @BeforeAll
    static void buildLab() throws Exception {
        Requirements.requireRoot();
        Requirements.requireCommands("ip", "arping", "ndisc6", "tcpdump", "socat", "setpriv");
        Requirements.requireLibrary("libpcap.so.0.8");
        lab = new MiniSpeakerLab(NODES, true).build();
        // a generous heartbeat timeout: on a loaded 2-core CI machine a paused JVM must not be declared dead; the
        // tests kill speakers (seen through closed sockets) and cut eth0 (seen through published link health),
        // neither of which waits for this timeout
        lab.membershipTimeoutMillis(2000);
        for (int i = 1; i <= NODES; i++) {
            lab.writeState(i, state(allNodes()));
            lab.background(lab.nodeNs(i), "socat-" + i + ".log", "socat", "TCP-LISTEN:8080,reuseaddr,fork",
                    "SYSTEM:echo " + MiniSpeakerLab.nodeName(i));
        }
        // start the first speaker alone so the others join it rather than each forming a group of one
        lab.startSpeaker(1);
        lab.await(CONVERGENCE, "node-1 to announce", () -> lab.announcers(MiniSpeakerLab.VIP).contains(1));
        for (int i = 2; i <= NODES; i++) {
            lab.startSpeaker(i);
        }
        awaitOwner(MiniSpeakerLab.VIP, expectedOwner(MiniSpeakerLab.VIP, allNodes()));
        awaitOwner(MiniSpeakerLab.VIP6, expectedOwner(MiniSpeakerLab.VIP6, allNodes()));
    }

    @AfterAll
    static void tearDown() {
        if (lab != null) {
            lab.close();
        }
    }

    @AfterEach
    void restore() throws Exception {
        if (lab == null) {
            return;
        }
        for (int i = 1; i <= NODES; i++) {
            lab.exec(lab.nodeNs(i), "ip", "link", "set", "eth0", "up");
            lab.writeState(i, state(allNodes()));
            if (!lab.speakerAlive(i)) {
                lab.startSpeaker(i);
            }
        }
        awaitOwner(MiniSpeakerLab.VIP, expectedOwner(MiniSpeakerLab.VIP, allNodes()));
        awaitOwner(MiniSpeakerLab.VIP6, expectedOwner(MiniSpeakerLab.VIP6, allNodes()));
    }

    @Test
    @Order(1)
    void arpingGetsRepliesFromTheElectedOwnerOnly() throws IOException {
        int owner = expectedOwner(MiniSpeakerLab.VIP, allNodes());

        Set<String> macs = arpingMacs();

        assertThat(macs).containsExactly(MiniSpeakerLab.nodeMac(owner));
        assertThat(lab.metric(owner, "barelb_layer2_responses_sent_total{ip=\"" + MiniSpeakerLab.VIP + "\"}")).isPositive();
        assertThat(lab.status(owner)).contains("status " + MiniSpeakerLab.VIP + " true eth0 | announcing from node node-" + owner);
    }

    @Test
    @Order(1)
    void theSpeakersHoldCapNetRawAndNothingElse() throws IOException {
        for (int i = 1; i <= NODES; i++) {
            String status = java.nio.file.Files.readString(java.nio.file.Path.of("/proc", lab.speakerPid(i) + "", "status"));

            assertThat(status).contains("CapEff:\t0000000000002000").contains("CapPrm:\t0000000000002000");
        }
    }

    @Test
    @Order(2)
    void ndisc6GetsAdvertisementsFromTheElectedOwnerOnly() throws IOException {
        int owner = expectedOwner(MiniSpeakerLab.VIP6, allNodes());

        String output = lab.execAllowingFailure(lab.clientNs(), "ndisc6", "-m", "-n", "-r", "2", "-w", "500",
                MiniSpeakerLab.VIP6, "eth0");

        Set<String> macs = matches(NDISC6_REPLY, output).stream().map(String::toLowerCase).collect(Collectors.toSet());
        assertThat(macs).as(output).containsExactly(MiniSpeakerLab.nodeMac(owner));
    }

    @Test
    @Order(3)
    void tcpToTheVipReachesTheOwnersNamespace() throws IOException {
        int owner = expectedOwner(MiniSpeakerLab.VIP, allNodes());

        String answer = lab.exec(lab.clientNs(), "socat", "-T", "3", "-", "TCP:" + MiniSpeakerLab.VIP + ":8080,connect-timeout=3");

        assertThat(answer.trim()).isEqualTo(MiniSpeakerLab.nodeName(owner));
    }

    @Test
    @Order(4)
    void killingTheOwnersSpeakerMovesTheClientsNeighbourEntry() throws Exception {
        int owner = expectedOwner(MiniSpeakerLab.VIP, allNodes());
        List<String> survivors = allNodes().stream().filter(n -> !n.equals(MiniSpeakerLab.nodeName(owner))).toList();
        int next = expectedOwner(MiniSpeakerLab.VIP, survivors);
        primeNeighbourEntry(owner);
        Process capture = startArpCapture("kill");

        long killedAt = lab.killSpeaker(owner);

        awaitOwner(MiniSpeakerLab.VIP, next);
        lab.await(Duration.ofSeconds(10), "the client's neighbour entry to move to node-" + next,
                () -> neighbourMac().equals(MiniSpeakerLab.nodeMac(next)));
        long firstGratuitous = lab.firstGratuitousAfter("arp-kill.log", MiniSpeakerLab.nodeMac(next), killedAt);
        capture.destroyForcibly();
        System.out.printf("layer2 failover (speaker killed): %d ms from SIGKILL to the first gratuitous ARP%n",
                firstGratuitous - killedAt);
        assertThat(firstGratuitous).isGreaterThanOrEqualTo(killedAt);
        assertThat(arpingMacs()).containsExactly(MiniSpeakerLab.nodeMac(next));
    }

    @Test
    @Order(5)
    void settingTheOwnersLinkDownMovesTheAddress() throws Exception {
        int owner = expectedOwner(MiniSpeakerLab.VIP, allNodes());
        List<String> survivors = allNodes().stream().filter(n -> !n.equals(MiniSpeakerLab.nodeName(owner))).toList();
        int next = expectedOwner(MiniSpeakerLab.VIP, survivors);
        primeNeighbourEntry(owner);
        Process capture = startArpCapture("linkdown");
        String byNetlink = "barelb_layer2_link_changes_total{source=\"netlink\"}";
        String eth0Events = "barelb_layer2_link_events_total{interface=\"eth0\"}";
        long changesBefore = lab.metric(owner, byNetlink);
        long eventsBefore = lab.metric(owner, eth0Events);

        long downAt = System.currentTimeMillis();
        lab.exec(lab.nodeNs(owner), "ip", "link", "set", "eth0", "down");

        lab.await(Duration.ofSeconds(10), "the client's neighbour entry to move to node-" + next,
                () -> neighbourMac().equals(MiniSpeakerLab.nodeMac(next)));
        long firstGratuitous = lab.firstGratuitousAfter("arp-linkdown.log", MiniSpeakerLab.nodeMac(next), downAt);
        capture.destroyForcibly();
        System.out.printf("layer2 failover (owner's link down): %d ms from link down to the first gratuitous ARP%n",
                firstGratuitous - downAt);
        lab.await(Duration.ofSeconds(5), "node-" + owner + " to report it no longer announces",
                () -> lab.status(owner).contains("status " + MiniSpeakerLab.VIP + " false  | owner is node-" + next));
        // the owner saw the change through netlink (its poll runs only every 2 s as a backstop)
        lab.await(Duration.ofSeconds(5), "node-" + owner + " to count the netlink link event",
                () -> lab.metric(owner, eth0Events) > eventsBefore && lab.metric(owner, byNetlink) > changesBefore);
        assertThat(arpingMacs()).containsExactly(MiniSpeakerLab.nodeMac(next));
    }

    @Test
    @Order(6)
    void withExternalTrafficPolicyLocalOnlyTheNodeWithAnEndpointAnswers() throws Exception {
        int winner = expectedOwner(MiniSpeakerLab.VIP, allNodes());
        int endpointNode = winner % NODES + 1;
        for (int i = 1; i <= NODES; i++) {
            lab.writeState(i, "service=default/web address=" + MiniSpeakerLab.VIP + " candidates="
                    + MiniSpeakerLab.nodeName(endpointNode) + " interfaces=eth0 local=true\n");
        }

        awaitOwner(MiniSpeakerLab.VIP, endpointNode);

        assertThat(arpingMacs()).containsExactly(MiniSpeakerLab.nodeMac(endpointNode));
        assertThat(lab.status(winner)).contains("status " + MiniSpeakerLab.VIP + " false  | owner is node-" + endpointNode);
    }

    @Test
    @Order(7)
    void malformedFramesAreCountedAndTheResponderKeepsAnswering() throws Exception {
        int owner = expectedOwner(MiniSpeakerLab.VIP, allNodes());
        java.nio.file.Path frames = lab.dir().resolve("malformed.hex");
        java.nio.file.Files.write(frames, MalformedFrames.hexLines(new java.util.Random(20261126L), 200));

        lab.exec(lab.clientNs(), MiniSpeakerLab.javaBin(), "-cp", MiniSpeakerLab.testClassPath(), FrameInjector.class.getName(),
                "eth0", frames.toString());

        lab.await(Duration.ofSeconds(5), "malformed frames to be counted on node-" + owner,
                () -> lab.metric(owner, "barelb_layer2_malformed_frames_total{interface=\"eth0\"}") > 0);
        assertThat(IntStream.rangeClosed(1, NODES).allMatch(lab::speakerAlive)).isTrue();
        assertThat(arpingMacs()).containsExactly(MiniSpeakerLab.nodeMac(owner));
    }

    // ---- helpers

    private static List<String> allNodes() {
        return IntStream.rangeClosed(1, NODES).mapToObj(MiniSpeakerLab::nodeName).toList();
    }

    private static String state(List<String> candidates) {
        String list = String.join(",", candidates);
        return "service=default/web address=" + MiniSpeakerLab.VIP + " candidates=" + list + " interfaces=eth0\n"
                + "service=default/web6 address=" + MiniSpeakerLab.VIP6 + " candidates=" + list + " interfaces=eth0\n";
    }

    private static int expectedOwner(String address, List<String> candidates) {
        String node = OwnerElection.owner(IpAddress.parse(address), candidates).orElseThrow();
        return Integer.parseInt(node.substring("node-".length()));
    }

    /** Waits until exactly {@code owner} announces and every other live speaker names it as owner. */
    private static void awaitOwner(String address, int owner) throws InterruptedException {
        lab.await(CONVERGENCE, "node-" + owner + " to be the only announcer of " + address, () ->
                lab.announcers(address).equals(List.of(owner))
                        && IntStream.rangeClosed(1, NODES).filter(i -> i != owner && lab.speakerAlive(i))
                        .allMatch(i -> lab.status(i).contains("status " + address + " false  | owner is node-" + owner)
                                || lab.status(i).contains("status " + address + " false  | no candidate")));
    }

    private static Set<String> arpingMacs() throws IOException {
        String output = lab.execAllowingFailure(lab.clientNs(), "arping", "-i", "eth0", "-c", "3", "-W", "0.2",
                MiniSpeakerLab.VIP);
        return Set.copyOf(matches(ARPING_REPLY, output));
    }

    private static List<String> matches(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        java.util.ArrayList<String> found = new java.util.ArrayList<>();
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }

    /** Makes the client's kernel hold a neighbour entry for the VIP pointing at the owner. */
    private static void primeNeighbourEntry(int owner) throws Exception {
        lab.execAllowingFailure(lab.clientNs(), "ip", "neigh", "flush", "dev", "eth0");
        lab.execAllowingFailure(lab.clientNs(), "socat", "-T", "2", "-", "TCP:" + MiniSpeakerLab.VIP + ":8080,connect-timeout=2");
        lab.await(Duration.ofSeconds(5), "the client's neighbour entry to point at node-" + owner,
                () -> neighbourMac().equals(MiniSpeakerLab.nodeMac(owner)));
    }

    private static String neighbourMac() {
        try {
            String line = lab.execAllowingFailure(lab.clientNs(), "ip", "neigh", "show", MiniSpeakerLab.VIP, "dev", "eth0");
            Matcher matcher = Pattern.compile("lladdr ([0-9a-f:]{17})").matcher(line);
            return matcher.find() ? matcher.group(1) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static Process startArpCapture(String name) throws Exception {
        Process capture = lab.background(lab.clientNs(), "arp-" + name + ".log", "tcpdump", "-l", "-n", "-e", "-tt",
                "-i", "eth0", "arp");
        lab.await(Duration.ofSeconds(10), "tcpdump to start", () -> lab.log("arp-" + name + ".log").contains("listening on"));
        return capture;
    }
}
