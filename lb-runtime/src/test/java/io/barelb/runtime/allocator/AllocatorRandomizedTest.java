package io.barelb.runtime.allocator;

import static org.assertj.core.api.Assertions.assertThat;

import io.barelb.api.ServiceKey;
import io.barelb.api.net.IpAddress;
import io.barelb.api.net.IpFamily;
import io.barelb.api.net.IpPrefix;
import io.barelb.runtime.model.AddressPool;
import io.barelb.api.select.LabelSelector;
import io.barelb.runtime.model.ServiceAllocation;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * One million seeded random operations (allocate, request specific addresses, share, release, reconfigure,
 * restore from a snapshot) over several pools and both families. After every step: the Service's assignment is
 * what {@code assign} answered, every address touched is held only by Services that may share it, and the
 * per-pool, per-family usage equals the number of distinct held addresses (followed incrementally by the test).
 * About every 500 steps a new allocator restores a snapshot: it must keep every assignment, report the same
 * usage, and then answer the next operations exactly as the original does.
 */
class AllocatorRandomizedTest {

    private static final long SEED = 0x5EED_1BA2EL;
    private static final int OPERATIONS = 1_000_000;
    private static final IpPrefix DUAL_V6 = IpPrefix.parse("2001:db8::/124");

    private final SplittableRandom random = new SplittableRandom(SEED);
    private final List<ServiceKey> services = new ArrayList<>();
    private final Map<ServiceKey, ServiceRequest> requests = new HashMap<>();
    private final List<IpAddress> interesting = new ArrayList<>();
    private final Map<String, Integer> outcomes = new HashMap<>();
    private final Map<IpAddress, String> heldModel = new HashMap<>();
    private final Map<String, Long> heldCounts = new HashMap<>();

    private static List<AddressPool> pools(boolean withDualV6) {
        ServiceAllocation ns1 = new ServiceAllocation(OptionalInt.of(5), List.of("ns1"), List.of(), List.of());
        ServiceAllocation web = new ServiceAllocation(OptionalInt.empty(), List.of(), List.of(),
                List.of(LabelSelector.of(Map.of("app", "web"))));
        return List.of(
                AddressPool.simple("r4", List.of("192.0.2.1-192.0.2.40")),
                new AddressPool("c4", Map.of(), List.of("198.51.100.0/27", "198.51.100.250-198.51.101.5"), true, true,
                        Optional.empty()),
                AddressPool.simple("dual", withDualV6 ? List.of("203.0.113.0/28", DUAL_V6.toString()) : List.of("203.0.113.0/28")),
                new AddressPool("v6", Map.of(), List.of("2001:db8:1::/122"), true, false, Optional.of(ns1)),
                new AddressPool("manual", Map.of(), List.of("203.0.113.128/28"), false, false, Optional.empty()),
                new AddressPool("big6", Map.of(), List.of("2001:db8:2::/64"), true, false, Optional.of(web)));
    }

