package io.barelb.distribution;

import io.barelb.testkit.NetnsLab;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * A standalone control-plane VIP in network namespaces, for {@link VirtualIpLabIT} and
 * {@link VirtualIpFailoverBenchmark}: three node namespaces, each with a small HTTP backend on 127.0.0.1:8080 (socat)
 * and the assembled {@code bin/barelb speaker --static DIR} (CAP_NET_RAW only) reading its Nodes, a
 * {@code HealthCheck} of that backend and a {@code VirtualIP}; no Service, EndpointSlice, pool or advertisement.
 * Membership comes from the Nodes' InternalIPs, as static mode derives it. A client namespace asks for the VIP
 * with arping while tcpdump records every ARP frame with its time and source MAC.
 */
final class VirtualIpLab implements AutoCloseable {

    static final String VIP = "192.0.2.210";
    static final int BACKEND_PORT = 8080;
    static final int METRICS_PORT = 7472;
    /** The health check's timing: a backend is failing after FALL probes INTERVAL apart. */
    static final Duration INTERVAL = Duration.ofMillis(200);
    static final int RISE = 2;
    static final int FALL = 3;
    private static final Pattern ARPING_REPLY = Pattern.compile("bytes from ([0-9a-f:]{17}) \\(" + Pattern.quote(VIP));
    /**
     * One line of {@code tcpdump -n -e -tt arp}: {@code 1764752000.123456 02:00:00:00:00:64 > ff:ff:ff:ff:ff:ff,
     * ethertype ARP (0x0806), length 42: Request who-has 192.0.2.210 tell 192.0.2.100, length 28} (a gratuitous one may name
     * the target MAC: {@code who-has 192.0.2.210 (ff:ff:ff:ff:ff:ff) tell 192.0.2.210}), or
     * {@code ...: Reply 192.0.2.210 is-at 02:00:00:00:00:0c, length 28}.
     */
    private static final Pattern FRAME = Pattern.compile("^(\\d+\\.\\d+) ([0-9a-f:]{17}) > ([0-9a-f:]{17}),.*?: "
            + "(Request who-has ([0-9.]+)(?: \\([0-9a-f:]{17}\\))? tell ([0-9.]+)|Reply ([0-9.]+) is-at ([0-9a-f:]{17}))");

    final NetnsLab lab;
    final int nodes;
    private final Path distribution;

    VirtualIpLab(String prefix, int nodes) throws IOException {
        this.nodes = nodes;
        this.distribution = AssembledDistribution.home();
        this.lab = new NetnsLab(prefix, nodes, false).loopbackAddresses(VIP + "/32");
    }

    Path distribution() {
        return distribution;
    }

    /** Builds the namespaces and writes every node's folder; nothing runs yet. */
    VirtualIpLab build() throws IOException {
        lab.build();
        Files.writeString(lab.dir().resolve("backend.sh"), """
                # one HTTP exchange: read the request head, answer 200
                while IFS= read -r line; do
                  case "$line" in "$(printf '\\r')"|"") break;; esac
                done
                printf 'HTTP/1.0 200 OK\\r\\nContent-Length: 3\\r\\n\\r\\nok\\n'
                """);
        for (int i = 1; i <= nodes; i++) {
            Files.createDirectories(folder(i));
            StaticFiles.writeAtomically(folder(i).resolve("nodes.yaml"), nodesYaml());
            StaticFiles.writeAtomically(folder(i).resolve("vip.yaml"), vipYaml());
        }
        return this;
    }

    Path folder(int i) {
        return lab.dir().resolve("static-" + i);
    }

