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
 * Allocations per second of one IPAM plugin allocator at a steady use level: each operation releases a random
 * held address and allocates the lowest free one (at 0 % use: allocates and releases). Pools of 65,536 addresses:
 * a /16 (cidr plugin) and a range (range plugin), filled to the use level with random requested addresses, so
 * free addresses are scattered.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PoolChurnBenchmark {

    @Param({"10.0.0.0/16", "10.1.0.0-10.1.255.255"})
    public String entry;

    @Param({"0", "50", "99"})
    public int usePercent;

    private AddressAllocator allocator;
    private IpAddress[] held;
    private int[] victims;
    private int next;

    @Setup
    public void fill() {
        allocator = Plugins.allocator(entry);
        int size = allocator.size().intValueExact();
        int target = (int) ((long) size * usePercent / 100);
        SplittableRandom random = new SplittableRandom(42);
        held = new IpAddress[Math.max(target, 1)];
        int count = 0;
        while (count < target) {
            IpAddress candidate = allocator.first().plus(random.nextInt(size));
            if (allocator.reserve(candidate)) {
                held[count++] = candidate;
            }
        }
        victims = new int[1 << 16];
        for (int i = 0; i < victims.length; i++) {
            victims[i] = target == 0 ? 0 : random.nextInt(target);
        }
        if (target == 0) {
            held = null;
        }
    }

    /** One release of a random held address and one allocation. */
    @Benchmark
    public IpAddress releaseThenAllocate() {
        if (held == null) {
            IpAddress address = allocator.allocate().orElseThrow();
            allocator.release(address);
            return address;
        }
        int victim = victims[next++ & (victims.length - 1)];
        allocator.release(held[victim]);
        IpAddress address = allocator.allocate().orElseThrow();
        held[victim] = address;
        return address;
    }
}
