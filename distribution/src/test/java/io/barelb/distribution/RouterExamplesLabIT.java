package io.barelb.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import io.barelb.testkit.NetnsLab;
import io.barelb.testkit.Requirements;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The router examples of docs/bgp.md, as the files the page shows ({@code docs/examples/routers/}, which
 * {@code DocsIncludesTest} holds equal to the page): BIRD 2 with {@code bird.conf}, FRR with {@code frr.conf}, each
 * in a router namespace ({@code rt-…-r}, 203.0.113.1, 2001:db8:113::1) against {@code bin/barelb speaker --static}
 * in the node namespace (203.0.113.2, 2001:db8:113::2) reading {@code barelb.yaml} and a Service holding
 * 198.51.100.10 and 2001:db8:100::10. The speaker holds {@code CAP_NET_BIND_SERVICE} only, as in the manifest.
 * Checked for each router: the session (TCP MD5) Established, both host routes in the router's table with the
 * node as next hop and AS path 64512, the BFD session Up, and the routes gone within 5 s of freezing the speaker
 * (SIGSTOP: no FIN, only BFD can tell). FRR also without its inbound route-map: the route dropped, {@code (Policy)}
 * in its summary, and back with the route-map. Root, and bird2 or frr; skipped with the reason otherwise, failed under
 * CI=true.
 */
class RouterExamplesLabIT {

    private static final Path EXAMPLES = Path.of("..", "docs", "examples", "routers").toAbsolutePath().normalize();
    private static final String V4 = "198.51.100.10/32";
    private static final String V6 = "2001:db8:100::10/128";
    private static final Duration CONVERGENCE = Duration.ofSeconds(40);
    private static final String SPEAKER = "speaker";

    private final String tag = "rt-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0xFFFF));
    private Path distribution;
    private NetnsLab processes;
    private RouterLink link;
    private FrrRouter frr;

    @BeforeEach
    void buildLab() throws IOException {
        Requirements.requireRoot();
        Requirements.requireCommands("ip", "setpriv", "kill");
        distribution = AssembledDistribution.checkedHome();
        processes = new NetnsLab("rt", 0, false); // its processes and folder only: the namespaces are the link's
        link = RouterLink.createDualStack(tag);
        Path folder = processes.dir().resolve("static");
        Files.createDirectories(folder);
        Files.copy(EXAMPLES.resolve("barelb.yaml"), folder.resolve("barelb.yaml"));
        Files.writeString(folder.resolve("cluster.yaml"), CLUSTER);
    }

    @AfterEach
    void tearDown() {
        if (processes != null) {
            processes.close();
        }
        if (frr != null) {
            frr.close();
        }
        if (link != null) {
            link.close();
        }
    }

    @Test
    void birdExamplePeersWithTheSpeaker() throws Exception {
        Requirements.requireCommands("bird", "birdc");
        Path socket = processes.dir().resolve("bird.ctl");
        processes.start("bird", link.routerNs(), Map.of(), List.of("bird", "-f", "-c",
                EXAMPLES.resolve("bird.conf").toString(), "-s", socket.toString(), "-P",
                processes.dir().resolve("bird.pid").toString()));
        Supplier<String> state = () -> birdc(socket, "show protocols all node1") + birdc(socket, "show bfd sessions")
                + speakerLogTail();
        long started = System.currentTimeMillis();
        startSpeaker();

        await("BIRD's session node1 Established with both routes", () -> birdc(socket, "show protocols node1")
                .contains("Established") && birdc(socket, "show route for " + V4).contains(V4)
                && birdc(socket, "show route for " + V6).contains(V6), state);
        System.out.printf("router examples: BIRD has both routes %d ms after the speaker started (load %s)%n",
                System.currentTimeMillis() - started, loadAverage());
        String v4 = birdc(socket, "show route all for " + V4);
        assertThat(v4).as(v4).contains("via 203.0.113.2").contains("BGP.as_path: 64512");
        String v6 = birdc(socket, "show route all for " + V6);
        assertThat(v6).as(v6).contains("via 2001:db8:113::2").contains("BGP.as_path: 64512");
        await("BIRD's BFD session with the node Up", () -> birdc(socket, "show bfd sessions").lines()
                .anyMatch(l -> l.startsWith("203.0.113.2") && l.contains(" Up ")), state);

        assertOnlyNetBindService();
        assertDroppedWhenFrozen("BIRD", () -> !birdc(socket, "show route for " + V4).contains(V4), state);
    }

    @Test
    void frrExamplePeersWithTheSpeaker() throws Exception {
        FrrRouter.require();
        frr = FrrRouter.start(processes, link.routerNs(), tag, EXAMPLES.resolve("frr.conf"));
        Supplier<String> state = () -> frr.vtysh("show bgp summary", "show bfd peers", "show bgp ipv4 unicast",
                "show bgp ipv6 unicast") + speakerLogTail();
        long started = System.currentTimeMillis();
        startSpeaker();

        await("FRR's session Established with both routes", () -> "Established".equals(neighbor().path("bgpState")
                .asString()) && route("ipv4", V4) != null && route("ipv6", V6) != null, state);
        System.out.printf("router examples: FRR has both routes %d ms after the speaker started (load %s)%n",
                System.currentTimeMillis() - started, loadAverage());
        assertThat(route("ipv4", V4).path("path").asString()).isEqualTo("64512");
        assertThat(route("ipv4", V4).path("nexthops").path(0).path("ip").asString()).isEqualTo("203.0.113.2");
        assertThat(route("ipv6", V6).path("nexthops").path(0).path("ip").asString()).isEqualTo("2001:db8:113::2");
        await("FRR's BFD session with the node up", () -> json(frr.vtysh("show bfd peers json")).valueStream()
                .anyMatch(p -> p.path("peer").asString().equals("203.0.113.2") && p.path("status").asString().equals("up")),
                state);

        // docs/bgp.md: without an inbound policy FRR drops an eBGP neighbor's routes, "(Policy)" in its summary;
        // with it again FRR asks the speaker for its routes (ROUTE-REFRESH) and has them back
        frr.vtysh("configure terminal", "router bgp 64513", "address-family ipv4 unicast",
                "no neighbor 203.0.113.2 route-map barelb-in in");
        await("FRR to drop the IPv4 route without an inbound policy", () -> route("ipv4", V4) == null
                && frr.vtysh("show bgp ipv4 unicast summary").contains("(Policy)"), state);
        frr.vtysh("configure terminal", "router bgp 64513", "address-family ipv4 unicast",
                "neighbor 203.0.113.2 route-map barelb-in in");
        await("the IPv4 route back with the policy", () -> route("ipv4", V4) != null, state);

        assertOnlyNetBindService();
        assertDroppedWhenFrozen("FRR", () -> route("ipv4", V4) == null, state);
    }

