package io.barelb.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import io.barelb.testkit.NetnsLab;
import io.barelb.testkit.Requirements;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The assembled speaker against BIRD 2 for what the speaker does beside dialling (root and bird2 required; skipped
 * with the reason otherwise, failed under CI=true): graceful restart (RFC 4724) as the restarting speaker, and
 * incoming connections on port 179 with TCP MD5. A router namespace runs BIRD (203.0.113.1, and 203.0.113.3 for
 * a stranger), a node namespace {@code bin/barelb speaker --static DIR --node node-1} (203.0.113.2), one veth
 * pair between them. Two Services hold 198.51.100.10 (stays) and 198.51.100.11 (its ingress removed while the
 * speaker is down).
 */
class BgpGracefulRestartLabIT {

    private static final String KEPT = "198.51.100.10/32";
    private static final String REMOVED = "198.51.100.11/32";
    private static final Duration CONVERGENCE = Duration.ofSeconds(60);
    private static final String SPEAKER = "speaker";
    /** How often BIRD's table is read while the speaker is down and coming back. */
    private static final long POLL_MILLIS = 50;

    private final String tag = "bp-gr-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0xFFFF));
    private RouterLink link;
    private NetnsLab processes;
    private Path distribution;
    private Path folder;
    private Path birdConfig;
    private Path birdSocket;

    private String routerNs() {
        return link.routerNs();
    }

    private String nodeNs() {
        return link.nodeNs();
    }

    @BeforeEach
    void buildLab() throws IOException {
        Requirements.requireRoot();
        Requirements.requireCommands("ip", "bird", "birdc", "setpriv", "socat", "ss", "curl");
        distribution = AssembledDistribution.checkedHome();
        processes = new NetnsLab("bp-gr", 0, false); // its processes and folder only: the namespaces are ours
        link = RouterLink.create(tag);
        RouterLink.address(routerNs(), "203.0.113.1/24", "203.0.113.3/24");
        RouterLink.address(nodeNs(), "203.0.113.2/24");
        folder = processes.dir().resolve("static");
        Files.createDirectories(folder);
        write("nodes.yaml", """
                apiVersion: v1
                kind: Node
                metadata: {name: node-1, labels: {kubernetes.io/hostname: node-1}}
                status:
                  conditions: [{type: Ready, status: "True"}]
                  addresses: [{type: InternalIP, address: 203.0.113.2}]
                """);
        write("services.yaml", services(true));
        write("endpoints.yaml", endpoints("web-a") + "---\n" + endpoints("web-b"));
        birdConfig = processes.dir().resolve("bird.conf");
        birdSocket = processes.dir().resolve("bird.ctl");
    }

    @AfterEach
    void tearDown() {
        if (processes != null) {
            processes.close();
        }
        if (link != null) {
            link.close();
        }
    }

