package io.barelb.runtime.bench;

import io.barelb.api.ipam.AddressAllocator;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.util.SplittableRandom;

/**
 * Bytes of heap per allocated address in an IPv6 /64 (cidr plugin) with one million addresses handed out,
 * measured as the heap-usage difference after full garbage collections, before and after filling: in order
 * ({@code sequential}), at random ({@code scattered}), or 2 million in order then every other one released
 * ({@code interleaved}: a million holes to remember, the worst case). The addresses themselves are not kept, so only the allocator's own structures count. Run with {@code -XX:+UseSerialGC}
 * for stable numbers (bench.sh does).
 */
public final class FootprintMeasurement {

    private FootprintMeasurement() {
    }

    public static void main(String[] args) throws InterruptedException {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : HugeBlockBenchmark.HANDED_OUT;
        for (String mode : new String[] {"sequential", "scattered", "interleaved"}) {
            measure(mode, count); // warm-up: classes loaded, code compiled
            long bytes = measure(mode, count);
            System.out.printf("/64 with %,d addresses handed out %s: %,d bytes retained, %.1f bytes per address%n",
                    count, mode, bytes, (double) bytes / count);
        }
    }

    private static long measure(String mode, int count) throws InterruptedException {
        long before = usedAfterGc();
        AddressAllocator allocator = Plugins.allocator("2001:db8::/64");
        SplittableRandom random = new SplittableRandom(64);
        if (mode.equals("interleaved")) {
            // worst case: 2N handed out in order, then every other one released, leaving N holes to remember
            for (int n = 0; n < 2 * count; n++) {
                allocator.allocate().orElseThrow();
            }
            for (long n = 1; n < 2L * count; n += 2) {
                allocator.release(allocator.first().plus(n));
            }
        }
        for (int n = (int) allocator.assignedCount(); n < count; ) {
            if (mode.equals("sequential")) {
                allocator.allocate().orElseThrow();
                n++;
            } else if (allocator.reserve(allocator.first().plus(random.nextLong(Long.MAX_VALUE)))) {
                n++;
            }
        }
        long after = usedAfterGc();
        if (allocator.assignedCount() != count) {
            throw new IllegalStateException("expected " + count + " addresses handed out");
        }
        Reference.reachabilityFence(allocator);
        return after - before;
    }

    private static long usedAfterGc() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
