package io.barelb.announcer.bgp.bfd;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.buffer.ByteBuf;
import java.lang.management.ManagementFactory;
import java.util.function.LongSupplier;

/**
 * Counts the bytes the current thread allocates while a piece of work runs
 * ({@code com.sun.management.ThreadMXBean#getThreadAllocatedBytes}), less what reading the counter costs. Skips
 * the test on a JVM that cannot count.
 */
public final class AllocationMeter {

    private final com.sun.management.ThreadMXBean threads;
    private final long threadId = Thread.currentThread().getId();
    private long result;

    private AllocationMeter(com.sun.management.ThreadMXBean threads) {
        this.threads = threads;
    }

    public static AllocationMeter forCurrentThread() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadAllocatedMemorySupported(), "this JVM cannot count allocated bytes per thread");
        threads.setThreadAllocatedMemoryEnabled(true);
        return new AllocationMeter(threads);
    }

    /**
     * This module's tests run Netty's leak detector at paranoid, whose wrapper records a trace on every access;
     * production runs it at its sampling default, so code is measured on the buffer underneath.
     */
    public static ByteBuf underLeakDetector(ByteBuf tracked) {
        return tracked.unwrap() != null ? tracked.unwrap() : tracked;
    }

    /**
     * How many measured runs {@link #allocatedBy} makes at most. A run can allocate a few hundred bytes once, when
     * the JIT recompiles the loop and it briefly runs where escape analysis has not removed its temporaries (seen
     * once in CI: 224 bytes in one of these tests); an allocation in the code itself shows in every run.
     */
    static final int RUNS = 5;

    /**
     * Runs {@code work} (warm it up first) up to {@link #RUNS} times and returns the fewest bytes one run
     * allocated, stopping at the first run that allocates nothing; its result is {@link #result()}.
     */
    public long allocatedBy(LongSupplier work) {
        long least = Long.MAX_VALUE;
        for (int run = 0; run < RUNS && least > 0; run++) {
            least = Math.min(least, measure(work));
        }
        return least;
    }

    private long measure(LongSupplier work) {
        // the counter read itself may allocate (a few bytes the first times): measure it and take it off
        long probe = threads.getThreadAllocatedBytes(threadId);
        long before = threads.getThreadAllocatedBytes(threadId);
        long overhead = before - probe;
        result = work.getAsLong();
        long allocated = threads.getThreadAllocatedBytes(threadId) - before - overhead;
        System.out.println("allocation probe overhead " + overhead + " bytes, work " + allocated + " bytes");
        return allocated;
    }

    /** What the last measured work returned. */
    public long result() {
        return result;
    }
}