    // ---- the speaker

    /** The JVM at the end of the exec chain (ip netns exec, setpriv, the launcher) holds CAP_NET_BIND_SERVICE only. */
    private void assertOnlyNetBindService() throws IOException {
        String status = Files.readString(Path.of("/proc", processes.pid(SPEAKER) + "", "status"));
        assertThat(status).contains("Name:\tjava").contains("CapEff:\t0000000000000400");
    }

    private void startSpeaker() throws IOException {
        processes.start(SPEAKER, link.nodeNs(), Map.of("JAVA", NetnsLab.javaBin(),
                        "BARELB_JAVA_OPTS", "-Xmx128m -XX:+UseSerialGC -XX:TieredStopAtLevel=1"),
                List.of("setpriv", "--bounding-set=-all,+net_bind_service", "--inh-caps=-all",
                        distribution.resolve("bin/barelb").toString(), "speaker", "--node", "node-1", "--static",
                        processes.dir().resolve("static").toString(), "--metrics-port", "0"));
    }

    /** SIGSTOP of the speaker: the router's BFD (100 ms x 3) must drop the route well before the hold time. */
    private void assertDroppedWhenFrozen(String router, BooleanSupplier dropped, Supplier<String> state)
            throws Exception {
        String pid = Long.toString(processes.pid(SPEAKER));
        NetnsLab.run("kill", "-STOP", pid);
        long frozen = System.currentTimeMillis();
        try {
            NetnsLab.await(Duration.ofSeconds(5), router + " to drop " + V4 + " after the speaker froze", dropped, state);
            System.out.printf("router examples: %s dropped %s %d ms after SIGSTOP (load %s)%n", router, V4,
                    System.currentTimeMillis() - frozen, loadAverage());
        } finally {
            NetnsLab.run("kill", "-CONT", pid);
        }
    }

    private String speakerLogTail() {
        String log = processes.log(SPEAKER + ".log");
        return "\n--- speaker log tail ---\n" + log.substring(Math.max(0, log.length() - 5000));
    }

    // ---- the routers

    private String birdc(Path socket, String command) {
        return new Birdc(processes, link.routerNs(), socket).run(command.split(" "));
    }

    private JsonNode neighbor() {
        return json(frr.vtysh("show bgp neighbors 203.0.113.2 json")).path("203.0.113.2");
    }

    /** The best path of {@code prefix} in FRR's table of {@code family}, or null. */
    private JsonNode route(String family, String prefix) {
        JsonNode paths = json(frr.vtysh("show bgp " + family + " unicast json")).path("routes").path(prefix);
        return paths.isArray() && !paths.isEmpty() ? paths.get(0) : null;
    }

    private static JsonNode json(String text) {
        return text.isBlank() ? JsonMapper.shared().createObjectNode() : JsonMapper.shared().readTree(text);
    }

    private static void await(String what, BooleanSupplier condition, Supplier<String> state) throws InterruptedException {
        NetnsLab.await(CONVERGENCE, what, condition, state);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static final String CLUSTER = """
            apiVersion: v1
            kind: Node
            metadata: {name: node-1, labels: {kubernetes.io/hostname: node-1}}
            status:
              conditions: [{type: Ready, status: "True"}]
              addresses: [{type: InternalIP, address: 203.0.113.2}]
            ---
            apiVersion: v1
            kind: Service
            metadata: {namespace: default, name: web}
            spec: {type: LoadBalancer, externalTrafficPolicy: Cluster, ipFamilyPolicy: RequireDualStack,
                   ipFamilies: [IPv4, IPv6], ports: [{port: 80, protocol: TCP}]}
            status: {loadBalancer: {ingress: [{ip: 198.51.100.10}, {ip: "2001:db8:100::10"}]}}
            ---
            apiVersion: discovery.k8s.io/v1
            kind: EndpointSlice
            metadata: {namespace: default, name: web-4, labels: {kubernetes.io/service-name: web}}
            addressType: IPv4
            endpoints: [{addresses: [198.51.100.200], nodeName: node-1, conditions: {ready: true}}]
            ports: [{port: 80, protocol: TCP}]
            ---
            apiVersion: discovery.k8s.io/v1
            kind: EndpointSlice
            metadata: {namespace: default, name: web-6, labels: {kubernetes.io/service-name: web}}
            addressType: IPv6
            endpoints: [{addresses: ["2001:db8:100::200"], nodeName: node-1, conditions: {ready: true}}]
            ports: [{port: 80, protocol: TCP}]
            """;
}
