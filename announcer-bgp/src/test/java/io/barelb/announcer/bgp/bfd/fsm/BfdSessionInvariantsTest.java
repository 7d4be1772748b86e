package io.barelb.announcer.bgp.bfd.fsm;

import static org.assertj.core.api.Assertions.assertThat;

import io.barelb.announcer.bgp.bfd.wire.BfdControlFields;
import io.barelb.announcer.bgp.bfd.wire.BfdControlPacket;
import io.barelb.announcer.bgp.bfd.wire.BfdDiagnostic;
import io.barelb.announcer.bgp.bfd.wire.BfdState;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Two sessions talking over a simulated link with random delay, loss, cuts, parameter changes and administrative
 * downs, on seeded {@link Random}s (the seed is in every failure message). Invariants: no packet has both P and F;
 * every transition is one RFC 5880 §6.8.6 allows, with the diagnostic it calls for; a detection-time Down comes
 * only after a detection time without packets; no Down at all while the link is clean; a clean stretch of
 * 6 s ends with both Up; a cut takes an Up session Down within its detection time.
 */
class BfdSessionInvariantsTest {

    private static final long MS = 1_000_000;
    private static final long[] INTERVALS = {50_000, 100_000, 300_000};

    private enum Phase { CLEAN, LOSSY, CUT, ADMIN }

    private record Delivery(long at, long seq, int to, BfdControlPacket packet) {
    }

    private final class End implements BfdSessionActions {
        final int index;
        BfdSession session;
        final List<Long> receivedAt = new ArrayList<>();
        final List<String> downs = new ArrayList<>();

        End(int index) {
            this.index = index;
        }

        @Override
        public void transmit(BfdControlFields packet) {
            assertThat(packet.poll() && packet.fin()).as("P and F in one packet, %s", where()).isFalse();
            boolean lost = phase == Phase.CUT || (phase == Phase.LOSSY && link.nextInt(100) < 25);
            if (!lost) {
                queue.add(new Delivery(now + link.nextInt(2_000_000), seq++, 1 - index, packet.toPacket()));
            }
        }

        @Override
        public void stateChanged(BfdState from, BfdState to, BfdDiagnostic diagnostic) {
            assertThat(LEGAL.contains(from.name() + ">" + to.name())).as("transition %s>%s, %s", from, to, where()).isTrue();
            if (to == BfdState.ADMIN_DOWN) {
                assertThat(diagnostic).isEqualTo(BfdDiagnostic.ADMINISTRATIVELY_DOWN);
            }
            if (to == BfdState.DOWN && from != BfdState.ADMIN_DOWN) {
                assertThat(diagnostic).as(where()).isIn(BfdDiagnostic.CONTROL_DETECTION_TIME_EXPIRED,
                        BfdDiagnostic.NEIGHBOR_SIGNALED_SESSION_DOWN);
                downs.add(now / MS + " ms " + from + ">" + to + " diag " + diagnostic.code());
                if (phase == Phase.CLEAN && now >= phaseStart + 2_000 * MS) {
                    throw new AssertionError("false Down on a clean link at " + now / MS + " ms, " + where());
                }
            }
            if (diagnostic == BfdDiagnostic.CONTROL_DETECTION_TIME_EXPIRED && to == BfdState.DOWN) {
                long quietSince = receivedAt.isEmpty() ? 0 : receivedAt.get(receivedAt.size() - 1);
                long detection = session.detectionTimeNanos();
                assertThat(now - quietSince).as("quiet time before a diag 1 Down, %s", where()).isGreaterThanOrEqualTo(detection);
            }
        }
    }

    private static final Set<String> LEGAL = Set.of("DOWN>INIT", "DOWN>UP", "INIT>UP", "INIT>DOWN", "UP>DOWN",
            "DOWN>ADMIN_DOWN", "INIT>ADMIN_DOWN", "UP>ADMIN_DOWN", "ADMIN_DOWN>DOWN");

