package io.barelb.announcer.bgp.bfd.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.lang.management.ManagementFactory;
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
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadAllocatedMemorySupported(), "this JVM cannot count allocated bytes per thread");
        threads.setThreadAllocatedMemoryEnabled(true);
        // this module's tests run Netty's leak detector at paranoid, whose wrapper records a trace on every access;
        // production runs it at its sampling default, so the codec is measured on the buffer underneath
        ByteBuf tracked = Unpooled.directBuffer(64);
        ByteBuf buffer = tracked.unwrap() != null ? tracked.unwrap() : tracked;
        byte[] array = new byte[64];
        BfdControlFields transmit = new BfdControlFields();
        BfdControlFields receive = new BfdControlFields();
        // warm up: class loading and the interpreter's first profiles allocate; the steady state is what counts
        for (int i = 0; i < 3; i++) {
            run(buffer, array, transmit, receive, ROUNDS);
        }
        long threadId = Thread.currentThread().getId();

        // the counter read itself may allocate (a few bytes the first times): measure it and take it off
        long probe = threads.getThreadAllocatedBytes(threadId);
        long before = threads.getThreadAllocatedBytes(threadId);
        long overhead = before - probe;
        long checksum = run(buffer, array, transmit, receive, ROUNDS);
        long after = threads.getThreadAllocatedBytes(threadId) - overhead;
        System.out.println("allocation probe overhead " + overhead + " bytes, loop " + (after - before) + " bytes");

        assertThat(checksum).isEqualTo((long) ROUNDS * (ROUNDS - 1)); // every decode (two per round) saw its discriminator
        assertThat(after - before).as("bytes allocated over %d encode+decode rounds", ROUNDS).isZero();
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