    @Test
    void millionMixedOperationsKeepEveryInvariant() {
        for (int ns = 0; ns < 4; ns++) {
            for (int s = 0; s < 60; s++) {
                services.add(new ServiceKey("ns" + ns, "s" + s));
            }
        }
        for (String text : List.of("192.0.2.1", "192.0.2.40", "192.0.2.41", "198.51.100.0", "198.51.100.255",
                "198.51.101.1", "203.0.113.3", "203.0.113.130", "2001:db8::3", "2001:db8:1::7", "2001:db8:2::1",
                "2001:db8:3::1")) {
            interesting.add(IpAddress.parse(text));
        }
        Allocator allocator = newAllocator(true);
        boolean withDualV6 = true;
        Allocator twin = null;
        int twinSteps = 0;
        int restores = 0;
        int shared = 0;
        for (int step = 0; step < OPERATIONS; step++) {
            int op = random.nextInt(1000);
            ServiceKey service = services.get(random.nextInt(services.size()));
            Set<IpAddress> touched = new HashSet<>();
            allocator.assignment(service).ifPresent(a -> touched.addAll(a.addresses()));
            if (op < 300) {
                ServiceRequest request = randomRequest(service);
                AllocationResult result = allocator.assign(request);
                if (twin != null) {
                    assertThat(twin.assign(request)).as("step %d", step).isEqualTo(result);
                }
                record(allocator, request, result, touched, step);
            } else if (op < 650) {
                // ask again as a reconcile does: the same request must keep the same answer
                ServiceRequest request = requests.getOrDefault(service, randomRequest(service));
                Optional<Assignment> before = allocator.assignment(service);
                AllocationResult result = allocator.assign(request);
                if (twin != null) {
                    assertThat(twin.assign(request)).as("step %d", step).isEqualTo(result);
                }
                if (before.isPresent() && requests.get(service) == request && request.addresses().isEmpty()) {
                    assertThat(result).as("step %d: re-asserting %s", step, service).isInstanceOf(AllocationResult.Assigned.class);
                    assertThat(((AllocationResult.Assigned) result).assignment().addresses())
                            .containsAll(before.get().addresses());
                }
                record(allocator, request, result, touched, step);
            } else if (op < 996) {
                boolean held = allocator.release(service);
                if (twin != null) {
                    assertThat(twin.release(service)).isEqualTo(held);
                }
                assertThat(held).isEqualTo(requests.remove(service) != null);
                assertThat(allocator.assignment(service)).isEmpty();
            } else if (op < 998) {
                withDualV6 = !withDualV6;
                ConfigureResult result = allocator.configure(pools(withDualV6));
                if (twin != null) {
                    assertThat(twin.configure(pools(withDualV6))).isEqualTo(result);
                }
                assertThat(result.accepted()).isTrue();
                Set<ServiceKey> cleared = new HashSet<>();
                result.cleared().forEach(c -> cleared.add(c.service()));
                for (ServiceKey key : new ArrayList<>(requests.keySet())) {
                    boolean inRemoved = false;
                    for (IpAddress address : allocator.assignment(key).map(Assignment::addresses)
                            .orElseGet(() -> List.of())) {
                        inRemoved |= DUAL_V6.contains(address) && !withDualV6;
                    }
                    assertThat(inRemoved).isFalse();
                    if (cleared.contains(key)) {
                        assertThat(allocator.assignment(key)).isEmpty();
                        requests.remove(key);
                    } else {
                        assertThat(allocator.assignment(key)).isPresent();
                    }
                }
                assertThat(cleared).allSatisfy(key -> assertThat(requests).doesNotContainKey(key));
                rebuildHeldModel(allocator);
                checkEverything(allocator, step);
            } else {
                Allocator restored = restoreSnapshot(allocator, withDualV6, step);
                restores++;
                twin = allocator;
                twinSteps = 0;
                allocator = restored;
                rebuildHeldModel(allocator);
            }
            if (twin != null && ++twinSteps > 200) {
                twin = null;
            }
            for (IpAddress address : touched) {
                shared += checkHolders(allocator, address, step) ? 1 : 0;
            }
            for (IpAddress address : allocator.assignment(service).map(Assignment::addresses).orElse(List.of())) {
                checkHolders(allocator, address, step);
            }
            updateHeldModel(allocator, touched);
            checkUsage(allocator, step);
            if (step % 50_000 == 0) {
                checkEverything(allocator, step);
            }
        }
        checkEverything(allocator, OPERATIONS);
        assertThat(restores).isGreaterThan(1000);
        assertThat(shared).as("steps that saw a shared address").isGreaterThan(1000);
        assertThat(outcomes.keySet()).as("every kind of answer happened").containsExactlyInAnyOrder("Assigned",
                "PoolExhausted", "AddressNotInPool", "AddressInUse", "InvalidRequest");
        assertThat(outcomes.get("Assigned")).isGreaterThan(OPERATIONS / 4);
    }

    private Allocator newAllocator(boolean withDualV6) {
        Allocator allocator = new Allocator(Fixtures.registry());
        assertThat(allocator.configure(pools(withDualV6)).problems()).isEmpty();
        return allocator;
    }

