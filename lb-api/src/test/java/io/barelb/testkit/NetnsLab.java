package io.barelb.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * A small layer2 lab in Linux network namespaces, for tests that run as root: a "switch" namespace holding
 * bridge br0, a client namespace and N node namespaces, each joined to the bridge by a veth pair whose inner end
 * is {@code eth0}. Addresses: client 192.0.2.100 / 2001:db8::100 (MAC 02:00:00:00:00:64), node i 192.0.2.(10+i) /
 * 2001:db8::(10+i), MAC 02:00:00:00:00:(10+i). With a management network, each node also has {@code eth1} on a
 * second bridge br1 (198.51.100.(10+i)), for membership traffic off the announcing segment.
 *
 * <p>Node namespaces answer ARP only for addresses of the receiving interface ({@code arp_ignore=1},
 * {@code arp_announce=2}), and hold the {@link #loopbackAddresses loopback addresses} on {@code lo}, as
 * kube-proxy in IPVS mode leaves a node: the kernel accepts traffic for a VIP but never answers ARP for it.
 *
 * <p>Processes started through the lab are tracked by name; {@link #close()} kills every one of them (by PID,
 * SIGKILL), deletes the namespaces, and removes the lab folder unless {@code -Dbarelb.lab.keep=true}.
 * Namespace names carry a random tag, so labs of concurrent builds never collide.
 */
public class NetnsLab implements AutoCloseable {

    /** The TCP port membership runs on in lab speakers. */
    public static final int MEMBERSHIP_PORT = 7946;

    private final String tag;
    private final int nodes;
    private final boolean managementNetwork;
    private final Path dir;
    private final List<String> namespaces = new ArrayList<>();
    private final Map<String, Process> processes = new LinkedHashMap<>();
    private List<String> loopbackAddresses = List.of();

    /**
     * A lab of {@code nodes} nodes, not built yet. {@code prefix} (2-4 letters) starts every namespace name, to
     * tell whose lab a leftover namespace was; {@code -Dbarelb.lab.prefix=XX} replaces it for every lab of the run
     * (for a developer who must keep to a prefix of their own on a shared machine).
     */
    public NetnsLab(String prefix, int nodes, boolean managementNetwork) throws IOException {
        this.tag = System.getProperty("barelb.lab.prefix", prefix)
                + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0xFFFF));
        this.nodes = nodes;
        this.managementNetwork = managementNetwork;
        this.dir = Files.createTempDirectory("barelb-lab-" + prefix + "-");
    }

    /** Addresses (CIDR notation) every node namespace gets on {@code lo} when built. */
    public NetnsLab loopbackAddresses(String... cidrs) {
        loopbackAddresses = List.of(cidrs);
        return this;
    }

    public String tag() {
        return tag;
    }

    public String switchNs() {
        return tag + "sw";
    }

    public String clientNs() {
        return tag + "c";
    }

    public String nodeNs(int i) {
        return tag + "n" + i;
    }

    public static String nodeName(int i) {
        return "node-" + i;
    }

    public static String nodeIp(int i) {
        return "192.0.2." + (10 + i);
    }

    public static String nodeMac(int i) {
        return String.format("02:00:00:00:00:%02x", 10 + i);
    }

    /** Where node i runs membership: its management address, or its eth0 address without a management network. */
    public String membershipIp(int i) {
        return managementNetwork ? "198.51.100." + (10 + i) : nodeIp(i);
    }

    /** Every node's membership address and port, comma-separated (BARELB_MEMBERLIST_SEEDS). */
    public String seeds() {
        return IntStream.rangeClosed(1, nodes).mapToObj(i -> membershipIp(i) + ":" + MEMBERSHIP_PORT)
                .collect(Collectors.joining(","));
    }

    public int nodes() {
        return nodes;
    }

    /** The lab's temporary folder (process logs go here). */
    public Path dir() {
        return dir;
    }

    /** Builds the namespaces, bridges, veths, addresses and sysctls. */
    public NetnsLab build() throws IOException {
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
            for (String cidr : loopbackAddresses) {
                run("ip", "-n", nodeNs(i), "addr", "add", cidr, "dev", "lo");
            }
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

    /**
     * Starts {@code command} in {@code ns} with {@code environment} added, output (both streams) appended to
     * {@code name.log} in the lab folder, tracked as {@code name} (replacing a dead process of that name).
     */
    public Process start(String name, String ns, Map<String, String> environment, List<String> command) throws IOException {
        Process previous = processes.get(name);
        if (previous != null && previous.isAlive()) {
            throw new IllegalStateException("process " + name + " is still running (pid " + previous.pid() + ")");
        }
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        full.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(full).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve(name + ".log").toFile()));
        builder.environment().putAll(environment);
        Process process = builder.start();
        processes.put(name, process);
        return process;
    }

    /** Starts a long-running helper (tcpdump, socat) in {@code ns}, output to {@code log}, tracked as {@code log}. */
    public Process background(String ns, String log, String... command) throws IOException {
        String name = log.endsWith(".log") ? log.substring(0, log.length() - 4) : log;
        Process previous = processes.remove(name);
        if (previous != null) {
            previous.destroyForcibly();
        }
        return start(name, ns, Map.of(), List.of(command));
    }

    /** SIGKILL to the process tracked as {@code name} (by PID); returns the wall-clock ms just before the signal. */
    public long kill(String name) throws InterruptedException {
        Process process = processes.remove(name);
        long before = System.currentTimeMillis();
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        return before;
    }

    /** The PID of the process tracked as {@code name}. */
    public long pid(String name) {
        return processes.get(name).pid();
    }

    public boolean alive(String name) {
        Process process = processes.get(name);
        return process != null && process.isAlive();
    }

    /** The contents of {@code name} in the lab folder ("" when absent); process logs are {@code NAME.log}. */
    public String log(String name) {
        try {
            return Files.readString(dir.resolve(name));
        } catch (IOException e) {
            return "";
        }
    }

    /** Runs a command in {@code ns} and returns its output; fails on a non-zero exit. */
    public String exec(String ns, String... command) throws IOException {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        full.addAll(List.of(command));
        return runProcess(full, true);
    }

    /** Runs a command in {@code ns} and returns its output whatever its exit code. */
    public String execAllowingFailure(String ns, String... command) throws IOException {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        full.addAll(List.of(command));
        return runProcess(full, false);
    }

    /** Runs a command (in the test's namespace) and returns its output; fails on a non-zero exit. */
    public static String run(String... command) throws IOException {
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

    /**
     * Polls {@code condition} every 20 ms until true; fails with {@code what} and {@code describe} (the state
     * worth seeing, read only on failure) if it does not become true within {@code limit}.
     */
    public static void await(Duration limit, String what, BooleanSupplier condition, Supplier<String> describe)
            throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("timed out after " + limit + " waiting for " + what + "\n" + describe.get());
    }

    /** The java launcher of the JVM running the test. */
    public static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Kills every tracked process (SIGKILL), deletes the namespaces and (unless kept) the lab folder. */
    @Override
    public void close() {
        processes.values().forEach(Process::destroyForcibly);
        for (Process process : processes.values()) {
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        processes.clear();
        for (String ns : namespaces) {
            try {
                run("ip", "netns", "del", ns);
            } catch (IOException ignored) {
                // already gone
            }
        }
        namespaces.clear();
        if (Boolean.getBoolean("barelb.lab.keep") || Boolean.getBoolean("barelb.layer2.keepLab")) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // temp files only
        }
    }
}
