package io.barelb.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import io.barelb.testkit.NetnsLab;
import io.barelb.testkit.Requirements;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the BGP labs of the assembled speaker share: a {@link NetnsLab} (prefix {@code bb}) with BIRD 2 in the
 * client namespace, one static folder every speaker reads, and the speakers ({@code bin/barelb speaker --static})
 * without any capability. Closing it closes the lab.
 */
final class BirdLab implements AutoCloseable {

    /** BIRD's side of one BGP session: its name, BIRD's address, the speaker's, extra lines, the table. */
    record Protocol(String name, String local, String neighbor, String extra, String table) {
    }

    private static final Pattern ROUTE_COUNT = Pattern.compile("(\\d+) of \\d+ routes for \\d+ networks in table (\\S+)");

    private final NetnsLab lab;
    private final Path distribution;
    private final Path folder;
    private final Path birdSocket;

    private BirdLab(NetnsLab lab, Path distribution) throws IOException {
        this.lab = lab;
        this.distribution = distribution;
        this.folder = lab.dir().resolve("static");
        this.birdSocket = lab.dir().resolve("bird.ctl");
        Files.createDirectories(folder);
    }

    /** Checks root, bird2 and the assembled launcher, and builds a lab of {@code nodes} nodes. */
    static BirdLab build(int nodes) throws IOException {
        return build("bb", nodes);
    }

    /** Same, with the namespace names starting with {@code prefix}. */
    static BirdLab build(String prefix, int nodes) throws IOException {
        Requirements.requireRoot();
        Requirements.requireCommands("ip", "bird", "birdc", "setpriv");
        Path distribution = AssembledDistribution.checkedHome();
        return new BirdLab(new NetnsLab(prefix, nodes, false).build(), distribution);
    }

    NetnsLab lab() {
        return lab;
    }

    /** Adds {@code cidrs} to {@code eth0} of {@code ns}. */
    void addresses(String ns, String... cidrs) throws IOException {
        for (String cidr : cidrs) {
            NetnsLab.run("ip", "-n", ns, "addr", "add", cidr, "dev", "eth0");
        }
    }

    /** Writes a file of the static folder beside its *.yaml pattern, then renames it in. */
    void write(String name, String text) throws IOException {
        StaticFiles.writeAtomically(folder.resolve(name), text);
    }

    /** Starts BIRD (router ID 192.0.2.100, passive eBGP from AS 64512 to 64513) with {@code protocols}. */
    void startBird(List<Protocol> protocols) throws IOException {
        StringBuilder text = new StringBuilder("router id 192.0.2.100;\nprotocol device { }\n");
        protocols.stream().map(Protocol::table).filter(t -> !t.equals("master4")).distinct()
                .forEach(table -> text.append("ipv4 table ").append(table).append(";\n"));
        for (Protocol p : protocols) {
            text.append("""
                    protocol bgp %s {
                      local %s as 64513;
                      neighbor %s as 64512;
                      passive on;
                      error wait time 1, 5;
                      %s
                      ipv4 { table %s; import all; export none; gateway direct; };
                    }
                    """.formatted(p.name(), p.local(), p.neighbor(), p.extra(), p.table()));
        }
        Path config = lab.dir().resolve("bird.conf");
        Files.writeString(config, text);
        lab.start("bird", lab.clientNs(), Map.of(), List.of("bird", "-f", "-c", config.toString(), "-s",
                birdSocket.toString(), "-P", lab.dir().resolve("bird.pid").toString()));
    }

    /** Starts {@code bin/barelb speaker} as node-i in node i's namespace, tracked as {@code speaker-i}. */
    void startSpeaker(int i, String javaOptions) throws IOException {
        startSpeaker(i, Map.of("BARELB_JAVA_OPTS", javaOptions));
    }

    /** Same, with {@code environment} (the launcher's variables) added to JAVA. */
    Process startSpeaker(int i, Map<String, String> environment) throws IOException {
        Map<String, String> full = new java.util.HashMap<>(environment);
        full.put("JAVA", NetnsLab.javaBin());
        return lab.start(speaker(i), lab.nodeNs(i), full,
                List.of("setpriv", "--bounding-set=-all", "--inh-caps=-all", distribution.resolve("bin/barelb").toString(),
                        "speaker", "--node", NetnsLab.nodeName(i), "--static", folder.toString(), "--metrics-port", "0"));
    }

    static String speaker(int i) {
        return "speaker-" + i;
    }

    String speakerLog(int i) {
        return lab.log(speaker(i) + ".log");
    }

    /** The end of node i's speaker log, for failure messages. */
    String speakerLogTail(int i) {
        String log = speakerLog(i);
        return "\n--- speaker node-" + i + " log tail ---\n" + log.substring(Math.max(0, log.length() - 5000));
    }

    String birdc(String... words) {
        return new Birdc(lab, lab.clientNs(), birdSocket).run(words);
    }

    /** The number of routes in each of {@code tables}, as {@code birdc show route ... count} reports them. */
    List<Integer> routeCounts(String... tables) {
        List<String> command = new ArrayList<>(List.of("show", "route"));
        for (String table : tables) {
            command.add("table");
            command.add(table);
        }
        command.add("count");
        Matcher m = ROUTE_COUNT.matcher(birdc(command.toArray(String[]::new)));
        List<Integer> counts = new ArrayList<>();
        while (m.find()) {
            counts.add(Integer.parseInt(m.group(1)));
        }
        return counts;
    }

    boolean established(String protocol) {
        return birdc("show", "protocols", protocol).lines().anyMatch(l -> l.startsWith(protocol) && l.contains("Established"));
    }

    @Override
    public void close() {
        lab.close();
    }
}
