package io.barelb.announcer.bgp.bfd;

import io.barelb.testkit.NetnsLab;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Two network namespaces joined by one veth pair: {@code birdNs} (eth0 192.0.2.1/24, 2001:db8::1/64) runs BIRD 2
 * with a {@code protocol bfd} naming our addresses as neighbors; {@code nodeNs} (192.0.2.2, 2001:db8::2) runs
 * {@link BfdLabNode}. Names start {@code blb-bfdfsm-} and carry a random tag; {@link #close()} kills every
 * process it started (by PID, SIGKILL, which also ends a stopped one) and deletes the namespaces and folder.
 * Processes and logs are kept by an unbuilt {@link NetnsLab}.
 */
public final class BfdLab implements AutoCloseable {

    public static final String BIRD_V4 = "192.0.2.1";
    public static final String BIRD_V6 = "2001:db8::1";
    public static final String NODE_V4 = "192.0.2.2";
    public static final String NODE_V6 = "2001:db8::2";

    private final String tag = "blb-bfdfsm-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0xFFFF));
    /** Not built: only its process tracking, logs and folder are used. */
    private final NetnsLab processes;
    private final Path dir;
    private final List<String> namespaces = new ArrayList<>();

    public BfdLab() throws IOException {
        processes = new NetnsLab("bfdfsm", 0, false);
        dir = processes.dir();
    }

    public String birdNs() {
        return tag + "-bird";
    }

    public String nodeNs() {
        return tag + "-node";
    }

    public Path dir() {
        return dir;
    }

    public BfdLab build() throws IOException {
        for (String ns : List.of(birdNs(), nodeNs())) {
            NetnsLab.run("ip", "netns", "add", ns);
            namespaces.add(ns);
            NetnsLab.run("ip", "netns", "exec", ns, "sysctl", "-qw", "net.ipv6.conf.all.accept_dad=0",
                    "net.ipv6.conf.default.accept_dad=0");
            NetnsLab.run("ip", "-n", ns, "link", "set", "lo", "up");
        }
        NetnsLab.run("ip", "-n", birdNs(), "link", "add", "eth0", "type", "veth", "peer", "name", "eth0", "netns", nodeNs());
        address(birdNs(), BIRD_V4, BIRD_V6);
        address(nodeNs(), NODE_V4, NODE_V6);
        return this;
    }

    private static void address(String ns, String v4, String v6) throws IOException {
        NetnsLab.run("ip", "-n", ns, "link", "set", "eth0", "up");
        NetnsLab.run("ip", "-n", ns, "addr", "add", v4 + "/24", "dev", "eth0");
        NetnsLab.run("ip", "-n", ns, "addr", "add", v6 + "/64", "dev", "eth0", "nodad");
    }

    /** Writes the BIRD config for this interval and multiplier and starts BIRD in the foreground. */
    public Process startBird(int intervalMillis, int multiplier) throws IOException {
        String config = "router id " + BIRD_V4 + ";\n"
                + "protocol device { scan time 1; }\n"
                + "protocol bfd bfd1 {\n"
                + "  interface \"eth0\" { min rx interval " + intervalMillis + " ms; min tx interval " + intervalMillis
                + " ms; multiplier " + multiplier + "; };\n"
                + "  neighbor " + NODE_V4 + " local " + BIRD_V4 + ";\n"
                + "  neighbor " + NODE_V6 + " local " + BIRD_V6 + ";\n"
                + "}\n";
        Files.writeString(dir.resolve("bird.conf"), config);
        return start("bird", birdNs(), List.of("bird", "-f", "-c", dir.resolve("bird.conf").toString(), "-s",
                birdSocket(), "-P", dir.resolve("bird.pid").toString()));
    }

    private String birdSocket() {
        return dir.resolve("bird.ctl").toString();
    }

    /** Starts {@link BfdLabNode} with sessions to BIRD's two addresses. */
    public Process startNode(int intervalMillis, int multiplier) throws IOException {
        Path target = Path.of("target").toAbsolutePath();
        String classpath = Files.readString(target.resolve("test-classpath.txt")).trim() + ":"
                + target.resolve("test-classes") + ":" + target.resolve("classes");
        return start("node", nodeNs(), List.of(NetnsLab.javaBin(), "-Xmx128m", "-XX:+UseSerialGC", "-cp", classpath,
                BfdLabNode.class.getName(), String.valueOf(intervalMillis), String.valueOf(multiplier), BIRD_V4, BIRD_V6));
    }

    private Process start(String name, String ns, List<String> command) throws IOException {
        return processes.start(name, ns, Map.of(), command);
    }

    /** SIGSTOP (freeze, no FIN, no AdminDown) or SIGCONT to a started process; returns epoch micros just before. */
    public long signal(String name, String signal) throws IOException {
        long before = BfdLabNode.micros();
        NetnsLab.run("kill", "-" + signal, String.valueOf(processes.pid(name)));
        return before;
    }

    /** {@code birdc show bfd sessions}: address → state (Up, Down, Init, AdminDown). */
    public Map<String, String> birdSessions() throws IOException {
        Map<String, String> states = new LinkedHashMap<>();
        for (String line : birdc("show", "bfd", "sessions").split("\n")) {
            String[] columns = line.trim().split("\\s+");
            if (columns.length >= 3 && (columns[0].contains(".") || columns[0].contains(":")) && !columns[0].endsWith(":")) {
                states.put(columns[0], columns[2]);
            }
        }
        return states;
    }

    public String birdc(String... command) throws IOException {
        List<String> full = new ArrayList<>(List.of("birdc", "-s", birdSocket()));
        full.addAll(List.of(command));
        return NetnsLab.run(full.toArray(String[]::new));
    }

    /** The node's output so far. */
    public String nodeLog() {
        return log("node.log");
    }

    public String log(String name) {
        return processes.log(name);
    }

    /** Everything worth seeing when a wait fails. */
    public String describe() {
        String node = nodeLog();
        String tail = node.length() > 4_000 ? node.substring(node.length() - 4_000) : node;
        String bird;
        try {
            bird = birdc("show", "bfd", "sessions");
        } catch (IOException e) {
            bird = e.getMessage();
        }
        return "birdc show bfd sessions:\n" + bird + "\nnode.log (tail):\n" + tail + "\nbird.log:\n" + log("bird.log");
    }

    public void await(Duration limit, String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        NetnsLab.await(limit, what, condition, this::describe);
    }

    @Override
    public void close() {
        processes.close(); // kills what it started, removes the folder unless -Dbarelb.lab.keep=true
        for (String ns : namespaces) {
            try {
                NetnsLab.run("ip", "netns", "del", ns);
            } catch (IOException ignored) {
                // already gone
            }
        }
        namespaces.clear();
    }
}