    String nodesYaml() {
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= nodes; i++) {
            text.append("""
                    apiVersion: v1
                    kind: Node
                    metadata: {name: %1$s, labels: {node-role.kubernetes.io/control-plane: ""}}
                    status:
                      addresses: [{type: InternalIP, address: %2$s}]
                    ---
                    """.formatted(NetnsLab.nodeName(i), NetnsLab.nodeIp(i)));
        }
        return text.toString();
    }

    static String vipYaml() {
        return """
                apiVersion: barelb.io/v1beta1
                kind: HealthCheck
                metadata: {name: backend}
                spec:
                  port: %d
                  http: {path: /readyz}
                  interval: %dms
                  timeout: 150ms
                  rise: %d
                  fall: %d
                ---
                apiVersion: barelb.io/v1beta1
                kind: VirtualIP
                metadata: {name: control-plane}
                spec:
                  addresses: [%s]
                  nodeSelectors: [{matchLabels: {node-role.kubernetes.io/control-plane: ""}}]
                  healthCheck: backend
                """.formatted(BACKEND_PORT, INTERVAL.toMillis(), RISE, FALL, VIP);
    }


    // ---- processes

    void startBackend(int i) throws IOException {
        lab.background(lab.nodeNs(i), "backend-" + i + ".log", "socat",
                "TCP-LISTEN:" + BACKEND_PORT + ",bind=127.0.0.1,reuseaddr,fork",
                "EXEC:/bin/sh " + lab.dir().resolve("backend.sh"));
    }

    /** SIGKILL to node i's backend; the wall-clock ms just before. */
    long stopBackend(int i) throws InterruptedException {
        return lab.kill("backend-" + i);
    }

    void startSpeaker(int i) throws IOException {
        lab.start(speaker(i), lab.nodeNs(i), Map.of(
                        "JAVA", NetnsLab.javaBin(),
                        "BARELB_JAVA_OPTS", "-Xmx128m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Djava.net.preferIPv4Stack=true"
                                + " -Dorg.slf4j.simpleLogger.showDateTime=true -Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS",
                        "BARELB_MEMBERLIST_CLUSTER", "lab-" + lab.tag(),
                        // generous: a JVM paused on a loaded 2-core machine must not be declared dead; a killed
                        // speaker is seen through its closed connections, not through this timeout
                        "BARELB_MEMBERLIST_TIMEOUT_MS", "2000"),
                List.of("setpriv", "--bounding-set=-all,+net_raw", distribution.resolve("bin/barelb").toString(),
                        "speaker", "--node", NetnsLab.nodeName(i), "--static", folder(i).toString(),
                        "--metrics-port", String.valueOf(METRICS_PORT)));
    }

    /** SIGKILL to node i's speaker; the wall-clock ms just before. */
    long killSpeaker(int i) throws InterruptedException {
        return lab.kill(speaker(i));
    }

    static String speaker(int i) {
        return "speaker-" + i;
    }

    String speakerLog(int i) {
        return lab.log(speaker(i) + ".log");
    }

    /** Whether node i's ownership log says, last, that it holds the VIP. */
    boolean holds(int i) {
        String log = speakerLog(i);
        String me = "node " + NetnsLab.nodeName(i);
        return log.lastIndexOf(me + " holds " + VIP) > log.lastIndexOf(me + " gave up " + VIP);
    }

    /** Whether node i's speaker sees {@code count} members in its latest membership view. */
    boolean seesMembers(int i, Collection<Integer> members) {
        String log = speakerLog(i);
        int at = log.lastIndexOf("layer2 membership view ");
        if (at < 0) {
            return false;
        }
        String line = log.substring(at, log.indexOf('\n', at) < 0 ? log.length() : log.indexOf('\n', at));
        String expected = members.stream().sorted().map(NetnsLab::nodeName).reduce((a, b) -> a + ", " + b).orElse("");
        return line.endsWith("[" + expected + "]");
    }

    // ---- the client

    /** Starts tcpdump in the client namespace, every ARP frame with epoch time and MACs. */
    void startCapture() throws IOException {
        lab.background(lab.clientNs(), "arp.log", "tcpdump", "-i", "eth0", "-n", "-e", "-tt", "-l", "arp");
    }

    /** Starts a client asking for the VIP every 50 ms for a long while (its requests show in the capture). */
    void startAsking() throws IOException {
        lab.background(lab.clientNs(), "arping.log", "arping", "-i", "eth0", "-W", "0.05", "-c", "100000", VIP);
    }

    /** The MACs that answered three ARP requests for the VIP from the client. */
    Set<String> arpingMacs() {
        try {
            String output = lab.execAllowingFailure(lab.clientNs(), "arping", "-i", "eth0", "-c", "3", "-W", "0.2", VIP);
            Matcher matcher = ARPING_REPLY.matcher(output);
            Set<String> macs = new LinkedHashSet<>();
            while (matcher.find()) {
                macs.add(matcher.group(1));
            }
            return macs;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One ARP frame the client saw: a request (who-has target, tell sender) or a reply (sender is-at source). */
    record Frame(double time, String sourceMac, String destinationMac, boolean request, String sender, String target) {

        boolean broadcast() {
            return destinationMac.equals("ff:ff:ff:ff:ff:ff");
        }

        /** A gratuitous ARP for the VIP, as an owner sends on takeover: a request or a broadcast reply from the VIP. */
        boolean gratuitous() {
            return sender.equals(VIP) && (request ? target.equals(VIP) : broadcast());
        }

        /** The client asking for the VIP. */
        boolean question() {
            return request && target.equals(VIP) && !sender.equals(VIP);
        }

        /** An answer to a question for the VIP (a unicast reply). */
        boolean answer() {
            return !request && sender.equals(VIP) && !broadcast();
        }
    }

    /** Every ARP frame captured so far, in order. */
    List<Frame> frames() {
        List<Frame> frames = new ArrayList<>();
        for (String line : lab.log("arp.log").split("\n")) {
            Matcher m = FRAME.matcher(line);
            if (!m.find()) {
                continue;
            }
            boolean request = m.group(5) != null;
            frames.add(new Frame(Double.parseDouble(m.group(1)), m.group(2), m.group(3), request,
                    request ? m.group(6) : m.group(7), request ? m.group(5) : ""));
        }
        return frames;
    }

    /**
     * The questions (client requests for the VIP) answered by more than one MAC before the next question: two owners
     * at once. Each entry names the time and the MACs.
     */
    List<String> doubleAnswers() {
        List<String> doubles = new ArrayList<>();
        Set<String> macs = new LinkedHashSet<>();
        double askedAt = -1;
        for (Frame frame : frames()) {
            if (frame.question()) {
                if (macs.size() > 1) {
                    doubles.add(String.format("%.6f %s", askedAt, macs));
                }
                macs.clear();
                askedAt = frame.time();
            } else if (frame.answer() && askedAt >= 0) {
                macs.add(frame.sourceMac());
            }
        }
        if (macs.size() > 1) {
            doubles.add(String.format("%.6f %s", askedAt, macs));
        }
        return doubles;
    }

    /** The MACs that answered the client's questions asked at or after {@code afterMillis}, in order of first answer. */
    Set<String> answeringMacsSince(long afterMillis) {
        Set<String> macs = new LinkedHashSet<>();
        frames().stream().filter(f -> f.answer() && f.time() * 1000 >= afterMillis).forEach(f -> macs.add(f.sourceMac()));
        return macs;
    }

    /** The epoch seconds of the first gratuitous ARP from {@code mac} at or after {@code afterMillis}; -1 if none yet. */
    double firstGratuitous(String mac, long afterMillis) {
        return frames().stream().filter(f -> f.gratuitous() && f.sourceMac().equals(mac) && f.time() * 1000 >= afterMillis)
                .mapToDouble(Frame::time).findFirst().orElse(-1);
    }

    // ---- election and waiting

    /** MetalLB's layer2 election: the node with the lowest sha256(node + "#" + address), bytes unsigned. */
    static int electedOwner(Collection<Integer> candidates) {
        int owner = candidates.stream().min(Comparator.<Integer, byte[]>comparing(
                i -> sha256(NetnsLab.nodeName(i) + "#" + VIP), Arrays::compareUnsigned)).orElseThrow();
        return owner;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    void await(Duration limit, String what, BooleanSupplier condition) throws InterruptedException {
        NetnsLab.await(limit, what, condition, this::describe);
    }

    String describe() {
        StringBuilder text = new StringBuilder();
        IntStream.rangeClosed(1, nodes).forEach(i -> {
            String log = speakerLog(i);
            text.append("--- speaker node-").append(i).append(" alive=").append(lab.alive(speaker(i)))
                    .append(", log tail:\n").append(log.substring(Math.max(0, log.length() - 3000))).append('\n');
        });
        return text.toString();
    }

    @Override
    public void close() {
        lab.close();
    }
}
