package io.barelb.runtime.allocator;

import static io.barelb.runtime.allocator.Fixtures.allocator;
import static io.barelb.runtime.allocator.Fixtures.assigned;
import static io.barelb.runtime.allocator.Fixtures.buggyPool;
import static io.barelb.runtime.allocator.Fixtures.failed;
import static io.barelb.runtime.allocator.Fixtures.ips;
import static io.barelb.runtime.allocator.Fixtures.manualPool;
import static io.barelb.runtime.allocator.Fixtures.pool;
import static io.barelb.runtime.allocator.Fixtures.poolOf;
import static io.barelb.runtime.allocator.Fixtures.svc;
import static org.assertj.core.api.Assertions.assertThat;

import io.barelb.api.ErrorCode;
import io.barelb.api.net.IpFamily;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestedAddressTest {

    @Test
    void aRequestedAddressIsHandedOutAndSkippedByLaterAllocations() {
        Allocator allocator = allocator(pool("default", "192.0.2.0/24"));
        assertThat(assigned(allocator.assign(svc("a/fixed").withAddresses(ips("192.0.2.0"))))).containsExactly("192.0.2.0");
        assertThat(assigned(allocator.assign(svc("a/auto")))).containsExactly("192.0.2.1");
    }

    @Test
    void aRequestedAddressMayComeFromAPoolWithoutAutoAssign() {
        Allocator allocator = allocator(manualPool("manual", "198.51.100.0/24"));
        assertThat(poolOf(allocator.assign(svc("a/fixed").withAddresses(ips("198.51.100.20"))))).isEqualTo("manual");
    }

    @Test
    void anAddressInNoPoolIsRefused() {
        Allocator allocator = allocator(pool("default", "192.0.2.0/24"));
        assertThat(failed(allocator.assign(svc("a/x").withAddresses(ips("203.0.113.5"))), ErrorCode.ADDRESS_NOT_IN_POOL))
                .contains("203.0.113.5 is in no address pool");
        assertThat(allocator.assignments()).isEmpty();
    }

    @Test
    void anAddressExcludedByAvoidBuggyIpsIsRefused() {
        Allocator allocator = allocator(buggyPool("buggy", "192.0.2.0/24"));
        failed(allocator.assign(svc("a/x").withAddresses(ips("192.0.2.255"))), ErrorCode.ADDRESS_NOT_IN_POOL);
        assertThat(assigned(allocator.assign(svc("a/y")))).containsExactly("192.0.2.1");
    }

    @Test
    void anAddressHeldByAnotherServiceIsRefused() {
        Allocator allocator = allocator(pool("default", "192.0.2.0/24"));
        allocator.assign(svc("a/first").withAddresses(ips("192.0.2.7")));
        assertThat(failed(allocator.assign(svc("a/second").withAddresses(ips("192.0.2.7"))), ErrorCode.ADDRESS_IN_USE))
                .contains("held by a/first");
    }

    @Test
    void aRequestedAddressMustBeInTheRequestedPool() {
        Allocator allocator = allocator(pool("one", "192.0.2.0/24"), pool("two", "198.51.100.0/24"));
        assertThat(failed(allocator.assign(svc("a/x").withPool("two").withAddresses(ips("192.0.2.1"))),
                ErrorCode.INVALID_REQUEST)).contains("asks for \"two\"");
        assertThat(poolOf(allocator.assign(svc("a/x").withPool("one").withAddresses(ips("192.0.2.1"))))).isEqualTo("one");
    }

    @Test
    void twoRequestedAddressesMustShareAPool() {
        Allocator allocator = allocator(pool("v4", "192.0.2.0/24"), pool("v6", "2001:db8::/64"));
        ServiceRequest dual = svc("a/x").withFamilies(IpFamilyPolicy.REQUIRE_DUAL_STACK, List.of(IpFamily.IPV4, IpFamily.IPV6));
        assertThat(failed(allocator.assign(dual.withAddresses(ips("192.0.2.1", "2001:db8::1"))), ErrorCode.INVALID_REQUEST))
                .contains("different pools");
    }

    @Test
    void aRequestedAddressMustBeOfTheServiceFamily() {
        Allocator allocator = allocator(pool("dual", "192.0.2.0/24", "2001:db8::/64"));
        ServiceRequest v4 = svc("a/x").withFamilies(IpFamilyPolicy.SINGLE_STACK, List.of(IpFamily.IPV4));
        assertThat(failed(allocator.assign(v4.withAddresses(ips("2001:db8::1"))), ErrorCode.INVALID_REQUEST))
                .contains("is IPv6 but the Service's ipFamilies are [IPv4]");
        failed(allocator.assign(v4.withAddresses(ips("192.0.2.1", "2001:db8::1"))), ErrorCode.INVALID_REQUEST);
        assertThat(assigned(allocator.assign(v4.withAddresses(ips("192.0.2.1"))))).containsExactly("192.0.2.1");
    }

    @Test
    void changingTheRequestedAddressMovesTheService() {
        Allocator allocator = allocator(pool("default", "192.0.2.0/24"));
        allocator.assign(svc("a/x").withAddresses(ips("192.0.2.5")));
        assertThat(assigned(allocator.assign(svc("a/x").withAddresses(ips("192.0.2.6"))))).containsExactly("192.0.2.6");
        assertThat(allocator.holders(Fixtures.ip("192.0.2.5"))).isEmpty();
        assertThat(allocator.usage().get(0).assigned()).isEqualTo(1);
    }

    @Test
    void aRefusedChangeDoesNotLeakTheOldAddress() {
        Allocator allocator = allocator(pool("default", "192.0.2.0/24"));
        allocator.assign(svc("a/x").withAddresses(ips("192.0.2.5")));
        failed(allocator.assign(svc("a/x").withAddresses(ips("203.0.113.1"))), ErrorCode.ADDRESS_NOT_IN_POOL);
        assertThat(allocator.assignment(Fixtures.key("a/x"))).isEmpty();
        assertThat(allocator.usage().get(0).assigned()).isZero();
    }
}
