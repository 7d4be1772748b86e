package io.barelb.runtime.bench;

import io.barelb.api.ServiceKey;
import io.barelb.runtime.allocator.AllocationResult;
import io.barelb.runtime.allocator.Allocator;
import io.barelb.runtime.allocator.IpamRegistry;
import io.barelb.runtime.allocator.ServiceRequest;
import io.barelb.runtime.model.AddressPool;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * Service assignments per second through the runtime's {@link Allocator} (pool choice, sharing checks,
 * bookkeeping) on top of the real cidr plugin: a /16 pool at a steady use level; each operation releases a
 * random Service and assigns it again. {@link #referenceServiceMap()} is the floor to compare with in the same run:
 * a bare {@link HashMap} from the same Services to their assignments, one removal and one insertion per
 * operation, no pool and no rules.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class AllocatorBenchmark {

    @Param({"0", "50", "99"})
    public int usePercent;

    private Allocator allocator;
    private ServiceRequest[] requests;
    private int[] victims;
    private int next;
    private Map<ServiceKey, Object> referenceMap;

    @Setup
    public void fill() {
        allocator = new Allocator(new IpamRegistry(Plugins.factories()));
        allocator.configure(List.of(AddressPool.simple("bench", List.of("10.0.0.0/16"))));
        int target = Math.max(1, 65_536 * usePercent / 100);
        requests = new ServiceRequest[target];
        for (int i = 0; i < target; i++) {
            requests[i] = ServiceRequest.of(new ServiceKey("bench", "svc-" + i));
            if (usePercent > 0 && !allocator.assign(requests[i]).isAssigned()) {
                throw new IllegalStateException("pool full at " + i);
            }
        }
        referenceMap = new HashMap<>();
        for (ServiceRequest request : requests) {
            referenceMap.put(request.service(), allocator.assignment(request.service()).orElse(null));
        }
        SplittableRandom random = new SplittableRandom(42);
        victims = new int[1 << 16];
        for (int i = 0; i < victims.length; i++) {
            victims[i] = random.nextInt(target);
        }
    }

    /** One release and one assignment of the same Service. */
    @Benchmark
    public AllocationResult releaseThenAssign() {
        ServiceRequest request = requests[victims[next++ & (victims.length - 1)]];
        allocator.release(request.service());
        return allocator.assign(request);
    }

    /** The reference: one removal and one insertion of the same Service in a bare hash map of every Service. */
    @Benchmark
    public Object referenceServiceMap() {
        ServiceKey service = requests[victims[next++ & (victims.length - 1)]].service();
        Object held = referenceMap.remove(service);
        referenceMap.put(service, held);
        return held;
    }
}