    private long seed;
    private Random link;
    private long now;
    private long seq;
    private Phase phase = Phase.CLEAN;
    private long phaseStart;
    private final PriorityQueue<Delivery> queue = new PriorityQueue<>(
            (a, b) -> a.at != b.at ? Long.compare(a.at, b.at) : Long.compare(a.seq, b.seq));

    private String where() {
        return "seed " + seed + " at " + now / MS + " ms in " + phase;
    }

    @Test
    void invariantsHoldOverRandomRuns() {
        for (seed = 1; seed <= 40; seed++) {
            run();
        }
    }

    private void run() {
        Random random = new Random(seed);
        link = new Random(seed * 31);
        now = 0;
        seq = 0;
        queue.clear();
        phase = Phase.CLEAN;
        phaseStart = 0;
        End[] ends = {new End(0), new End(1)};
        for (End end : ends) {
            end.session = new BfdSession(0x10000 * (end.index + 1) + 1, randomConfig(random, end.index == 1 && random.nextBoolean()),
                    end, new Random(seed * 7 + end.index));
            end.session.start(0);
        }
        long end = 120_000 * MS;
        while (now < end) {
            Phase next = Phase.values()[random.nextInt(Phase.values().length)];
            long length = (next == Phase.CLEAN ? 6_000 + random.nextInt(6_000) : 2_000 + random.nextInt(2_000)) * MS;
            startPhase(next, ends, random);
            long until = now + length;
            long[] detectionAtCut = {ends[0].session.detectionTimeNanos(), ends[1].session.detectionTimeNanos()};
            boolean[] upAtCut = {ends[0].session.state() == BfdState.UP, ends[1].session.state() == BfdState.UP};
            runUntil(ends, until, random);
            if (phase == Phase.CUT) {
                for (int i = 0; i < 2; i++) {
                    if (upAtCut[i] && length > detectionAtCut[i] + MS) {
                        assertThat(ends[i].session.state()).as("Up at the cut, %s", where()).isEqualTo(BfdState.DOWN);
                    }
                }
            }
            if (phase == Phase.CLEAN) {
                assertThat(ends[0].session.state()).as("after a clean stretch, %s, downs %s", where(), ends[0].downs)
                        .isEqualTo(BfdState.UP);
                assertThat(ends[1].session.state()).as("after a clean stretch, %s", where()).isEqualTo(BfdState.UP);
            }
            if (phase == Phase.ADMIN) {
                ends[0].session.adminUp(now);
            }
        }
        assertThat(ends[0].session.packetsReceived() + ends[1].session.packetsReceived()).isPositive();
    }

    private void startPhase(Phase next, End[] ends, Random random) {
        phase = next;
        phaseStart = now;
        if (next == Phase.ADMIN) {
            ends[0].session.adminDown(now);
        }
        if (next == Phase.CLEAN && random.nextBoolean()) {
            End changed = ends[random.nextInt(2)];
            changed.session.reconfigure(randomConfig(random, changed.session.config().passive()), now);
        }
    }

    private void runUntil(End[] ends, long until, Random random) {
        while (true) {
            long next = Math.min(until, Math.min(ends[0].session.nextDeadlineNanos(), ends[1].session.nextDeadlineNanos()));
            Delivery delivery = queue.peek();
            if (delivery != null && delivery.at <= next) {
                queue.poll();
                now = delivery.at;
                End to = ends[delivery.to];
                BfdControlFields fields = new BfdControlFields().set(delivery.packet);
                if (to.session.receive(fields, 255, now) == BfdReceiveOutcome.ACCEPTED) {
                    to.receivedAt.add(now);
                }
                continue;
            }
            if (next >= until) {
                now = until;
                return;
            }
            now = next;
            for (End end : ends) {
                if (end.session.nextDeadlineNanos() <= now) {
                    end.session.onTimer(now);
                }
            }
        }
    }

    private static BfdSessionConfig randomConfig(Random random, boolean passive) {
        return BfdSessionConfig.singleHop(INTERVALS[random.nextInt(3)], INTERVALS[random.nextInt(3)],
                1 + random.nextInt(5), passive);
    }
}
