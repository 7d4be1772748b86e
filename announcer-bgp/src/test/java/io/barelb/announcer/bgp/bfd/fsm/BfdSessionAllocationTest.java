package io.barelb.announcer.bgp.bfd.fsm;

import static org.assertj.core.api.Assertions.assertThat;

import io.barelb.announcer.bgp.bfd.AllocationMeter;
import io.barelb.announcer.bgp.bfd.wire.BfdControlCodec;
import io.barelb.announcer.bgp.bfd.wire.BfdControlFields;
import io.barelb.announcer.bgp.bfd.wire.BfdDiagnostic;
import io.barelb.announcer.bgp.bfd.wire.BfdState;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

/**
 * The state machine's packet path allocates nothing: two Up sessions exchange 20 000 packets, each encoded into
 * a reused buffer and decoded by a {@link BfdReceiver} (codec, selection by discriminator, §6.8.6 processing,
 * the Final answering every tenth packet's Poll, the periodic timer with jitter), and this thread's allocation
 * counter does not move.
 */
class BfdSessionAllocationTest {

    private static final int ROUNDS = 10_000;

    /** Sends into one buffer that the test hands to the other side's receiver. */
    private static final class Wire implements BfdSessionActions {
        final ByteBuf buffer;
        long sent;
        long changes;

        Wire(ByteBuf buffer) {
            this.buffer = buffer;
        }

        @Override
        public void transmit(BfdControlFields packet) {
            buffer.clear();
            BfdControlCodec.encode(packet, buffer);
            sent++;
        }

        @Override
        public void stateChanged(BfdState from, BfdState to, BfdDiagnostic diagnostic) {
            changes++;
        }
    }

    @Test
    void receiveAndTransmitAllocateNothing() {
        AllocationMeter meter = AllocationMeter.forCurrentThread();
        ByteBuf trackedA = Unpooled.directBuffer(64);
        ByteBuf trackedB = Unpooled.directBuffer(64);
        Wire toB = new Wire(AllocationMeter.underLeakDetector(trackedA));
        Wire toA = new Wire(AllocationMeter.underLeakDetector(trackedB));
        BfdSessionConfig config = BfdSessionConfig.singleHop(50_000, 50_000, 3, false);
        BfdSessionTable<String> tableA = new BfdSessionTable<>(new SplittableRandom(1));
        BfdSessionTable<String> tableB = new BfdSessionTable<>(new SplittableRandom(2));
        BfdSession a = tableA.add("b", d -> new BfdSession(d, config, toB, new SplittableRandom(3)));
        BfdSession b = tableB.add("a", d -> new BfdSession(d, config, toA, new SplittableRandom(4)));
        BfdReceiver<String> receiverA = new BfdReceiver<>(tableA);
        BfdReceiver<String> receiverB = new BfdReceiver<>(tableB);
        long[] clock = {0};
        a.start(0);
        receiverB.receive(toB.buffer, "a", 255, 0);
        b.start(0);
        receiverA.receive(toA.buffer, "b", 255, 0);
        receiverB.receive(toB.buffer, "a", 255, 0);
        receiverA.receive(toA.buffer, "b", 255, 0);
        assertThat(a.state()).isEqualTo(BfdState.UP);
        assertThat(b.state()).isEqualTo(BfdState.UP);

        LongSupplier work = () -> exchange(a, b, receiverA, receiverB, toA, toB, clock, ROUNDS);
        for (int i = 0; i < 10; i++) {
            work.getAsLong();
        }

        long allocated = meter.allocatedBy(work);
        long accepted = meter.result();

        assertThat(accepted).as("every packet reached its session").isEqualTo(2L * ROUNDS);
        assertThat(a.state()).isEqualTo(BfdState.UP);
        assertThat(b.state()).isEqualTo(BfdState.UP);
        assertThat(a.pollSequences()).as("polls ran").isGreaterThan(ROUNDS / 10);
        assertThat(allocated).as("bytes allocated over %d FSM receive+transmit rounds", ROUNDS).isZero();
        trackedA.release();
        trackedB.release();
    }

    /** Each round: both timers fire and each side receives the other's packet; every tenth, A changes its rx. */
    private static long exchange(BfdSession a, BfdSession b, BfdReceiver<String> receiverA, BfdReceiver<String> receiverB,
            Wire toA, Wire toB, long[] clock, int rounds) {
        long accepted = 0;
        for (int i = 0; i < rounds; i++) {
            long now = clock[0] + 1;
            if (i % 10 == 0) {
                a.reconfigure(i % 20 == 0 ? FAST_RX : SLOW_RX, now); // starts a Poll; B answers with a Final
                if (receiverB.receive(toB.buffer, "a", 255, now) == BfdReceiveOutcome.ACCEPTED) {
                    receiverA.receive(toA.buffer, "b", 255, now);
                }
            }
            // each side's periodic packet is due within the interval: fire both timers then
            long due = Math.max(a.nextTransmitNanos(), b.nextTransmitNanos());
            a.onTimer(due);
            b.onTimer(due);
            now = due;
            clock[0] = due;
            if (receiverB.receive(toB.buffer, "a", 255, now) == BfdReceiveOutcome.ACCEPTED) {
                accepted++;
            }
            if (receiverA.receive(toA.buffer, "b", 255, now) == BfdReceiveOutcome.ACCEPTED) {
                accepted++;
            }
        }
        return accepted;
    }

    private static final BfdSessionConfig FAST_RX = BfdSessionConfig.singleHop(50_000, 40_000, 3, false);
    private static final BfdSessionConfig SLOW_RX = BfdSessionConfig.singleHop(50_000, 50_000, 3, false);
}
