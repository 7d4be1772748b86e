package io.barelb.demo.network;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code barelb demo --network}: the tutorial's last steps for real. Two node namespaces each run
 * {@code bin/barelb speaker} against the demo's embedded API and a small HTTP server; a client namespace on the
 * same bridge reaches the Service's EXTERNAL-IP with {@code curl} and watches who answers ARP for it; then the
 * owner's speaker is killed and the demo shows the other node taking over, with the time it took, and MetalLB's
 * {@code ServiceL2Status} naming the owner before and the survivor after (the dead owner's object removed).
 *
 * <p>The speakers reach the API, which listens on 127.0.0.1 of the demo's own namespace, through a {@code socat}
 * on 127.0.0.1 of theirs that enters the demo's namespace for each connection ({@code nsenter}): no address is
 * added outside the namespaces the demo makes.
 */
public final class NetworkDemo implements AutoCloseable {

    /** The commands the network demo runs (Debian packages: iproute2, socat, curl, arping, util-linux, coreutils). */
    static final List<String> COMMANDS = List.of("ip", "socat", "curl", "arping", "nsenter", "stdbuf");
    /** The pool the network demo's ConfigMap gives: inside the namespaces' documentation subnet. */
    public static final String POOL = DemoNetwork.PREFIX + "200-" + DemoNetwork.PREFIX + "210";
    private static final int NODES = 2;
    private static final Duration CONVERGENCE = Duration.ofSeconds(60);
    private static final Duration FAILOVER = Duration.ofSeconds(20);
    private static final Duration STATUS_WAIT = Duration.ofSeconds(10);

    private final Path home;
    private final Path logs;
    private final DemoNetwork network;
    private final Map<Integer, Process> speakers = new LinkedHashMap<>();
    private final List<Process> helpers = new ArrayList<>();
    private boolean succeeded;
    private boolean closed;

    private NetworkDemo(Path home, Path logs) {
        this.home = home;
        this.logs = logs;
        this.network = new DemoNetwork(NODES);
    }

    /**
     * Checks that the demo can run here (root, the commands, the assembled launcher) and builds the namespaces.
     *
     * @throws DemoNetworkException saying what is missing and how to get it
     */
    public static NetworkDemo prepare() throws IOException {
        if (!"root".equals(System.getProperty("user.name"))) {
            throw new DemoNetworkException("demo --network makes network namespaces and must run as root (sudo bin/barelb demo --network)");
        }
        List<String> missing = COMMANDS.stream().filter(command -> !Host.installed(command)).toList();
        if (!missing.isEmpty()) {
            throw new DemoNetworkException("demo --network needs the commands " + String.join(", ", missing)
                    + " (Debian: apt-get install iproute2 socat curl arping util-linux coreutils)");
        }
        String homeText = System.getenv("BARELB_HOME");
        if (homeText == null || !Files.isExecutable(Path.of(homeText, "bin", "barelb"))) {
            throw new DemoNetworkException("demo --network starts bin/barelb speaker and needs the assembled distribution:"
                    + " run it as bin/barelb demo --network");
        }
        NetworkDemo demo = new NetworkDemo(Path.of(homeText), Files.createTempDirectory("barelb-demo-network-"));
        // Ctrl-C ends the JVM without the caller's finally: the namespaces and processes must go anyway
        Runtime.getRuntime().addShutdownHook(new Thread(demo::close, "barelb-demo-network-teardown"));
        demo.network.build();
        return demo;
    }

    /** Where the speakers' and servers' logs go. */
    /** Waits (up to {@code CONVERGENCE}) until each speaker's log shows a membership view of every node, then 300 ms. */
    private void awaitFullMembership() throws InterruptedException {
        long deadline = System.nanoTime() + CONVERGENCE.toNanos();
        for (int i = 1; i <= NODES; i++) {
            Path log = logs.resolve("speaker-" + i + ".log");
            while (!seesAllNodes(log) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
        }
        Thread.sleep(300); // the view's hand-over: the old owner stops, the new one starts (HANDBACK is 200 ms)
    }

    private static boolean seesAllNodes(Path log) {
        try {
            return java.nio.file.Files.readAllLines(log).stream().filter(line -> line.contains("layer2 membership view"))
                    .anyMatch(line -> java.util.stream.IntStream.rangeClosed(1, NODES)
                            .allMatch(i -> line.contains(DemoNetwork.nodeName(i))));
        } catch (java.io.IOException | java.io.UncheckedIOException notYet) {
            return false;
        }
    }

    public Path logs() {
        return logs;
    }

    /**
     * Runs the walkthrough for the Service {@code default/nginx} that has {@code address}: Nodes and an
     * EndpointSlice in the API, a speaker and an HTTP server per node, the client's view before and after the
     * owner's speaker is killed.
     *
     * @return what was measured, also printed on {@code out}
     */
    public Outcome run(KubernetesClient client, Path kubeconfig, int apiPort, String address, PrintWriter out)
            throws InterruptedException {
        out.println();
        out.println("network namespaces: client " + DemoNetwork.CLIENT_IP + " (" + network.clientNs() + "), "
                + describeNodes() + ", on one bridge");
        registerNodes(client);
        network.acceptOnNodes(address);
        for (int i = 1; i <= NODES; i++) {
            startHttpServer(i);
            startApiForwarder(i, apiPort);
            startSpeaker(i, kubeconfig);
        }
        out.println("started bin/barelb speaker in each node namespace (logs in " + logs + ")");
        out.flush();
        try (ArpWatch arp = ArpWatch.start(network.clientNs(), address)) {
            // a speaker that starts first forms a group alone and answers until the other joins and may take over:
            // the elected owner is the one answering once every speaker sees all of them
            awaitFullMembership();
            ArpWatch.Reply first = arp.awaitReply(System.nanoTime(), "", CONVERGENCE.toNanos()).orElseThrow(() ->
                    new DemoNetworkException("no node answered ARP for " + address + " within " + CONVERGENCE.toSeconds()
                            + " s; see the speaker logs in " + logs));
            int owner = nodeOf(first.mac());
            out.println("client: ARP for " + address + " answered by " + first.mac() + " = " + DemoNetwork.nodeName(owner)
                    + ", the node BareLB elected");
            String before = curl(address);
            out.println("client: curl http://" + address + "/ -> " + before);
            L2StatusWatch statuses = new L2StatusWatch(client);
            out.println(statuses.awaitOnly("default", "nginx", DemoNetwork.nodeName(owner), STATUS_WAIT));
            out.flush();

            long killed = System.nanoTime();
            speakers.get(owner).destroyForcibly();
            out.println("killed the speaker on " + DemoNetwork.nodeName(owner) + " (SIGKILL)");
            out.flush();
            Optional<ArpWatch.Reply> takeover = arp.awaitReply(killed, first.mac(), FAILOVER.toNanos());
            if (takeover.isEmpty()) {
                throw new DemoNetworkException("no other node answered ARP for " + address + " within "
                        + FAILOVER.toSeconds() + " s of the kill; see the speaker logs in " + logs);
            }
            long millis = (takeover.get().nanos() - killed) / 1_000_000;
            int survivor = nodeOf(takeover.get().mac());
            out.println("client: ARP for " + address + " answered by " + takeover.get().mac() + " = "
                    + DemoNetwork.nodeName(survivor) + ", " + millis + " ms after the kill");
            String after = curl(address);
            out.println("client: curl http://" + address + "/ -> " + after);
            out.println(statuses.awaitOnly("default", "nginx", DemoNetwork.nodeName(survivor), STATUS_WAIT));
            out.println("the namespaces stay until the demo stops: try  ip netns exec " + network.clientNs()
                    + " curl http://" + address + "/");
            out.flush();
            succeeded = true;
            return new Outcome(owner, survivor, millis, before, after);
        }
    }

    private String describeNodes() {
        List<String> parts = new ArrayList<>();
        for (int i = 1; i <= NODES; i++) {
            parts.add(DemoNetwork.nodeName(i) + " " + DemoNetwork.nodeIp(i) + " (" + network.nodeNs(i) + ")");
        }
        return String.join(", ", parts);
    }

    /** The Nodes the speakers find themselves and each other by, and the EndpointSlice saying both serve nginx. */
    private void registerNodes(KubernetesClient client) {
        EndpointSliceBuilder slice = new EndpointSliceBuilder().withNewMetadata().withName("nginx-demo")
                .withNamespace("default").addToLabels("kubernetes.io/service-name", "nginx").endMetadata()
                .withAddressType("IPv4").addNewPort().withName("http").withPort(80).withProtocol("TCP").endPort();
        for (int i = 1; i <= NODES; i++) {
            client.nodes().resource(new NodeBuilder().withNewMetadata().withName(DemoNetwork.nodeName(i))
                    .addToLabels("kubernetes.io/hostname", DemoNetwork.nodeName(i)).endMetadata()
                    .withNewStatus().addNewAddress().withType("InternalIP").withAddress(DemoNetwork.nodeIp(i)).endAddress()
                    .addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus().build()).create();
            slice.addNewEndpoint().withAddresses(DemoNetwork.nodeIp(i)).withNodeName(DemoNetwork.nodeName(i))
                    .withNewConditions().withReady(true).endConditions().endEndpoint();
        }
        client.discovery().v1().endpointSlices().inNamespace("default").resource(slice.build()).create();
    }

    /** A one-line HTTP answer on port 80 of node i, standing in for the nginx Pod there. */
    private void startHttpServer(int i) {
        String body = "hello from " + DemoNetwork.nodeName(i) + "\n";
        // read the request up to its blank line before answering, so closing never resets unread data
        Path script = script("http-" + i + ".sh", "sed -u '/^\r*$/q' >/dev/null\n"
                + "printf 'HTTP/1.0 200 OK\\r\\nContent-Type: text/plain\\r\\nContent-Length: " + body.length()
                + "\\r\\n\\r\\n%s' '" + body + "'\n");
        helpers.add(Host.background(network.nodeNs(i), logs.resolve("http-" + i + ".log"), List.of(),
                List.of("socat", "-T", "5", "TCP-LISTEN:80,reuseaddr,fork", "SYSTEM:sh " + script)));
    }

    /** 127.0.0.1:{@code port} in node i's namespace, joined to the API on 127.0.0.1:{@code port} of the demo's. */
    private void startApiForwarder(int i, int port) {
        Path script = script("api-forwarder.sh", "exec nsenter --net=/proc/" + ProcessHandle.current().pid()
                + "/ns/net socat STDIO TCP:127.0.0.1:" + port + "\n");
        helpers.add(Host.background(network.nodeNs(i), logs.resolve("api-forwarder-" + i + ".log"), List.of(),
                List.of("socat", "TCP-LISTEN:" + port + ",bind=127.0.0.1,reuseaddr,fork", "SYSTEM:sh " + script)));
    }

    /**
     * A shell script in the logs folder, for socat to run per connection: socat's own address syntax would take
     * the colons, commas, quotes and backslashes of a command given inline.
     */
    private Path script(String name, String text) {
        Path file = logs.resolve(name);
        try {
            return Files.writeString(file, text);
        } catch (IOException e) {
            throw new DemoNetworkException("cannot write " + file + ": " + e.getMessage());
        }
    }

    private void startSpeaker(int i, Path kubeconfig) {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> environment = List.of("JAVA=" + java, "NODE_NAME=" + DemoNetwork.nodeName(i),
                "BARELB_JAVA_OPTS=-Xmx128m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Djava.net.preferIPv4Stack=true"
                        + " -Dorg.slf4j.simpleLogger.showDateTime=true -Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS");
        speakers.put(i, Host.background(network.nodeNs(i), logs.resolve("speaker-" + i + ".log"), environment,
                List.of(home.resolve("bin/barelb").toString(), "speaker", "--node", DemoNetwork.nodeName(i),
                        "--kubeconfig", kubeconfig.toString())));
    }

    private String curl(String address) {
        Host.Result result = Host.attempt(List.of("ip", "netns", "exec", network.clientNs(), "curl", "-s", "-S",
                "--max-time", "3", "http://" + address + "/"));
        return result.exit() == 0 ? result.output().strip() : "failed: " + result.output().strip();
    }

    private int nodeOf(String mac) {
        for (int i = 1; i <= NODES; i++) {
            if (DemoNetwork.nodeMac(i).equals(mac.toLowerCase(Locale.ROOT))) {
                return i;
            }
        }
        throw new DemoNetworkException("ARP was answered by " + mac + ", which is no node of the demo");
    }

    /** Stops every process the demo started, deletes the namespaces, and the logs unless the walkthrough failed. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<Process> all = new ArrayList<>(speakers.values());
        all.addAll(helpers);
        for (Process process : all) {
            process.destroyForcibly();
        }
        for (Process process : all) {
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        network.close();
        if (succeeded) {
            deleteTree(logs);
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // a log left behind in the temporary folder is harmless
        }
    }

    /**
     * What the demo saw.
     *
     * @param owner          the node whose speaker answered first
     * @param survivor       the node that answered after the owner's speaker was killed
     * @param failoverMillis from the kill to the first ARP reply from the survivor
     * @param before         what {@code curl} printed before the kill
     * @param after          what {@code curl} printed after the takeover
     */
    public record Outcome(int owner, int survivor, long failoverMillis, String before, String after) {
    }
}
