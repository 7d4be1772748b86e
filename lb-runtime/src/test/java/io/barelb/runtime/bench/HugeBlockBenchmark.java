package io.barelb.runtime.bench;

import io.barelb.api.ipam.AddressAllocator;
import io.barelb.api.net.IpAddress;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Allocations per second in an IPv6 /64 (cidr plugin) with one million addresses handed out, either in order
 * ({@code sequential}: what lowest-free-first produces) or requested at random all over the /64
 * ({@code scattered}: the worst case for memory). Each operation releases a random held address and allocates.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class HugeBlockBenchmark {

    static final int HANDED_OUT = 1_000_000;

    @Param({"sequential", "scattered"})
    public String fill;

    private AddressAllocator allocator;
    private IpAddress[] held;
    private int[] victims;
    private int next;

    @Setup
    public void fill() {
        allocator = Plugins.allocator("2001:db8::/64");
        held = fill(allocator, fill, HANDED_OUT, new SplittableRandom(64));
        SplittableRandom random = new SplittableRandom(7);
        victims = new int[1 << 16];
        for (int i = 0; i < victims.length; i++) {
            victims[i] = random.nextInt(HANDED_OUT);
        }
    }

    static IpAddress[] fill(AddressAllocator allocator, String mode, int count, SplittableRandom random) {
        IpAddress[] held = new IpAddress[count];
        int n = 0;
        while (n < count) {
            if (mode.equals("sequential")) {
                held[n++] = allocator.allocate().orElseThrow();
            } else {
                IpAddress candidate = allocator.first().plus(random.nextLong(Long.MAX_VALUE));
                if (allocator.reserve(candidate)) {
                    held[n++] = candidate;
                }
            }
        }
        return held;
    }

    /** One release of a random held address and one allocation. */
    @Benchmark
    public IpAddress releaseThenAllocate() {
        int victim = victims[next++ & (victims.length - 1)];
        allocator.release(held[victim]);
        IpAddress address = allocator.allocate().orElseThrow();
        held[victim] = address;
        return address;
    }
}
