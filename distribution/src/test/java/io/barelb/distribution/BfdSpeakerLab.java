package io.barelb.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import io.barelb.testkit.NetnsLab;
import io.barelb.testkit.Requirements;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The BFD lab of the assembled speaker (root and bird2 required; skipped with the reason otherwise, failed under
 * CI=true): a router namespace {@code bfXXXX-r} runs BIRD 2 (203.0.113.1) with {@code protocol bfd} at the given
 * interval x 3 and one eBGP session with {@code bfd on}; a node namespace {@code bfXXXX-n}, joined by one veth
 * pair, runs {@code bin/barelb speaker --static DIR} (203.0.113.2) with no capability, peering with a BFDProfile
 * of the same interval. Services (with their EndpointSlices) are written by {@link #services}; Service {@code i}
 * holds 198.51.100.{@code i}. Every address lives inside the two namespaces. Closing kills both processes and
 * deletes the namespaces.
 */
final class BfdSpeakerLab implements AutoCloseable {

    static final String PEER = "203.0.113.1";
    static final String SPEAKER = "speaker";
    static final String BIRD = "bird";
    private static final int METRICS_PORT = 7472;
    private static final Pattern LOG_TIME = Pattern.compile("^(\\d{2}):(\\d{2}):(\\d{2})\\.(\\d{3}) ");

    private final NetnsLab processes;
    private final String routerNs;
    private final String nodeNs;
    private final int intervalMillis;
    private final Path distribution;
    private final Path folder;
    private final Path birdSocket;
    private RouterLink link;

    /** Checks the requirements, builds both namespaces and the static folder (no Service yet); starts nothing. */
    BfdSpeakerLab(int intervalMillis) throws IOException {
        Requirements.requireRoot();
        Requirements.requireCommands("ip", "bird", "birdc", "setpriv", "kill", "curl", "tcpdump");
        this.intervalMillis = intervalMillis;
        distribution = AssembledDistribution.checkedHome();
        processes = new NetnsLab("bf", 0, false); // its processes and folder only: the namespaces are ours
        routerNs = processes.tag() + "-r";
        nodeNs = processes.tag() + "-n";
        try {
            link = RouterLink.create(processes.tag());
            RouterLink.address(routerNs, "203.0.113.1/24");
            RouterLink.address(nodeNs, "203.0.113.2/24");
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
            write("metallb.yaml", configuration());
            services(List.of());
            birdSocket = processes.dir().resolve("bird.ctl");
            Files.writeString(processes.dir().resolve("bird.conf"), birdConfiguration());
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    Path dir() {
        return processes.dir();
    }

    /** The route BIRD learns for Service {@code i}. */
    static String route(int i) {
        return "198.51.100." + i + "/32";
    }

    /** Rewrites the Services (and their EndpointSlices, one serving endpoint on node-1) to exactly {@code ids}. */
    void services(List<Integer> ids) throws IOException {
        String services = ids.stream().map(i -> """
                apiVersion: v1
                kind: Service
                metadata: {namespace: default, name: web-%1$d}
                spec: {type: LoadBalancer, externalTrafficPolicy: Cluster, ports: [{port: 80, protocol: TCP}]}
                status: {loadBalancer: {ingress: [{ip: 198.51.100.%1$d}]}}
                """.formatted(i)).collect(Collectors.joining("---\n"));
        String slices = ids.stream().map(i -> """
                apiVersion: discovery.k8s.io/v1
                kind: EndpointSlice
                metadata: {namespace: default, name: web-%1$d, labels: {kubernetes.io/service-name: web-%1$d}}
                addressType: IPv4
                endpoints: [{addresses: [198.51.100.200], nodeName: node-1, conditions: {ready: true}}]
                ports: [{port: 80, protocol: TCP}]
                """.formatted(i)).collect(Collectors.joining("---\n"));
        write("endpoints.yaml", slices);
        write("services.yaml", services);
    }

    private void write(String name, String text) throws IOException {
        StaticFiles.writeAtomically(folder.resolve(name), text);
    }

    private String configuration() {
        return """
                apiVersion: metallb.io/v1beta1
                kind: IPAddressPool
                metadata: {namespace: metallb-system, name: lab}
                spec: {addresses: [198.51.100.0/24]}
                ---
                apiVersion: metallb.io/v1beta1
                kind: BFDProfile
                metadata: {namespace: metallb-system, name: lab}
                spec: {receiveInterval: %1$d, transmitInterval: %1$d, detectMultiplier: 3}
                ---
                apiVersion: metallb.io/v1beta2
                kind: BGPPeer
                metadata: {namespace: metallb-system, name: router}
                spec: {myASN: 64512, peerASN: 64513, peerAddress: 203.0.113.1, bfdProfile: lab, connectTime: 1s}
                ---
                apiVersion: metallb.io/v1beta1
                kind: BGPAdvertisement
                metadata: {namespace: metallb-system, name: lab}
                spec: {ipAddressPools: [lab]}
                """.formatted(intervalMillis);
    }

    private String birdConfiguration() {
        return """
                router id 203.0.113.1;
                log "%1$s" all;
                protocol device { }
                protocol bfd {
                  debug { states, events };
                  interface "eth0" { min rx interval %2$d ms; min tx interval %2$d ms; multiplier 3; };
                }
                protocol bgp peer {
                  local 203.0.113.1 as 64513;
                  neighbor 203.0.113.2 as 64512;
                  passive on;
                  debug { states, events };
                  bfd on;
                  error wait time 1, 2;
                  ipv4 { import all; export none; gateway direct; };
                }
                """.formatted(processes.dir().resolve("bird-events.log"), intervalMillis);
    }

    /** Starts BIRD and waits until it answers with its BGP protocol configured (so the speaker never races it). */
    void startBird() throws IOException, InterruptedException {
        processes.start(BIRD, routerNs, Map.of(), List.of("bird", "-f", "-c", processes.dir().resolve("bird.conf").toString(),
                "-s", birdSocket.toString(), "-P", processes.dir().resolve("bird.pid").toString()));
        await(Duration.ofSeconds(30), "BIRD answering with protocol peer", () -> birdc("show", "protocols", "peer")
                .lines().anyMatch(l -> l.startsWith("peer ")));
    }

    /**
     * Starts the speaker through the launcher with {@code javaOpts} as {@code BARELB_JAVA_OPTS} (a GC log into
     * the lab folder is added; the launcher's speaker options stay unless {@code javaOpts} picks a collector).
     */
    void startSpeaker(String javaOpts) throws IOException {
        String opts = (javaOpts + " -Xlog:gc*,safepoint:file=" + gcLog() + ":uptime,level,tags"
                + " -Dorg.slf4j.simpleLogger.showDateTime=true -Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS").trim();
        processes.start(SPEAKER, nodeNs, Map.of("JAVA", NetnsLab.javaBin(), "BARELB_JAVA_OPTS", opts),
                List.of("setpriv", "--bounding-set=-all", "--inh-caps=-all", distribution.resolve("bin/barelb").toString(),
                        "speaker", "--node", "node-1", "--static", folder.toString(), "--metrics-port",
                        Integer.toString(METRICS_PORT)));
    }

    Path gcLog() {
        return processes.dir().resolve("speaker-gc.log");
    }

    long pid(String name) {
        return processes.pid(name);
    }

    boolean alive(String name) {
        return processes.alive(name);
    }

    String speakerLog() {
        return processes.log(SPEAKER + ".log");
    }

    String birdEvents() {
        return processes.log("bird-events.log");
    }

    /** SIGSTOP ({@code stop}) or SIGCONT to the process; returns the wall clock just before the signal. */
    long signal(String name, boolean stop) throws IOException {
        long before = System.currentTimeMillis();
        NetnsLab.run("kill", stop ? "-STOP" : "-CONT", Long.toString(processes.pid(name)));
        return before;
    }

    /** A full GC in the speaker through its attach socket ({@code jcmd PID GC.run}). */
    void forceGc() throws IOException {
        NetnsLab.run(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(processes.pid(SPEAKER)), "GC.run");
    }

    /** Starts tcpdump of every BFD Control packet on the router's eth0 (epoch times) into the lab folder. */
    void capture() throws IOException {
        processes.background(routerNs, "bfd-capture.log", "tcpdump", "-i", "eth0", "-nn", "-tt", "-l",
                "-U", "udp", "port", "3784");
    }

    String capturedPackets() {
        return processes.log("bfd-capture.log");
    }

    String birdc(String... words) {
        return new Birdc(processes, routerNs, birdSocket).run(words);
    }

    /** BIRD's view of its BFD session with the speaker: {@code Up}, {@code Down}, ... or "" when it has none. */
    String birdBfdState() {
        Matcher m = Pattern.compile("(?m)^203\\.0\\.113\\.2\\s+\\S+\\s+(\\S+)").matcher(birdc("show", "bfd", "sessions"));
        return m.find() ? m.group(1) : "";
    }

    boolean established() {
        return birdc("show", "protocols", "peer").lines().anyMatch(l -> l.startsWith("peer") && l.contains("Established"));
    }

    boolean hasRoute(String prefix) {
        return birdc("show", "route", prefix).contains(prefix);
    }

    /** The prefixes BIRD holds from the speaker. */
    List<String> routes() {
        return birdc("show", "route", "protocol", "peer").lines().map(String::trim)
                .filter(l -> l.startsWith("198.51.100.")).map(l -> l.split("\\s+")[0]).sorted().toList();
    }

    String metrics() {
        try {
            return processes.execAllowingFailure(nodeNs, "curl", "-s", "http://127.0.0.1:" + METRICS_PORT + "/metrics");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One series of {@code /metrics} for the router peer (counters with or without {@code _total}), or -1. */
    double metric(String name) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "(?:_total)?\\{peer=\"" + Pattern.quote(PEER)
                + "\"} (\\S+)$").matcher(metrics());
        return m.find() ? Double.parseDouble(m.group(1)) : -1;
    }

    /**
     * Wall-clock times (ms since the epoch, today) of the speaker's log lines containing {@code text}; the lab
     * starts the speaker with {@code HH:mm:ss.SSS} log times, in this machine's zone.
     */
    List<Long> speakerLogTimes(String text) {
        long midnight = java.time.LocalDate.now().atStartOfDay(java.time.ZoneId.systemDefault()).toInstant().toEpochMilli();
        List<Long> times = new ArrayList<>();
        for (String line : speakerLog().lines().filter(l -> l.contains(text)).toList()) {
            Matcher m = LOG_TIME.matcher(line);
            if (m.find()) {
                times.add(midnight + ((Long.parseLong(m.group(1)) * 60 + Long.parseLong(m.group(2))) * 60
                        + Long.parseLong(m.group(3))) * 1000 + Long.parseLong(m.group(4)));
            }
        }
        return times;
    }

    void await(Duration limit, String what, BooleanSupplier condition) throws InterruptedException {
        NetnsLab.await(limit, what, condition, this::describe);
    }

    /** BIRD's protocols and BFD sessions, our metallb_/barelb_bfd metrics and the speaker log's tail. */
    String describe() {
        String log = speakerLog();
        return birdc("show", "protocols") + "\n" + birdc("show", "bfd", "sessions") + "\n--- metrics ---\n"
                + metrics().lines().filter(l -> l.startsWith("metallb_") || l.startsWith("barelb_bfd"))
                .collect(Collectors.joining("\n")) + "\n--- BIRD's event log tail ---\n" + tail(birdEvents(), 3000)
                + "\n--- speaker log tail ---\n" + tail(log, 6000);
    }

    private static String tail(String text, int chars) {
        return text.substring(Math.max(0, text.length() - chars));
    }

    /** {@code count} Service ids starting at {@code first}, wrapping inside 1-150. */
    static List<Integer> window(int first, int count) {
        return IntStream.range(0, count).map(k -> (first + k - 1) % 150 + 1).sorted().boxed().toList();
    }

    @Override
    public void close() {
        processes.close();
        if (link != null) {
            link.close();
        }
    }
}