    @Test
    void birdKeepsTheRoutesWhileTheSpeakerRestartsAndRefreshesThemAfterEndOfRib() throws Exception {
        write("metallb.yaml", configuration("enableGracefulRestart: true"));
        Files.writeString(birdConfig, birdConfiguration("passive on;"));
        startBird();
        startSpeaker(false);
        await("Established and both routes in BIRD", () -> established() && hasRoute(KEPT) && hasRoute(REMOVED));
        String capabilities = birdc("show", "protocols", "all", "node1");
        assertThat(capabilities).as(capabilities).contains("Graceful restart");
        System.out.printf("bgp gr lab: before the kill:%n%s%n", birdc("show", "route", "all"));

        // SIGKILL: no Cease, the kernel closes the socket; BIRD must keep our routes as stale
        AtomicBoolean polling = new AtomicBoolean(true);
        AtomicInteger polls = new AtomicInteger();
        AtomicInteger missing = new AtomicInteger();
        AtomicLong firstMissing = new AtomicLong(-1);
        long killed = processes.kill(SPEAKER);
        Thread poller = new Thread(() -> {
            while (polling.get()) {
                String route;
                try {
                    // birdc straight to BIRD's socket (no ip netns exec): a poll takes a few ms
                    route = NetnsLab.run("birdc", "-s", birdSocket.toString(), "show", "route", "all", "for", KEPT);
                } catch (IOException e) {
                    route = null; // BIRD busy: not a poll
                }
                if (route != null) {
                    polls.incrementAndGet();
                }
                if (route != null && !route.contains(KEPT)) {
                    missing.incrementAndGet();
                    firstMissing.compareAndSet(-1, System.currentTimeMillis() - killed);
                }
                try {
                    Thread.sleep(POLL_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "bird-poller");
        poller.start();
        try {
            await("BIRD to notice the speaker is gone", () -> !established());
            String during = birdc("show", "protocols", "all", "node1");
            assertThat(during).as(during).contains("Neighbor graceful restart active");
            System.out.printf("bgp gr lab: BIRD while the speaker is down:%n%s%n%s%n", during,
                    birdc("show", "route", "all"));
            // while down, the second Service loses its address: the restarted speaker must not announce it
            write("services.yaml", services(false));
            long restarted = System.currentTimeMillis();
            startSpeaker(false);
            await("re-established", this::established);
            long up = System.currentTimeMillis();
            await("the removed route gone and graceful restart over after End-of-RIB", () -> !hasRoute(REMOVED)
                    && !birdc("show", "protocols", "all", "node1").contains("Neighbor graceful restart active"));
            long flushed = System.currentTimeMillis();
            Thread.sleep(500); // a few more polls after the refresh
            polling.set(false);
            poller.join(5_000);
            System.out.printf("bgp gr lab: re-established %d ms after the restart (%d ms after the kill); removed"
                            + " route flushed and graceful restart over %d ms after re-establishment; %d polls (one per %d ms),"
                            + " %d without %s%n",
                    up - restarted, up - killed, flushed - up, polls.get(),
                    (System.currentTimeMillis() - killed) / Math.max(1, polls.get()), missing.get(), KEPT);
            assertThat(missing.get()).as("polls that found %s missing (first %d ms after the kill)", KEPT,
                    firstMissing.get()).isZero();
            assertThat(polls.get()).as("BIRD was read all along").isGreaterThan(10);
        } finally {
            polling.set(false);
            poller.interrupt();
        }
        String after = birdc("show", "route", "all", "for", KEPT);
        System.out.printf("bgp gr lab: after End-of-RIB:%n%s%n", after);
        // BIRD 2 shows no per-route stale mark; "Neighbor graceful restart active" lasts until the stale routes
        // are refreshed or flushed, which the End-of-RIB triggers
        assertThat(after).as(after).contains(KEPT).contains("via 203.0.113.2");
        String log = processes.log(SPEAKER + ".log");
        assertThat(log).contains("established with AS64513");
    }

    @Test
    void birdDialsTheSpeakerOnPort179WithMd5AndAStrangerIsRefused() throws Exception {
        // the speaker's own dials go to port 1179, where nothing listens: only BIRD's connection to us can work
        write("metallb.yaml", configuration("peerPort: 1179, password: s3cret"));
        Files.writeString(birdConfig, birdConfiguration("password \"s3cret\"; connect delay time 1;"
                + " connect retry time 2;"));
        startBird();
        startSpeaker(true);
        await("Established over BIRD's connection and the route in BIRD", () -> established() && hasRoute(KEPT));
        String sockets = processes.execAllowingFailure(nodeNs(), "ss", "-tnH", "state", "established");
        // Netty's epoll sockets are IPv6 ones: an IPv4 peer shows as ::ffff:203.0.113.1
        assertThat(sockets).as("BIRD dialled our port 179: %s", sockets)
                .containsPattern("203\\.0\\.113\\.2\\]?:179\\s+\\S*203\\.0\\.113\\.1\\]?:\\d+");
        String status = Files.readString(Path.of("/proc", processes.pid(SPEAKER) + "", "status"));
        assertThat(status).as("only CAP_NET_BIND_SERVICE").contains("Name:\tjava")
                .contains("CapEff:\t0000000000000400");

        // a connection from an address that is no BGPPeer is closed at once and logged
        processes.execAllowingFailure(routerNs(), "socat", "-T", "2", "-u", "TCP:203.0.113.2:179,bind=203.0.113.3,"
                + "connect-timeout=2", "/dev/null");
        await("the stranger's refusal in the log", () -> processes.log(SPEAKER + ".log")
                .contains("refused a connection from 203.0.113.3"));
        assertThat(established()).as("the session stayed up").isTrue();
        await("the refusal counted in /metrics", () -> java.util.regex.Pattern
                .compile("(?m)^barelb_bgp_refused_connections_total(\\{})? 1(\\.0)?$").matcher(metrics()).find());
        assertThat(processes.log(SPEAKER + ".log")).contains("took the connection the peer opened");
    }

    @Test
    void whenBothSidesDialOneConnectionRemainsAndTheSessionStays() throws Exception {
        // BIRD dials and so does the speaker, which also listens: whether the attempts cross (a §6.8 collision,
        // which ours wins: BIRD's identifier 203.0.113.1 is below our 203.0.113.2) is up to timing; either way
        // one connection must remain and the session must not flap. The crossing itself is unit-tested
        // (BgpPeerSessionCollisionTest, BgpFsmCollisionTest).
        write("metallb.yaml", configuration("password: s3cret"));
        Files.writeString(birdConfig, birdConfiguration("password \"s3cret\"; connect delay time 1;"
                + " connect retry time 2;"));
        startBird();
        startSpeaker(true);
        await("Established and the route in BIRD", () -> established() && hasRoute(KEPT));
        String since = birdc("show", "protocols", "node1");
        Thread.sleep(5_000);
        assertThat(birdc("show", "protocols", "node1")).as("the session stayed up, not re-established")
                .isEqualTo(since);
        String sockets = processes.execAllowingFailure(nodeNs(), "ss", "-tnH", "state", "established");
        assertThat(sockets.lines().filter(l -> l.contains("203.0.113.1")).count())
                .as("one connection left between the two: %s", sockets).isEqualTo(1);
        System.out.printf("bgp collision lab: %s%nspeaker log:%n%s%n", sockets, processes.log(SPEAKER + ".log")
                .lines().filter(l -> l.contains("BGP peer")).collect(java.util.stream.Collectors.joining("\n")));
    }

    // ---- the static folder and BIRD

    private void write(String name, String text) throws IOException {
        StaticFiles.writeAtomically(folder.resolve(name), text);
    }

    private static String services(boolean bothIngresses) {
        return """
                apiVersion: v1
                kind: Service
                metadata: {namespace: default, name: web-a}
                spec: {type: LoadBalancer, externalTrafficPolicy: Cluster, ports: [{port: 80, protocol: TCP}]}
                status: {loadBalancer: {ingress: [{ip: 198.51.100.10}]}}
                ---
                apiVersion: v1
                kind: Service
                metadata: {namespace: default, name: web-b}
                spec: {type: LoadBalancer, externalTrafficPolicy: Cluster, ports: [{port: 80, protocol: TCP}]}
                status: {loadBalancer: {ingress: [%s]}}
                """.formatted(bothIngresses ? "{ip: 198.51.100.11}" : "");
    }

    private static String endpoints(String service) {
        return """
                apiVersion: discovery.k8s.io/v1
                kind: EndpointSlice
                metadata: {namespace: default, name: %1$s, labels: {kubernetes.io/service-name: %1$s}}
                addressType: IPv4
                endpoints: [{addresses: [198.51.100.200], nodeName: node-1, conditions: {ready: true}}]
                ports: [{port: 80, protocol: TCP}]
                """.formatted(service);
    }

    private static String configuration(String peerFields) {
        return """
                apiVersion: metallb.io/v1beta1
                kind: IPAddressPool
                metadata: {namespace: metallb-system, name: lab}
                spec: {addresses: [198.51.100.0/24]}
                ---
                apiVersion: metallb.io/v1beta2
                kind: BGPPeer
                metadata: {namespace: metallb-system, name: tor}
                spec: {myASN: 64512, peerASN: 64513, peerAddress: 203.0.113.1, connectTime: 1s, %s}
                ---
                apiVersion: metallb.io/v1beta1
                kind: BGPAdvertisement
                metadata: {namespace: metallb-system, name: lab}
                spec: {ipAddressPools: [lab]}
                """.formatted(peerFields);
    }

    private static String birdConfiguration(String extra) {
        return """
                router id 203.0.113.1;
                protocol device { }
                protocol bgp node1 {
                  local 203.0.113.1 as 64513;
                  neighbor 203.0.113.2 as 64512;
                  graceful restart on;
                  error wait time 1, 5;
                  %s
                  ipv4 { import all; export none; gateway direct; };
                }
                """.formatted(extra);
    }

    private void startBird() throws IOException {
        processes.start("bird", routerNs(), Map.of(), List.of("bird", "-f", "-c", birdConfig.toString(), "-s",
                birdSocket.toString(), "-P", processes.dir().resolve("bird.pid").toString()));
    }

    /** The assembled speaker with no capability, or with CAP_NET_BIND_SERVICE only (to listen on 179). */
    private void startSpeaker(boolean bindService) throws IOException {
        processes.start(SPEAKER, nodeNs(), Map.of("JAVA", NetnsLab.javaBin(),
                        "BARELB_JAVA_OPTS", "-Xmx128m -XX:+UseSerialGC -XX:TieredStopAtLevel=1"
                                + " -Dorg.slf4j.simpleLogger.showDateTime=true"
                                + " -Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS"),
                List.of("setpriv", bindService ? "--bounding-set=-all,+net_bind_service" : "--bounding-set=-all",
                        "--inh-caps=-all", distribution.resolve("bin/barelb").toString(), "speaker", "--node", "node-1",
                        "--static", folder.toString(), "--metrics-port", "7473"));
    }

    private String metrics() {
        try {
            return processes.execAllowingFailure(nodeNs(), "curl", "-s", "http://127.0.0.1:7473/metrics");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String birdc(String... words) {
        return new Birdc(processes, routerNs(), birdSocket).run(words);
    }

    private boolean established() {
        return birdc("show", "protocols", "node1").lines().anyMatch(l -> l.startsWith("node1")
                && l.contains("Established"));
    }

    private boolean hasRoute(String prefix) {
        return birdc("show", "route", prefix).contains(prefix);
    }

    private void await(String what, BooleanSupplier condition) throws InterruptedException {
        NetnsLab.await(CONVERGENCE, what, condition, this::describe);
    }

    private String describe() {
        String log = processes.log(SPEAKER + ".log");
        return birdc("show", "protocols", "all", "node1") + "\n" + birdc("show", "route", "all")
                + "\n--- speaker log tail ---\n" + log.substring(Math.max(0, log.length() - 6000));
    }
}
