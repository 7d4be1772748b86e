package io.barelb.announcer.bgp.bfd.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.barelb.announcer.bgp.bfd.AllocationMeter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

/**
 * The packet path allocates nothing: encoding into a reused buffer and decoding into a reused holder, 10 000
 * times, adds zero bytes to this thread's allocation counter. A correctness property (no garbage, so no GC pause
 * caused by BFD itself), not a timing one.
 */
class BfdCodecAllocationTest {

    private static final int ROUNDS = 10_000;

    @Test
    void encodeAndDecodeAllocateNothing() {
        AllocationMeter meter = AllocationMeter.forCurrentThread();
        ByteBuf tracked = Unpooled.directBuffer(64);
        ByteBuf buffer = AllocationMeter.underLeakDetector(tracked);
        byte[] array = new byte[64];
        BfdControlFields transmit = new BfdControlFields();
        BfdControlFields receive = new BfdControlFields();
        LongSupplier work = () -> run(buffer, array, transmit, receive, ROUNDS);
        // warm up: class loading and the interpreter's first profiles allocate; the steady state is what counts
        for (int i = 0; i < 3; i++) {
            work.getAsLong();
        }

        long allocated = meter.allocatedBy(work);

        assertThat(meter.result()).isEqualTo((long) ROUNDS * (ROUNDS - 1)); // every decode (two per round) saw its discriminator
        assertThat(allocated).as("bytes allocated over %d encode+decode rounds", ROUNDS).isZero();
        tracked.release();
    }

    private static long run(ByteBuf buffer, byte[] array, BfdControlFields transmit, BfdControlFields receive, int rounds) {
        long sum = 0;
        for (int i = 0; i < rounds; i++) {
            transmit.setForTransmit(BfdDiagnostic.NO_DIAGNOSTIC, BfdState.UP, (i & 1) == 0, false, 3,
                    i + 1, 0x1234, 100_000, 100_000);
            buffer.clear();
            BfdControlCodec.encode(transmit, buffer);
            if (BfdControlCodec.decode(buffer, receive) == BfdDecodeOutcome.VALID) {
                sum += receive.myDiscriminator() - 1;
            }
            BfdControlCodec.encode(transmit, array, 0);
            if (BfdControlCodec.decode(array, 0, 24, receive) == BfdDecodeOutcome.VALID) {
                sum += receive.myDiscriminator() - 1;
            }
        }
        return sum;
    }
}