    private Allocator restoreSnapshot(Allocator allocator, boolean withDualV6, int step) {
        List<RecordedAssignment> snapshot = new ArrayList<>();
        for (Assignment assignment : allocator.assignments()) {
            snapshot.add(new RecordedAssignment(requests.get(assignment.service()), assignment.addresses()));
        }
        // the order Services are listed in must not matter
        for (int i = snapshot.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            RecordedAssignment swap = snapshot.get(i);
            snapshot.set(i, snapshot.get(j));
            snapshot.set(j, swap);
        }
        Allocator restored = newAllocator(withDualV6);
        List<RestoreOutcome> outcomes = restored.restore(snapshot);
        assertThat(outcomes).as("step %d", step).allSatisfy(o -> assertThat(o.status()).isEqualTo(RestoreOutcome.Status.KEPT));
        assertThat(restored.assignments()).as("step %d", step).isEqualTo(allocator.assignments());
        assertThat(restored.usage()).as("step %d", step).isEqualTo(allocator.usage());
        return restored;
    }

    private void record(Allocator allocator, ServiceRequest request, AllocationResult result, Set<IpAddress> touched,
                        int step) {
        outcomes.merge(result instanceof AllocationResult.Failed failed ? failed.code().reason() : "Assigned", 1, Integer::sum);
        if (result instanceof AllocationResult.Assigned assigned) {
            assertThat(allocator.assignment(request.service())).as("step %d", step).contains(assigned.assignment());
            requests.put(request.service(), request);
            touched.addAll(assigned.assignment().addresses());
            checkFamilies(request, assigned.assignment(), step);
        } else {
            assertThat(allocator.assignment(request.service())).as("step %d: %s", step, result).isEmpty();
            requests.remove(request.service());
        }
    }

    private static void checkFamilies(ServiceRequest request, Assignment assignment, int step) {
        List<IpAddress> addresses = assignment.addresses();
        if (addresses.size() == 2) {
            assertThat(addresses.get(0).family()).as("step %d", step).isNotEqualTo(addresses.get(1).family());
            assertThat(request.ipFamilyPolicy()).isNotEqualTo(IpFamilyPolicy.SINGLE_STACK);
        } else if (request.ipFamilyPolicy() == IpFamilyPolicy.REQUIRE_DUAL_STACK) {
            throw new AssertionError("step " + step + ": RequireDualStack got one address " + assignment);
        }
        if (!request.addresses().isEmpty()) {
            assertThat(Set.copyOf(addresses)).as("step %d", step).isEqualTo(Set.copyOf(request.addresses()));
        }
    }

    /** Every pair of holders may share the address; returns true if it is shared. */
    private boolean checkHolders(Allocator allocator, IpAddress address, int step) {
        List<ServiceKey> holders = new ArrayList<>(allocator.holders(address));
        for (ServiceKey holder : holders) {
            assertThat(allocator.assignment(holder)).as("step %d", step).hasValueSatisfying(
                    a -> assertThat(a.addresses()).contains(address));
        }
        for (int i = 0; i < holders.size(); i++) {
            for (int j = i + 1; j < holders.size(); j++) {
                ServiceRequest a = requests.get(holders.get(i));
                ServiceRequest b = requests.get(holders.get(j));
                assertThat(a.sharingKey()).as("step %d: %s shared by %s", step, address, holders).isNotEmpty()
                        .isEqualTo(b.sharingKey());
                assertThat(a.localTrafficPolicy()).as("step %d", step).isEqualTo(b.localTrafficPolicy());
                if (a.localTrafficPolicy()) {
                    assertThat(a.backendKey()).as("step %d", step).isEqualTo(b.backendKey());
                }
                assertThat(java.util.Collections.disjoint(a.ports(), b.ports()))
                        .as("step %d: %s shared by %s with a common port", step, address, holders).isTrue();
            }
        }
        return holders.size() > 1;
    }

    /** Follows which addresses are held, per pool and family, from the addresses an operation touched. */
    private void updateHeldModel(Allocator allocator, Set<IpAddress> touched) {
        for (IpAddress address : touched) {
            String before = heldModel.get(address);
            String after = poolAndFamily(allocator, address);
            if (before != null && !before.equals(after)) {
                heldCounts.merge(before, -1L, Long::sum);
                heldModel.remove(address);
            }
            if (after != null && !after.equals(before)) {
                heldCounts.merge(after, 1L, Long::sum);
                heldModel.put(address, after);
            }
        }
    }

    private void rebuildHeldModel(Allocator allocator) {
        heldModel.clear();
        heldCounts.clear();
        Set<IpAddress> all = new HashSet<>();
        for (Assignment assignment : allocator.assignments()) {
            all.addAll(assignment.addresses());
        }
        updateHeldModel(allocator, all);
    }

