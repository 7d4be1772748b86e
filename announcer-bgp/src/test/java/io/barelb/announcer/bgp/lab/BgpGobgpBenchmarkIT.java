package io.barelb.announcer.bgp.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.barelb.testkit.NetnsLab;
import io.barelb.testkit.Requirements;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The benchmark of issue 9, side by side in one lab: gobgpd (the reference) and our {@link BenchSpeaker} each feed
 * the same BIRD 2 the same N host routes (10.0.0.0/32 up; default 2,000 and one round, the CI smoke form; by hand
 * {@code -Dbarelb.bgp.bench.routes=10000 -Dbarelb.bgp.bench.rounds=5}), each over two sessions (two BIRD
 * protocols, each with its own table). Per round, the two take turns (the order alternates), and each:
 * <ol>
 * <li><b>live add</b>: gobgp: a connected {@code gobgp mrt inject global} is handed the MRT file; ours: the
 *     speaker JVM is sent {@code fill N} on stdin (it builds the route map and calls {@code setRoutes} of both
 *     sessions, as {@code BgpAnnouncer} does). Until BIRD holds all N in both tables;
 * <li><b>initial transfer</b>: with the routes configured, BIRD disables and enables both protocols; from the
 *     moment each reached Established (BIRD's own timestamp, ms) until its table holds all N; the larger of the two;
 * <li><b>withdrawal</b>: gobgp: {@code gobgp global rib -a ipv4 del all} (a process start included); ours:
 *     {@code empty}. Until both tables are empty.
 * </ol>
 * BIRD is polled over one open control socket every {@value #POLL_MS} ms. RSS of both speakers (and our heap
 * after full collections) is read with the N routes out to both peers. Figures go to stdout and
 * {@code target/bgp-benchmark.txt}; nothing here asserts a time (the assertions are that every route arrives and
 * leaves), docs/performance.md records and compares them.
 *
 * <p>Lab ({@link NetnsLab}, prefix {@code bb}, two nodes): BIRD in the client namespace (192.0.2.100 and .101),
 * ours in node 1 (192.0.2.11 and .21), gobgpd in node 2 (192.0.2.12 and .22). The routes are 10.0.0.0/16 host
 * routes that live only in BIRD's tables (no kernel protocol): no address outside the namespaces is touched.
 */
class BgpGobgpBenchmarkIT {

    private static final int POLL_MS = 5;
    private static final long OUR_ASN = 64512;
    private static final long BIRD_ASN = 64513;
    private static final long GOBGP_ASN = 64514;
    private static final String[] OURS = {"ours_a", "ours_b"};
    private static final String[] GOBGP = {"gobgp_a", "gobgp_b"};
    private static final Duration LIMIT = Duration.ofSeconds(90);
    private static final DateTimeFormatter BIRD_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    private final int routes = Integer.getInteger("barelb.bgp.bench.routes", 2_000);
    private final int rounds = Integer.getInteger("barelb.bgp.bench.rounds", 1);
    private final Map<String, List<Double>> figures = new LinkedHashMap<>();
    private NetnsLab lab;
    private BirdControl bird;
    private SpeakerJvm speaker;
    private Gobgp gobgpd;
    private Path birdSocket;

    @AfterEach
    void tearDown() throws IOException {
        if (bird != null) {
            bird.close();
        }
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void gobgpAndOursFeedTheSameBird() throws Exception {
        Requirements.requireRoot();
        Requirements.requireCommands("ip", "bird", "gobgpd", "gobgp", "mkfifo");
        lab = new NetnsLab("bb", 2, false).build();
        NetnsLab.run("ip", "-n", lab.clientNs(), "addr", "add", "192.0.2.101/24", "dev", "eth0");
        NetnsLab.run("ip", "-n", lab.nodeNs(1), "addr", "add", "192.0.2.21/24", "dev", "eth0");
        NetnsLab.run("ip", "-n", lab.nodeNs(2), "addr", "add", "192.0.2.22/24", "dev", "eth0");
        startBird();
        gobgpd = Gobgp.start(lab, lab.nodeNs(2), GOBGP_ASN, "192.0.2.12", List.of(
                new Gobgp.Neighbor("192.0.2.100", BIRD_ASN, "192.0.2.12", false),
                new Gobgp.Neighbor("192.0.2.101", BIRD_ASN, "192.0.2.22", false)));
        speaker = SpeakerJvm.start(lab, lab.nodeNs(1), "2001:db8::11",
                "a," + OUR_ASN + "," + BIRD_ASN + ",192.0.2.100,192.0.2.11,-",
                "b," + OUR_ASN + "," + BIRD_ASN + ",192.0.2.101,192.0.2.21,-");
        awaitTrue("all four sessions Established", () -> bird.establishedSince().size() == 4);
        byte[] mrt = Gobgp.hostRoutes(routes, "192.0.2.12", GOBGP_ASN);
        Path fifo = lab.dir().resolve("routes.fifo");
        long[] rss = new long[2];
        long heap = 0;

        for (int round = 0; round < rounds; round++) {
            boolean gobgpFirst = round % 2 == 0;
            for (int turn = 0; turn < 2; turn++) {
                boolean gobgp = gobgpFirst == (turn == 0);
                String who = gobgp ? "gobgp" : "ours";
                String[] protocols = gobgp ? GOBGP : OURS;
                String[] tables = tables(protocols);

                double add;
                if (gobgp) {
                    try (MrtInjection injection = MrtInjection.open(lab, gobgpd.ns(), fifo)) {
                        long started = injection.send(mrt);
                        awaitTrue(who + " routes in BIRD", () -> bird.fewestRoutes(tables) == routes);
                        add = seconds(started);
                    }
                } else {
                    long started = System.nanoTime();
                    speaker.command("fill " + routes);
                    awaitTrue(who + " routes in BIRD", () -> bird.fewestRoutes(tables) == routes);
                    add = seconds(started);
                }
                record(who + " live add", add);
                assertThat(bird.routeCounts(tables).values()).as("exactly the routes sent, per table").containsOnly(routes);

                if (round == rounds - 1) {
                    rss[gobgp ? 1 : 0] = SpeakerJvm.rssKb(gobgp ? gobgpd.pid() : speaker.pid());
                    if (!gobgp) {
                        heap = speaker.heapAfterGc();
                    }
                }

                record(who + " initial transfer", initialTransfer(protocols));

                long started = System.nanoTime();
                CompletableFuture<String> cli = gobgp ? CompletableFuture.supplyAsync(() -> gobgpd.cli("global", "rib",
                        "-a", "ipv4", "del", "all")) : CompletableFuture.completedFuture("");
                if (!gobgp) {
                    speaker.command("empty");
                }
                awaitTrue(who + " routes withdrawn from BIRD", () -> bird.mostRoutes(tables) == 0);
                record(who + " withdrawal", seconds(started));
                cli.join();
            }
        }
        report(rss, heap);
    }

    /** Bounces BIRD's {@code protocols}; the larger time from Established to all routes, seconds. */
    private double initialTransfer(String[] protocols) throws InterruptedException {
        String[] tables = tables(protocols);
        for (String protocol : protocols) {
            bird.ask("disable " + protocol);
        }
        awaitTrue("the bounced protocols down and their tables flushed",
                () -> bird.mostRoutes(tables) == 0 && !bird.establishedSince().containsKey(protocols[0])
                        && !bird.establishedSince().containsKey(protocols[1]));
        for (String protocol : protocols) {
            bird.ask("enable " + protocol);
        }
        Map<String, Long> full = new LinkedHashMap<>();
        awaitTrue("all routes after the bounce", () -> {
            Map<String, Integer> counts = bird.routeCounts(tables);
            long now = System.currentTimeMillis();
            counts.forEach((table, count) -> {
                if (count == routes) {
                    full.putIfAbsent(table, now);
                }
            });
            return full.size() == protocols.length;
        });
        Map<String, String> since = bird.establishedSince();
        double worst = 0;
        for (String protocol : protocols) {
            long established = LocalDateTime.parse(since.get(protocol), BIRD_TIME).atZone(ZoneId.systemDefault())
                    .toInstant().toEpochMilli();
            worst = Math.max(worst, (full.get(table(protocol)) - established) / 1000.0);
        }
        return worst;
    }

    // ---- the lab's processes

    private void startBird() throws IOException, InterruptedException {
        Path config = lab.dir().resolve("bird.conf");
        birdSocket = lab.dir().resolve("bird.ctl");
        StringBuilder text = new StringBuilder("""
                router id 192.0.2.100;
                timeformat protocol "%F %T.%3f";
                protocol device { }
                """);
        String[][] protocols = {{"ours_a", "192.0.2.100", "192.0.2.11", "" + OUR_ASN},
                {"ours_b", "192.0.2.101", "192.0.2.21", "" + OUR_ASN},
                {"gobgp_a", "192.0.2.100", "192.0.2.12", "" + GOBGP_ASN},
                {"gobgp_b", "192.0.2.101", "192.0.2.22", "" + GOBGP_ASN}};
        for (String[] p : protocols) {
            text.append("ipv4 table ").append(table(p[0])).append(";\n");
            text.append("""
                    protocol bgp %s {
                      local %s as %d;
                      neighbor %s as %s;
                      passive on;
                      error wait time 1, 5;
                      ipv4 { table %s; import all; export none; gateway direct; };
                    }
                    """.formatted(p[0], p[1], BIRD_ASN, p[2], p[3], table(p[0])));
        }
        Files.writeString(config, text);
        lab.start("bird", lab.clientNs(), Map.of(), List.of("bird", "-f", "-c", config.toString(), "-s",
                birdSocket.toString(), "-P", lab.dir().resolve("bird.pid").toString()));
        try {
            bird = BirdControl.await(birdSocket, Duration.ofSeconds(10));
        } catch (IOException e) {
            throw new AssertionError("BIRD did not start:\n" + lab.log("bird.log"), e);
        }
    }

    /** The BIRD table of {@code protocol}'s routes. */
    private static String table(String protocol) {
        return "t_" + protocol;
    }

    private static String[] tables(String[] protocols) {
        return java.util.Arrays.stream(protocols).map(BgpGobgpBenchmarkIT::table).toArray(String[]::new);
    }

    // ---- figures

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    private void record(String what, double seconds) {
        figures.computeIfAbsent(what, k -> new ArrayList<>()).add(seconds);
        System.out.printf("bgp benchmark: %s %.3f s%n", what, seconds);
    }

    private void report(long[] rss, long heap) throws IOException {
        StringBuilder text = new StringBuilder("BGP benchmark, %d host routes to 2 BIRD sessions each, %d round(s), "
                .formatted(routes, rounds) + "order alternating (gobgp first in even rounds)\n");
        for (Map.Entry<String, List<Double>> e : figures.entrySet()) {
            List<Double> sorted = e.getValue().stream().sorted().toList();
            text.append("%-24s min %.3f median %.3f max %.3f s; every round: %s%n".formatted(e.getKey(), sorted.get(0),
                    sorted.get(sorted.size() / 2), sorted.get(sorted.size() - 1),
                    e.getValue().stream().map(v -> String.format("%.3f", v)).collect(Collectors.joining(", "))));
        }
        for (String what : List.of("live add", "withdrawal", "initial transfer")) {
            text.append("%-24s ours/gobgp median ratio %.2f%n".formatted(what, median("ours " + what) / median("gobgp " + what)));
        }
        text.append("RSS with the routes out to both peers: ours %d KiB (heap after full GC %d KiB, %s"
                .formatted(rss[0], heap / 1024, String.join(" ", SpeakerJvm.OPTIONS)) + "), gobgpd %d KiB%n".formatted(rss[1]));
        System.out.print(text);
        Files.writeString(Path.of("target", "bgp-benchmark.txt"), text);
    }

    private double median(String what) {
        List<Double> sorted = figures.get(what).stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private void awaitTrue(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + LIMIT + " waiting for " + what + "\n" + describe());
            }
            Thread.sleep(POLL_MS);
        }
    }

    private String describe() {
        String log = speaker.log();
        return bird.ask("show protocols") + "\n" + bird.routeCounts(tables(OURS)) + " " + bird.routeCounts(tables(GOBGP))
                + "\n--- speaker log tail ---\n" + log.substring(Math.max(0, log.length() - 4000))
                + "\n--- gobgpd log tail ---\n" + gobgpd.logTail();
    }
}
