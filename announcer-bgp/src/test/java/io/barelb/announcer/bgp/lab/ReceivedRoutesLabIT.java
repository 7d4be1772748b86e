package io.barelb.announcer.bgp.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.barelb.testkit.NetnsLab;
import io.barelb.testkit.Requirements;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A peer sending us its whole table (issue 9): gobgpd peers our {@code BenchSpeaker} directly (node 2, 192.0.2.12,
 * passive; ours dials from node 1, 192.0.2.11; hold 9 s both ways) and is injected N host routes (default 100,000,
 * {@code -Dbarelb.bgp.received.routes}), which it sends us. Received UPDATEs are counted, never stored, so:
 * every UPDATE gobgpd sent has arrived (its sent counter equals our received counter); the heap in use after full
 * collections grows by less than {@value #HEAP_BOUND_BYTES} bytes, a tenth of what keeping 100,000 prefixes in a
 * map would take (about 10 MB: node, prefix and address objects); the session stayed Established throughout (one
 * Established in our log, none of gobgpd's flops) and gobgpd kept receiving our KEEPALIVEs during and after the
 * flood. Heap, RSS and the time to take the routes in are printed and written to
 * {@code target/bgp-received-routes.txt}.
 */
class ReceivedRoutesLabIT {

    private static final long HEAP_BOUND_BYTES = 1_000_000;
    private static final Duration SETTLE = Duration.ofSeconds(60);
    /** gobgpd sends one UPDATE per route; on a loaded 2-core machine 100,000 took it more than 2 minutes. */
    private static final Duration FLOOD = Duration.ofMinutes(10);
    private static final Pattern SENT = Pattern.compile("\"sent\":\\{([^}]*)}");
    private static final Pattern RECEIVED = Pattern.compile("\"received\":\\{([^}]*)}");

    private final int routes = Integer.getInteger("barelb.bgp.received.routes", 100_000);
    private NetnsLab lab;

    @AfterEach
    void tearDown() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void aHundredThousandRoutesLeaveTheHeapFlatAndTheSessionUp() throws Exception {
        Requirements.requireRoot();
        Requirements.requireCommands("ip", "gobgpd", "gobgp", "mkfifo");
        lab = new NetnsLab("bb", 2, false).build();
        Gobgp gobgpd = Gobgp.start(lab, lab.nodeNs(2), 64514, "192.0.2.12",
                List.of(new Gobgp.Neighbor("192.0.2.11", 64512, "192.0.2.12", true)));
        SpeakerJvm speaker = SpeakerJvm.start(lab, lab.nodeNs(1), "2001:db8::11", "g,64512,64514,192.0.2.12,192.0.2.11,-");
        await("the session Established", () -> speaker.log().contains("state g ESTABLISHED"), SETTLE, speaker, gobgpd);
        Thread.sleep(2_000); // past the start-up's allocations (class loading, the first UPDATEs)
        long heapBefore = speaker.heapAfterGc();
        long rssBefore = SpeakerJvm.rssKb(speaker.pid());
        long keepalivesBefore = counter(RECEIVED, "keepalive", gobgpd);

        byte[] mrt = Gobgp.hostRoutes(routes, "192.0.2.12", 64514);
        long started;
        long arrived;
        try (MrtInjection injection = MrtInjection.open(lab, gobgpd.ns(), lab.dir().resolve("routes.fifo"))) {
            started = injection.send(mrt);
            await("gobgpd to have all routes out to us and every UPDATE it sent received", () -> {
                try {
                    Thread.sleep(1_000); // each look forks gobgp twice: not often, gobgpd needs the CPU more
                    return advertised(gobgpd) == routes && counter(SENT, "update", gobgpd) == speaker.updatesReceived("g");
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }, FLOOD, speaker, gobgpd);
            arrived = System.nanoTime();
        }
        long updates = speaker.updatesReceived("g");
        long heapAfter = speaker.heapAfterGc();
        long rssAfter = SpeakerJvm.rssKb(speaker.pid());
        long keepalivesAfterFlood = counter(RECEIVED, "keepalive", gobgpd);
        // a keepalive interval (3 s) later, ours still come
        await("gobgpd receiving our KEEPALIVEs after the flood",
                () -> counter(RECEIVED, "keepalive", gobgpd) > keepalivesAfterFlood, SETTLE, speaker, gobgpd);

        String text = ("%d routes received from gobgpd in %d UPDATEs, %.2f s from the injection until gobgpd had sent"
                + " them all and we had read every UPDATE; heap after full GC %d -> %d KiB (%+d KiB), RSS %d -> %d KiB"
                + " (%s); gobgpd received %d KEEPALIVEs from us meanwhile%n").formatted(routes, updates,
                (arrived - started) / 1e9, heapBefore / 1024, heapAfter / 1024, (heapAfter - heapBefore) / 1024,
                rssBefore, rssAfter, String.join(" ", SpeakerJvm.OPTIONS), keepalivesAfterFlood - keepalivesBefore);
        System.out.print("bgp received routes: " + text);
        Files.writeString(Path.of("target", "bgp-received-routes.txt"), text);

        assertThat(updates).as("UPDATEs counted").isPositive();
        assertThat(heapAfter - heapBefore).as("heap growth after %d received routes (bytes)", routes)
                .isLessThan(HEAP_BOUND_BYTES);
        assertThat(speaker.log().split("state g ESTABLISHED", -1)).as("Established once, never dropped").hasSize(2);
        assertThat(speaker.ask("received g", "received g")[1]).isEqualTo("ESTABLISHED");
        assertThat(gobgpd.cli("-j", "neighbor", "192.0.2.11")).as("gobgpd's side").contains("\"session_state\":6")
                .doesNotContain("\"flops\"");
    }

    /** gobgpd's routes out to us (its adj-out count for IPv4 unicast). */
    private static long advertised(Gobgp gobgpd) {
        Matcher m = Pattern.compile("\"advertised\":\"?(\\d+)").matcher(gobgpd.cli("-j", "neighbor", "192.0.2.11"));
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    /** One message counter of gobgpd's neighbor 192.0.2.11 (its JSON omits a zero). */
    private static long counter(Pattern direction, String message, Gobgp gobgpd) {
        Matcher block = direction.matcher(gobgpd.cli("-j", "neighbor", "192.0.2.11"));
        if (!block.find()) {
            return 0;
        }
        Matcher m = Pattern.compile("\"" + message + "\":\"?(\\d+)").matcher(block.group(1));
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    private static void await(String what, BooleanSupplier condition, Duration limit, SpeakerJvm speaker, Gobgp gobgpd)
            throws InterruptedException {
        NetnsLab.await(limit, what, condition, () -> {
            String log = speaker.log();
            return gobgpd.cli("-j", "neighbor", "192.0.2.11") + "\n--- speaker log tail ---\n"
                    + log.substring(Math.max(0, log.length() - 3000)) + "\n--- gobgpd log tail ---\n" + gobgpd.logTail();
        });
    }
}
