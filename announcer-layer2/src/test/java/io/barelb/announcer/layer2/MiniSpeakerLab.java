package io.barelb.announcer.layer2;

import io.barelb.testkit.NetnsLab;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

/**
 * The testkit's {@link NetnsLab} with a {@link MiniSpeaker} JVM per node: every node namespace holds the VIP on
 * {@code lo}, node i's speaker reads its desired state from {@code state-i.txt} and writes its status and metrics
 * to {@code status-i.txt}, and its log goes to {@code speaker-i.log}.
 */
final class MiniSpeakerLab extends NetnsLab {

    static final String VIP = "192.0.2.200";
    static final String VIP6 = "2001:db8::200";

    private static final List<String> LOG_OPTIONS = List.of("-Dorg.slf4j.simpleLogger.showDateTime=true",
            "-Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS");
    private List<String> speakerJvmOptions = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx96m",
            "-Djava.net.preferIPv4Stack=true");
    private String membershipTimeoutMillis;
    private final Map<String, String> speakerEnvironment = new HashMap<>();

    MiniSpeakerLab(int nodes) throws IOException {
        this(nodes, false);
    }

    MiniSpeakerLab(int nodes, boolean managementNetwork) throws IOException {
        super("l2", nodes, managementNetwork);
        loopbackAddresses(VIP + "/32");
    }

    @Override
    public MiniSpeakerLab build() throws IOException {
        super.build();
        return this;
    }

    /** Sets BARELB_MEMBERLIST_TIMEOUT_MS for speakers started from now on (default: the plugin's). */
    void membershipTimeoutMillis(long millis) {
        membershipTimeoutMillis = Long.toString(millis);
    }

    /** Sets an environment variable (a BARELB_* setting) for speakers started from now on. */
    void speakerEnvironment(String name, String value) {
        speakerEnvironment.put(name, value);
    }

    void speakerJvmOptions(List<String> options) {
        speakerJvmOptions = List.copyOf(options);
    }

    Path stateFile(int i) {
        return dir().resolve("state-" + i + ".txt");
    }

    Path statusFile(int i) {
        return dir().resolve("status-" + i + ".txt");
    }

    void writeState(int i, String text) throws IOException {
        Path tmp = dir().resolve("state-" + i + ".tmp");
        Files.writeString(tmp, text);
        Files.move(tmp, stateFile(i), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Starts node i's mini speaker in its namespace, with CAP_NET_RAW as its only capability (the bounding set
     * is cut to it, so even as uid 0 the JVM holds nothing else).
     */
    Process startSpeaker(int i) throws IOException {
        List<String> command = new ArrayList<>(List.of("setpriv", "--bounding-set=-all,+net_raw", javaBin()));
        command.addAll(speakerJvmOptions);
        command.addAll(LOG_OPTIONS);
        command.addAll(List.of("-cp", testClassPath(), MiniSpeaker.class.getName(), nodeName(i),
                stateFile(i).toString(), statusFile(i).toString()));
        Map<String, String> environment = new HashMap<>(speakerEnvironment);
        environment.put("BARELB_MEMBERLIST_BIND", membershipIp(i) + ":" + MEMBERSHIP_PORT);
        environment.put("BARELB_MEMBERLIST_SEEDS", seeds());
        environment.put("BARELB_MEMBERLIST_CLUSTER", "lab-" + tag());
        if (membershipTimeoutMillis != null) {
            environment.put("BARELB_MEMBERLIST_TIMEOUT_MS", membershipTimeoutMillis);
        }
        return start(speaker(i), nodeNs(i), environment, command);
    }

    private static String speaker(int i) {
        return "speaker-" + i;
    }

    /** SIGKILL to node i's speaker (by PID); returns the wall-clock milliseconds just before the signal. */
    long killSpeaker(int i) throws InterruptedException {
        return kill(speaker(i));
    }

    /** The process id of node i's speaker JVM. */
    long speakerPid(int i) {
        return pid(speaker(i));
    }

    boolean speakerAlive(int i) {
        return alive(speaker(i));
    }

    String speakerLog(int i) {
        return log(speaker(i) + ".log");
    }

    String status(int i) {
        return log("status-" + i + ".txt");
    }

    /** The node numbers whose speaker reports announcing {@code address}. */
    List<Integer> announcers(String address) {
        return IntStream.rangeClosed(1, nodes())
                .filter(i -> speakerAlive(i) && status(i).lines().anyMatch(l -> l.startsWith("status " + address + " true ")))
                .boxed().toList();
    }

    /** A metric's value in node i's status file, 0 when absent. */
    long metric(int i, String series) {
        return status(i).lines().filter(l -> l.startsWith("metric " + series + " "))
                .mapToLong(l -> Long.parseLong(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    /**
     * Waits up to 10 s for a gratuitous ARP for {@link #VIP} from {@code mac} at or after {@code after} in the
     * tcpdump log {@code log}; returns its wall-clock ms.
     */
    long firstGratuitousAfter(String log, String mac, long after) throws InterruptedException {
        long[] found = {-1};
        await(Duration.ofSeconds(10), "a gratuitous ARP from " + mac + " in " + log, () -> {
            found[0] = TcpdumpArp.firstGratuitous(log(log), mac, VIP, after);
            return found[0] >= 0;
        });
        return found[0];
    }

    /** Polls {@code condition} every 20 ms until true; fails with {@code what} and the speakers' state if not. */
    void await(Duration limit, String what, BooleanSupplier condition) throws InterruptedException {
        await(limit, what, condition, this::describe);
    }

    /** Every speaker's status file and log tail, for failure messages. */
    String describe() {
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= nodes(); i++) {
            String logText = speakerLog(i);
            text.append("--- node ").append(i).append(" alive=").append(speakerAlive(i)).append('\n').append(status(i))
                    .append("--- log tail\n").append(logText.substring(Math.max(0, logText.length() - 3000))).append('\n');
        }
        return text.toString();
    }

    static String testClassPath() throws IOException {
        Path target = Path.of(System.getProperty("barelb.layer2.target", "target")).toAbsolutePath();
        String dependencies = Files.readString(target.resolve("test-classpath.txt")).trim();
        return target.resolve("test-classes") + ":" + target.resolve("classes") + ":" + dependencies;
    }
}
