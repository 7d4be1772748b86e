package io.barelb.runtime.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * {@link AllocatorBenchmark} timed by the benchmark thread's CPU time instead of the wall clock, for a machine
 * shared with other work: time the thread spends waiting for a core does not count, so the figure follows the
 * code rather than the machine's load (cache misses caused by neighbours still do). Rounds of one million
 * release-and-assign operations alternate with rounds of the bare-HashMap reference in the same JVM; the first
 * five of each are warm-up. Prints every round, then the medians, the ratio reference / allocator and the bytes the
 * thread allocated per allocator operation (the median of the rounds).
 *
 * <p>Arguments: use percent (default 99), measured rounds (default 15).
 */
public final class AllocatorCpuTime {

    private static final int OPERATIONS = 1_000_000;
    private static final int WARM_UP = 5;

    private AllocatorCpuTime() {
    }

    public static void main(String[] args) {
        AllocatorBenchmark benchmark = new AllocatorBenchmark();
        benchmark.usePercent = args.length > 0 ? Integer.parseInt(args[0]) : 99;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        benchmark.fill();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        com.sun.management.ThreadMXBean bytes = (com.sun.management.ThreadMXBean) threads;
        double[] allocated = new double[rounds];
        double[] allocator = new double[rounds];
        double[] reference = new double[rounds];
        Object sink = null;
        for (int round = -WARM_UP; round < rounds; round++) {
            long startBytes = bytes.getCurrentThreadAllocatedBytes();
            long start = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < OPERATIONS; i++) {
                sink = benchmark.releaseThenAssign();
            }
            long middle = threads.getCurrentThreadCpuTime();
            long endBytes = bytes.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < OPERATIONS; i++) {
                sink = benchmark.referenceServiceMap();
            }
            long end = threads.getCurrentThreadCpuTime();
            if (round >= 0) {
                allocator[round] = (double) (middle - start) / OPERATIONS;
                reference[round] = (double) (end - middle) / OPERATIONS;
                allocated[round] = (double) (endBytes - startBytes) / OPERATIONS;
                System.out.printf("round %2d: allocator %6.0f ns/op, reference %5.0f ns/op%n", round + 1,
                        allocator[round], reference[round]);
            }
        }
        double a = median(allocator);
        double r = median(reference);
        System.out.printf("%d %% of 65,536: allocator median %.0f ns/op (%.2f M ops/s of CPU time, rounds %.0f-%.0f),"
                        + " reference median %.0f ns/op (%.2f M ops/s), ratio reference/allocator %.3f,"
                        + " allocator %.0f bytes/op%n",
                benchmark.usePercent, a, 1000 / a, min(allocator), max(allocator), r, 1000 / r, r / a,
                median(allocated));
        if (sink == null) {
            throw new IllegalStateException("no result");
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double min(double[] values) {
        return Arrays.stream(values).min().orElseThrow();
    }

    private static double max(double[] values) {
        return Arrays.stream(values).max().orElseThrow();
    }
}