    private static String poolAndFamily(Allocator allocator, IpAddress address) {
        Set<ServiceKey> holders = allocator.holders(address);
        if (holders.isEmpty()) {
            return null;
        }
        return allocator.assignment(holders.iterator().next()).orElseThrow().pool() + "/" + address.family();
    }

    /**
     * After every step: each pool's assigned count per family equals the distinct held addresses of the model,
     * and total = assigned + available.
     */
    private void checkUsage(Allocator allocator, int step) {
        long assigned = 0;
        for (PoolUsage usage : allocator.usage()) {
            assertThat(usage.total()).isEqualTo(usage.available().add(BigInteger.valueOf(usage.assigned())));
            assertThat(usage.assigned()).as("step %d: %s", step, usage)
                    .isEqualTo(heldCounts.getOrDefault(usage.pool() + "/" + usage.family(), 0L));
            assigned += usage.assigned();
        }
        assertThat(assigned).as("step %d", step).isEqualTo(heldModel.size());
    }

    private void checkEverything(Allocator allocator, int step) {
        Set<IpAddress> all = new HashSet<>();
        for (Assignment assignment : allocator.assignments()) {
            all.addAll(assignment.addresses());
            assertThat(requests).as("step %d", step).containsKey(assignment.service());
        }
        assertThat(allocator.assignments()).hasSize(requests.size());
        for (IpAddress address : all) {
            checkHolders(allocator, address, step);
        }
        assertThat(heldModel.keySet()).as("step %d", step).isEqualTo(all);
        checkUsage(allocator, step);
    }

    private ServiceRequest randomRequest(ServiceKey service) {
        ServiceRequest request = ServiceRequest.of(service);
        int policy = random.nextInt(10);
        if (policy < 6) {
            request = request.withFamilies(IpFamilyPolicy.SINGLE_STACK,
                    List.of(random.nextInt(4) == 0 ? IpFamily.IPV6 : IpFamily.IPV4));
        } else {
            List<IpFamily> families = random.nextBoolean() ? List.of(IpFamily.IPV4, IpFamily.IPV6)
                    : List.of(IpFamily.IPV6, IpFamily.IPV4);
            request = request.withFamilies(policy < 8 ? IpFamilyPolicy.PREFER_DUAL_STACK : IpFamilyPolicy.REQUIRE_DUAL_STACK,
                    families);
        }
        if (random.nextInt(3) > 0) {
            Set<ServicePort> ports = new HashSet<>();
            List<ServicePort> choices = List.of(ServicePort.tcp(80), ServicePort.tcp(443), ServicePort.udp(53),
                    ServicePort.tcp(53));
            for (ServicePort port : choices) {
                if (random.nextInt(3) == 0) {
                    ports.add(port);
                }
            }
            String key = random.nextInt(4) == 0 ? "" : "key" + random.nextInt(2);
            request = request.withSharing(key, ports);
        }
        if (random.nextInt(8) == 0) {
            request = request.withTrafficPolicy(true, "app=" + (random.nextBoolean() ? "a" : "b"));
        }
        if (random.nextInt(5) == 0) {
            request = request.withLabels(Map.of(), Map.of("app", "web"));
        }
        int mode = random.nextInt(10);
        if (mode < 2) {
            List<String> names = List.of("r4", "c4", "dual", "v6", "manual", "big6", "gone");
            request = request.withPool(names.get(random.nextInt(names.size())));
        } else if (mode < 5) {
            request = request.withAddresses(randomAddresses(request));
        }
        return request;
    }

    private List<IpAddress> randomAddresses(ServiceRequest request) {
        List<IpAddress> addresses = new ArrayList<>();
        for (IpFamily family : request.wantedFamilies()) {
            if (addresses.size() == 1 && random.nextInt(3) == 0) {
                break;
            }
            IpAddress base = interesting.get(random.nextInt(interesting.size()));
            if (base.family() != family) {
                base = family == IpFamily.IPV4 ? IpAddress.parse("192.0.2.1") : IpAddress.parse("2001:db8::");
            }
            addresses.add(base.plus(random.nextInt(family == IpFamily.IPV4 ? 12 : 20)));
        }
        return addresses;
    }
}
