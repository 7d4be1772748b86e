package io.barelb.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import io.barelb.testkit.NetnsLab;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The assembled speaker's whole path at scale (root and bird2 required; skipped with the reason otherwise, failed
 * under CI=true): {@code bin/barelb speaker --static DIR} on node-1 (192.0.2.11, and .21 as the source of its
 * second session) with two BGPPeers, BIRD at 192.0.2.100 and .101 (one table per session). N Services (default
 * 1,000, the CI smoke form; {@code -Dbarelb.bgp.scale.services=10000 -Dbarelb.bgp.scale.rounds=3} by hand), each
 * with one ingress address in 10.0.0.0/16 (host routes that live only in BIRD's tables) and a ready endpoint on
 * node-1. Per round: the Services file is swapped in (rename), until BIRD holds all N in both tables; then swapped
 * for an empty one (a comment), until both are empty. The speaker's RSS with the N routes out to both peers is
 * read from /proc. Figures to stdout and {@code target/bgp-static-scale.txt}; no time is asserted.
 */
class BgpStaticScaleLabIT {

    private final int services = Integer.getInteger("barelb.bgp.scale.services", 1_000);
    private final int rounds = Integer.getInteger("barelb.bgp.scale.rounds", 1);
    private BirdLab lab;

    private static final String JAVA_OPTS = "-Xmx256m -XX:+UseSerialGC";

    @AfterEach
    void tearDown() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void aSwappedServicesFileReachesBirdAndLeavesIt() throws Exception {
        lab = BirdLab.build(1);
        lab.addresses(lab.lab().clientNs(), "192.0.2.101/24");
        lab.addresses(lab.lab().nodeNs(1), "192.0.2.21/24");
        lab.write("metallb.yaml", ScaleFiles.CONFIGURATION);
        lab.write("endpoints.yaml", ScaleFiles.endpointSlices(services));
        lab.write("services.yaml", "# nothing announced\n");
        lab.startBird(List.of(new BirdLab.Protocol("tor_a", "192.0.2.100", "192.0.2.11", "", "t_tor_a"),
                new BirdLab.Protocol("tor_b", "192.0.2.101", "192.0.2.21", "", "t_tor_b")));
        lab.startSpeaker(1, JAVA_OPTS);
        await("both sessions Established", () -> lab.established("tor_a") && lab.established("tor_b"));
        String full = ScaleFiles.services(services);

        StringBuilder text = new StringBuilder("assembled speaker, %d Services (one /32 each) to 2 BIRD sessions, %s%n"
                .formatted(services, JAVA_OPTS));
        long rss = 0;
        for (int round = 1; round <= rounds; round++) {
            long started = System.nanoTime();
            lab.write("services.yaml", full);
            await("all routes in both tables", () -> fewest() == services);
            double add = (System.nanoTime() - started) / 1e9;
            rss = ProcessMemory.of(lab.lab().pid(BirdLab.speaker(1))).rssKb();
            started = System.nanoTime();
            lab.write("services.yaml", "# nothing announced\n");
            await("all routes withdrawn from both tables", () -> most() == 0);
            double withdrawn = (System.nanoTime() - started) / 1e9;
            text.append("round %d: file swapped in -> all in BIRD %.3f s; emptied -> all withdrawn %.3f s; RSS %d KiB%n"
                    .formatted(round, add, withdrawn, rss));
        }
        System.out.print(text);
        Files.writeString(Path.of("target", "bgp-static-scale.txt"), text);
        assertThat(lab.lab().alive(BirdLab.speaker(1))).isTrue();
        assertThat(rss).as("RSS read").isPositive();
    }

    private List<Integer> counts() {
        return lab.routeCounts("t_tor_a", "t_tor_b");
    }

    private int fewest() {
        List<Integer> counts = counts();
        return counts.size() == 2 ? Math.min(counts.get(0), counts.get(1)) : 0;
    }

    private int most() {
        return counts().stream().mapToInt(Integer::intValue).max().orElse(Integer.MAX_VALUE);
    }

    private void await(String what, BooleanSupplier condition) throws InterruptedException {
        NetnsLab.await(Duration.ofSeconds(120), what, condition,
                () -> lab.birdc("show", "protocols") + counts() + lab.speakerLogTail(1));
    }
}
