package io.barelb.announcer.layer2;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * A small layer2 lab in Linux network namespaces: a "switch" namespace holding bridge br0, a client namespace
 * and N node namespaces, each joined to the bridge by a veth pair whose inner end is {@code eth0}. Addresses:
 * client 192.0.2.100 / 2001:db8::100, node i 192.0.2.(10+i) / 2001:db8::(10+i), MAC 02:00:00:00:00:(10+i).
 * With a management network, each node also has {@code eth1} on a second bridge (198.51.100.(10+i)), and the
 * speakers' membership runs there, as it would on a cluster whose node IPs are not on the announcing segment.
 * Every node namespace holds the VIP on {@code lo} with arp_ignore=1, as kube-proxy in IPVS mode leaves it, so the
 * kernel accepts traffic for the VIP but never answers ARP for it. Closing kills every process it started (by
 * PID) and deletes the namespaces.
 */
final class NetnsLab implements AutoCloseable {

    static final String VIP = "192.0.2.200";
    static final String VIP6 = "2001:db8::200";
    static final int MEMBERSHIP_PORT = 7946;

    private final String tag = "l2" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0xFFFF));
    private final int nodes;
    private final boolean managementNetwork;
    private final Path dir;
    private final List<String> namespaces = new ArrayList<>();
    private final Map<Integer, Process> speakers = new HashMap<>();
    private final List<Process> background = new ArrayList<>();
    private static final List<String> LOG_OPTIONS = List.of("-Dorg.slf4j.simpleLogger.showDateTime=true",
            "-Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS");
    private List<String> speakerJvmOptions = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx96m",
            "-Djava.net.preferIPv4Stack=true");

    NetnsLab(int nodes) throws IOException {
        this(nodes, false);
    }

    NetnsLab(int nodes, boolean managementNetwork) throws IOException {
        this.nodes = nodes;
        this.managementNetwork = managementNetwork;
        this.dir = Files.createTempDirectory("barelb-layer2-lab-");
    }

    String switchNs() {
        return tag + "sw";
    }

    String clientNs() {
        return tag + "c";
    }

    String nodeNs(int i) {
        return tag + "n" + i;
    }

    static String nodeName(int i) {
        return "node-" + i;
    }

    static String nodeIp(int i) {
        return "192.0.2." + (10 + i);
    }

    /** Where node i's speaker runs membership: its management address, or its eth0 address without one. */
    String membershipIp(int i) {
        return managementNetwork ? "198.51.100." + (10 + i) : nodeIp(i);
    }

    static String nodeMac(int i) {
        return String.format("02:00:00:00:00:%02x", 10 + i);
    }

    int nodes() {
        return nodes;
    }

    Path dir() {
        return dir;
    }

    private String membershipTimeoutMillis;

    /** Sets BARELB_MEMBERLIST_TIMEOUT_MS for speakers started from now on (default: the plugin's). */
    void membershipTimeoutMillis(long millis) {
        membershipTimeoutMillis = Long.toString(millis);
    }

    void speakerJvmOptions(List<String> options) {
        speakerJvmOptions = List.copyOf(options);
    }

    /** Builds the namespaces, bridge, veths, addresses and sysctls. */
    NetnsLab build() throws IOException {
        addNamespace(switchNs());
        run("ip", "-n", switchNs(), "link", "add", "br0", "type", "bridge", "mcast_snooping", "0", "forward_delay", "0");
        run("ip", "-n", switchNs(), "link", "set", "br0", "up");
        if (managementNetwork) {
            run("ip", "-n", switchNs(), "link", "add", "br1", "type", "bridge", "forward_delay", "0");
            run("ip", "-n", switchNs(), "link", "set", "br1", "up");
        }
        attach(clientNs(), "vc", "02:00:00:00:00:64", "192.0.2.100/24", "2001:db8::100/64");
        for (int i = 1; i <= nodes; i++) {
            attach(nodeNs(i), "vn" + i, nodeMac(i), nodeIp(i) + "/24", "2001:db8::" + (10 + i) + "/64");
            exec(nodeNs(i), "sysctl", "-qw", "net.ipv4.conf.all.arp_ignore=1", "net.ipv4.conf.eth0.arp_ignore=1",
                    "net.ipv4.conf.all.arp_announce=2", "net.ipv4.conf.eth0.arp_announce=2");
            run("ip", "-n", nodeNs(i), "addr", "add", VIP + "/32", "dev", "lo");
            if (managementNetwork) {
                run("ip", "-n", switchNs(), "link", "add", "vm" + i, "type", "veth", "peer", "name", "eth1", "netns", nodeNs(i));
                run("ip", "-n", switchNs(), "link", "set", "vm" + i, "master", "br1", "up");
                run("ip", "-n", nodeNs(i), "link", "set", "eth1", "up");
                run("ip", "-n", nodeNs(i), "addr", "add", membershipIp(i) + "/24", "dev", "eth1");
            }
        }
        return this;
    }

    private void addNamespace(String ns) throws IOException {
        run("ip", "netns", "add", ns);
        namespaces.add(ns);
        run("ip", "-n", ns, "link", "set", "lo", "up");
        exec(ns, "sysctl", "-qw", "net.ipv6.conf.all.accept_dad=0", "net.ipv6.conf.default.accept_dad=0");
    }

    private void attach(String ns, String switchPort, String mac, String ipv4, String ipv6) throws IOException {
        addNamespace(ns);
        run("ip", "-n", switchNs(), "link", "add", switchPort, "type", "veth", "peer", "name", "eth0", "netns", ns);
        run("ip", "-n", switchNs(), "link", "set", switchPort, "master", "br0", "up");
        run("ip", "-n", ns, "link", "set", "eth0", "address", mac, "up");
        run("ip", "-n", ns, "addr", "add", ipv4, "dev", "eth0");
        run("ip", "-n", ns, "addr", "add", ipv6, "dev", "eth0", "nodad");
    }

    /** The membership seeds: every node's address. */
    String seeds() {
        return IntStream.rangeClosed(1, nodes).mapToObj(i -> membershipIp(i) + ":" + MEMBERSHIP_PORT)
                .collect(Collectors.joining(","));
    }

    Path stateFile(int i) {
        return dir.resolve("state-" + i + ".txt");
    }

    Path statusFile(int i) {
        return dir.resolve("status-" + i + ".txt");
    }

    void writeState(int i, String text) throws IOException {
        Path tmp = dir.resolve("state-" + i + ".tmp");
        Files.writeString(tmp, text);
        Files.move(tmp, stateFile(i), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Starts node i's mini speaker in its namespace, with CAP_NET_RAW as its only capability (the bounding set
     * is cut to it, so even as uid 0 the JVM holds nothing else).
     */
    Process startSpeaker(int i) throws IOException {
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", nodeNs(i),
                "setpriv", "--bounding-set=-all,+net_raw", javaBin()));
        command.addAll(speakerJvmOptions);
        command.addAll(LOG_OPTIONS);
        command.addAll(List.of("-cp", testClassPath(), MiniSpeaker.class.getName(), nodeName(i),
                stateFile(i).toString(), statusFile(i).toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("speaker-" + i + ".log").toFile()));
        builder.environment().put("BARELB_MEMBERLIST_BIND", membershipIp(i) + ":" + MEMBERSHIP_PORT);
        builder.environment().put("BARELB_MEMBERLIST_SEEDS", seeds());
        builder.environment().put("BARELB_MEMBERLIST_CLUSTER", "lab-" + tag);
        if (membershipTimeoutMillis != null) {
            builder.environment().put("BARELB_MEMBERLIST_TIMEOUT_MS", membershipTimeoutMillis);
        }
        Process process = builder.start();
        speakers.put(i, process);
        return process;
    }

    /** SIGKILL to node i's speaker (by PID); returns the wall-clock milliseconds just before the signal. */
    long killSpeaker(int i) throws InterruptedException {
        Process process = speakers.remove(i);
        long before = System.currentTimeMillis();
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
        return before;
    }

    /** The process id of node i's speaker JVM. */
    long speakerPid(int i) {
        return speakers.get(i).pid();
    }

    boolean speakerAlive(int i) {
        Process process = speakers.get(i);
        return process != null && process.isAlive();
    }

    String speakerLog(int i) {
        try {
            return Files.readString(dir.resolve("speaker-" + i + ".log"));
        } catch (IOException e) {
            return "";
        }
    }

    String status(int i) {
        try {
            return Files.readString(statusFile(i));
        } catch (IOException e) {
            return "";
        }
    }

    /** The node numbers whose speaker reports announcing {@code address}. */
    List<Integer> announcers(String address) {
        return IntStream.rangeClosed(1, nodes)
                .filter(i -> speakerAlive(i) && status(i).lines().anyMatch(l -> l.startsWith("status " + address + " true ")))
                .boxed().toList();
    }

    /** A metric's value in node i's status file, 0 when absent. */
    long metric(int i, String series) {
        return status(i).lines().filter(l -> l.startsWith("metric " + series + " "))
                .mapToLong(l -> Long.parseLong(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    /** Starts a long-running helper (tcpdump, socat) in {@code ns}, output to {@code log}. */
    Process background(String ns, String log, String... command) throws IOException {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        full.addAll(List.of(command));
        Process process = new ProcessBuilder(full).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve(log).toFile())).start();
        background.add(process);
        return process;
    }

    String log(String name) {
        try {
            return Files.readString(dir.resolve(name));
        } catch (IOException e) {
            return "";
        }
    }

    /** Runs a command in {@code ns} and returns its output; fails on a non-zero exit. */
    String exec(String ns, String... command) throws IOException {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        full.addAll(List.of(command));
        return run(full.toArray(String[]::new));
    }

    /** Runs a command in {@code ns} and returns its output whatever its exit code. */
    String execAllowingFailure(String ns, String... command) throws IOException {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        full.addAll(List.of(command));
        return runProcess(full, false);
    }

    static String run(String... command) throws IOException {
        return runProcess(List.of(command), true);
    }

    private static String runProcess(List<String> command, boolean check) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish within 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (check && process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " exited " + process.exitValue() + ": " + output);
        }
        return output;
    }

    /** Polls {@code condition} every 20 ms until true; fails with {@code what} and the speakers' state if not. */
    void await(Duration limit, String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("timed out after " + limit + " waiting for " + what + "\n" + describe());
    }

    /** Every speaker's status file and log tail, for failure messages. */
    String describe() {
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= nodes; i++) {
            String logText = speakerLog(i);
            text.append("--- node ").append(i).append(" alive=").append(speakerAlive(i)).append('\n').append(status(i))
                    .append("--- log tail\n").append(logText.substring(Math.max(0, logText.length() - 3000))).append('\n');
        }
        return text.toString();
    }

    static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static String testClassPath() throws IOException {
        Path target = Path.of(System.getProperty("barelb.layer2.target", "target")).toAbsolutePath();
        String dependencies = Files.readString(target.resolve("test-classpath.txt")).trim();
        return target.resolve("test-classes") + ":" + target.resolve("classes") + ":" + dependencies;
    }

    @Override
    public void close() {
        for (Process process : speakers.values()) {
            process.destroyForcibly();
        }
        background.forEach(Process::destroyForcibly);
        Stream.concat(speakers.values().stream(), background.stream()).forEach(process -> {
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        speakers.clear();
        for (String ns : namespaces) {
            try {
                run("ip", "netns", "del", ns);
            } catch (IOException ignored) {
                // already gone
            }
        }
        try (Stream<Path> files = Files.walk(dir)) {
            if (!Boolean.getBoolean("barelb.layer2.keepLab")) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        } catch (IOException ignored) {
            // temp files only
        }
    }
}
