package io.barelb.runtime.allocator;

import static io.barelb.runtime.allocator.Fixtures.allocator;
import static io.barelb.runtime.allocator.Fixtures.assigned;
import static io.barelb.runtime.allocator.Fixtures.ip;
import static io.barelb.runtime.allocator.Fixtures.ips;
import static io.barelb.runtime.allocator.Fixtures.key;
import static io.barelb.runtime.allocator.Fixtures.pool;
import static io.barelb.runtime.allocator.Fixtures.registry;
import static io.barelb.runtime.allocator.Fixtures.svc;
import static org.assertj.core.api.Assertions.assertThat;

import io.barelb.api.config.ConfigProblem;
import io.barelb.api.net.IpFamily;
import io.barelb.runtime.model.AddressPool;
import java.math.BigInteger;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LifecycleTest {

    @Test
    void restoreReclaimsRecordedAddressesBeforeNewRequests() {
        Allocator allocator = allocator(pool("default", "192.0.2.0/24"));
        List<RestoreOutcome> outcomes = allocator.restore(List.of(
                new RecordedAssignment(svc("a/b"), ips("192.0.2.0")),
                new RecordedAssignment(svc("a/a"), ips("192.0.2.7"))));
        assertThat(outcomes).extracting(RestoreOutcome::service).containsExactly(key("a/a"), key("a/b"));
        assertThat(outcomes).allSatisfy(o -> assertThat(o.status()).isEqualTo(RestoreOutcome.Status.KEPT));
        assertThat(assigned(allocator.assign(svc("a/new")))).containsExactly("192.0.2.1");
        // asking again as the controller's first full pass does changes nothing
        assertThat(assigned(allocator.assign(svc("a/a")))).containsExactly("192.0.2.7");
    }

    @Test
    void restoreReassignsAnAddressOfARemovedPool() {
        Allocator allocator = allocator(pool("default", "192.0.2.0/24"));
        List<RestoreOutcome> outcomes = allocator.restore(List.of(new RecordedAssignment(svc("a/x"), ips("198.51.100.1"))));
        assertThat(outcomes).singleElement().satisfies(o -> {
            assertThat(o.status()).isEqualTo(RestoreOutcome.Status.REASSIGNED);
            assertThat(o.reason()).contains("198.51.100.1 is in no address pool");
            assertThat(assigned(o.result())).containsExactly("192.0.2.0");
        });
    }

    @Test
    void restoreReassignsTheLaterOfTwoServicesThatMayNoLongerShare() {
        Allocator allocator = allocator(pool("default", "192.0.2.0/24"));
        List<RestoreOutcome> outcomes = allocator.restore(List.of(
                new RecordedAssignment(svc("a/one").withSharing("k", Set.of(ServicePort.tcp(80))), ips("192.0.2.9")),
                new RecordedAssignment(svc("a/two").withSharing("k", Set.of(ServicePort.tcp(80))), ips("192.0.2.9"))));
        assertThat(outcomes.get(0).status()).isEqualTo(RestoreOutcome.Status.KEPT);
        assertThat(outcomes.get(1).status()).isEqualTo(RestoreOutcome.Status.REASSIGNED);
        assertThat(outcomes.get(1).reason()).contains("port TCP/80");
        assertThat(allocator.holders(ip("192.0.2.9"))).containsExactly(key("a/one"));
    }

    @Test
    void restoreReportsFailureWhenNothingIsLeft() {
        Allocator allocator = allocator(pool("tiny", "192.0.2.1/32"));
        List<RestoreOutcome> outcomes = allocator.restore(List.of(
                new RecordedAssignment(svc("a/one"), ips("192.0.2.1")),
                new RecordedAssignment(svc("a/two"), ips("192.0.2.1"))));
        assertThat(outcomes.get(1).status()).isEqualTo(RestoreOutcome.Status.FAILED);
        assertThat(outcomes.get(1).result().isAssigned()).isFalse();
    }

    @Test
    void anInvalidConfigurationIsReportedAndThePreviousPoolsStay() {
        Allocator allocator = allocator(pool("default", "192.0.2.0/24"));
        ConfigureResult result = allocator.configure(List.of(
                pool("bad", "192.0.2.0/33", "1.2.3.4-1.2.3.400", "10.0.0.9-10.0.0.1", "10.1.0.1-fc00::1", "nonsense"),
                pool("empty"),
                pool("a", "198.51.100.0/24"), pool("b", "198.51.100.128/25")));
        assertThat(result.accepted()).isFalse();
        assertThat(result.problems()).extracting(ConfigProblem::kind).containsOnly("IPAddressPool");
        assertThat(result.problems()).extracting(p -> p.name() + " " + p.field()).containsExactlyInAnyOrder(
                "bad spec.addresses[0]", "bad spec.addresses[1]", "bad spec.addresses[2]", "bad spec.addresses[3]",
                "bad spec.addresses[4]", "empty spec.addresses", "b spec.addresses[0]");
        assertThat(result.problems()).filteredOn(p -> p.name().equals("b")).singleElement()
                .satisfies(p -> assertThat(p.reason()).contains("overlaps spec.addresses[0] \"198.51.100.0/24\" of pool \"a\""));
        assertThat(result.problems()).filteredOn(p -> p.field().equals("spec.addresses[4]")).singleElement()
                .satisfies(p -> assertThat(p.reason()).contains("no IPAM plugin accepts this entry;"
                        + " the installed notations are FIRST-LAST (range), ADDRESS/LENGTH (cidr)"));
        assertThat(assigned(allocator.assign(svc("a/x")))).containsExactly("192.0.2.0");
    }

    @Test
    void duplicatePoolNamesAreRefused() {
        Allocator allocator = new Allocator(registry());
        ConfigureResult result = allocator.configure(List.of(pool("p", "192.0.2.0/25"), pool("p", "192.0.2.128/25")));
        assertThat(result.problems()).singleElement().satisfies(p -> assertThat(p.field()).isEqualTo("metadata.name"));
    }

    @Test
    void aNewConfigurationKeepsWhatItAllowsAndClearsTheRest() {
        Allocator allocator = allocator(pool("one", "192.0.2.0/24"), pool("two", "198.51.100.0/24"));
        allocator.assign(svc("a/keep").withAddresses(ips("192.0.2.4")));
        allocator.assign(svc("a/lose").withAddresses(ips("198.51.100.4")));
        ConfigureResult result = allocator.configure(List.of(pool("renamed", "192.0.2.0/24")));
        assertThat(result.accepted()).isTrue();
        assertThat(result.cleared()).singleElement().satisfies(c -> {
            assertThat(c.service()).isEqualTo(key("a/lose"));
            assertThat(c.addresses()).isEqualTo(ips("198.51.100.4"));
        });
        assertThat(allocator.assignment(key("a/keep")).orElseThrow().pool()).isEqualTo("renamed");
        assertThat(allocator.assignment(key("a/lose"))).isEmpty();
        assertThat(assigned(allocator.assign(svc("a/lose")))).containsExactly("192.0.2.0");
    }

    @Test
    void releaseIsIdempotentAndFreesTheAddress() {
        Allocator allocator = allocator(pool("default", "192.0.2.0/24"));
        allocator.assign(svc("a/x"));
        assertThat(allocator.release(key("a/x"))).isTrue();
        assertThat(allocator.release(key("a/x"))).isFalse();
        assertThat(allocator.usage().get(0).assigned()).isZero();
    }

    @Test
    void usageCountsPerPoolAndFamily() {
        Allocator allocator = allocator(
                new AddressPool("dual", java.util.Map.of(), List.of("192.0.2.0/24", "2001:db8::/120"), true, true,
                        java.util.Optional.empty()),
                pool("range", "198.51.100.1-198.51.100.10"));
        allocator.assign(svc("a/x").withFamilies(IpFamilyPolicy.REQUIRE_DUAL_STACK, List.of(IpFamily.IPV4, IpFamily.IPV6)));
        allocator.assign(svc("a/y").withPool("range"));
        assertThat(allocator.usage()).containsExactly(
                new PoolUsage("dual", IpFamily.IPV4, BigInteger.valueOf(254), 1, BigInteger.valueOf(253)),
                new PoolUsage("dual", IpFamily.IPV6, BigInteger.valueOf(256), 1, BigInteger.valueOf(255)),
                new PoolUsage("range", IpFamily.IPV4, BigInteger.TEN, 1, BigInteger.valueOf(9)));
    }

    @Test
    void twoFactoriesWithOneNameAreRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new IpamRegistry(List.of(
                new io.barelb.ipam.range.RangeIpamFactory(), new io.barelb.ipam.range.RangeIpamFactory())))
                .hasMessageContaining("two IPAM factories are named \"range\"");
    }
}
