package io.barelb.runtime.allocator;

import static io.barelb.runtime.allocator.Fixtures.allocator;
import static io.barelb.runtime.allocator.Fixtures.assigned;
import static io.barelb.runtime.allocator.Fixtures.failed;
import static io.barelb.runtime.allocator.Fixtures.ips;
import static io.barelb.runtime.allocator.Fixtures.pinnedToNamespaces;
import static io.barelb.runtime.allocator.Fixtures.pool;
import static io.barelb.runtime.allocator.Fixtures.poolOf;
import static io.barelb.runtime.allocator.Fixtures.svc;
import static org.assertj.core.api.Assertions.assertThat;

import io.barelb.api.ErrorCode;
import io.barelb.api.net.IpFamily;
import java.util.List;
import org.junit.jupiter.api.Test;

class DualStackTest {

    private static final List<IpFamily> V4_FIRST = List.of(IpFamily.IPV4, IpFamily.IPV6);
    private static final List<IpFamily> V6_FIRST = List.of(IpFamily.IPV6, IpFamily.IPV4);

    private static ServiceRequest policy(String service, IpFamilyPolicy policy, List<IpFamily> families) {
        return svc(service).withFamilies(policy, families);
    }

    @Test
    void singleStackTakesThePrimaryFamily() {
        Allocator allocator = allocator(pool("dual", "192.0.2.0/24", "2001:db8::/64"));
        assertThat(assigned(allocator.assign(policy("a/v6", IpFamilyPolicy.SINGLE_STACK, List.of(IpFamily.IPV6)))))
                .containsExactly("2001:db8::");
        assertThat(assigned(allocator.assign(svc("a/default")))).containsExactly("192.0.2.0");
    }

    @Test
    void singleStackFailsWhenNoPoolHasTheFamily() {
        Allocator allocator = allocator(pool("v4", "192.0.2.0/24"));
        assertThat(failed(allocator.assign(policy("a/v6", IpFamilyPolicy.SINGLE_STACK, List.of(IpFamily.IPV6))),
                ErrorCode.POOL_EXHAUSTED)).contains("needs an IPv6 address");
    }

    @Test
    void requireDualStackTakesBothFamiliesPrimaryFirst() {
        Allocator allocator = allocator(pool("dual", "192.0.2.0/24", "2001:db8::/64"));
        assertThat(assigned(allocator.assign(policy("a/x", IpFamilyPolicy.REQUIRE_DUAL_STACK, V6_FIRST))))
                .containsExactly("2001:db8::", "192.0.2.0");
    }

    @Test
    void requireDualStackFailsWhenAFamilyIsMissing() {
        Allocator allocator = allocator(pool("v4", "192.0.2.0/24"), pool("v6", "2001:db8::/64"));
        assertThat(failed(allocator.assign(policy("a/x", IpFamilyPolicy.REQUIRE_DUAL_STACK, V4_FIRST)),
                ErrorCode.POOL_EXHAUSTED)).contains("needs an IPv4 and an IPv6 address");
        assertThat(allocator.usage()).allSatisfy(u -> assertThat(u.assigned()).isZero());
    }

    @Test
    void requireDualStackGivesBackTheFirstFamilyWhenTheSecondIsFull() {
        Allocator allocator = allocator(pool("dual", "192.0.2.0/24", "2001:db8::1/128"));
        assigned(allocator.assign(policy("a/v6", IpFamilyPolicy.SINGLE_STACK, List.of(IpFamily.IPV6))));
        failed(allocator.assign(policy("a/x", IpFamilyPolicy.REQUIRE_DUAL_STACK, V4_FIRST)), ErrorCode.POOL_EXHAUSTED);
        assertThat(allocator.usage().get(0).assigned()).isZero();
    }

    @Test
    void preferDualStackPrefersAPoolWithBothFamilies() {
        Allocator allocator = allocator(pinnedToNamespaces("v4-first", 1, List.of("a"), "192.0.2.0/24"),
                pool("dual", "198.51.100.0/24", "2001:db8::/64"));
        AllocationResult result = allocator.assign(policy("a/x", IpFamilyPolicy.PREFER_DUAL_STACK, V4_FIRST));
        assertThat(poolOf(result)).isEqualTo("dual");
        assertThat(assigned(result)).containsExactly("198.51.100.0", "2001:db8::");
    }

    @Test
    void preferDualStackTakesWhatExists() {
        Allocator allocator = allocator(pool("v6", "2001:db8::/64"));
        assertThat(assigned(allocator.assign(policy("a/x", IpFamilyPolicy.PREFER_DUAL_STACK, V4_FIRST))))
                .containsExactly("2001:db8::");
    }

    @Test
    void preferDualStackGetsTheMissingFamilyOnceThePoolHasIt() {
        Allocator allocator = allocator(pool("p", "192.0.2.0/24"));
        ServiceRequest request = policy("a/x", IpFamilyPolicy.PREFER_DUAL_STACK, V4_FIRST);
        assertThat(assigned(allocator.assign(request))).containsExactly("192.0.2.0");
        assertThat(allocator.configure(List.of(pool("p", "192.0.2.0/24", "2001:db8::/64"))).cleared()).isEmpty();
        assertThat(assigned(allocator.assign(request))).containsExactly("192.0.2.0", "2001:db8::");
    }

    @Test
    void requestedAddressesFollowThePolicy() {
        Allocator allocator = allocator(pool("dual", "192.0.2.0/24", "2001:db8::/64"));
        failed(allocator.assign(policy("a/x", IpFamilyPolicy.REQUIRE_DUAL_STACK, V4_FIRST).withAddresses(ips("192.0.2.5"))),
                ErrorCode.INVALID_REQUEST);
        assertThat(assigned(allocator.assign(policy("a/x", IpFamilyPolicy.REQUIRE_DUAL_STACK, V4_FIRST)
                .withAddresses(ips("192.0.2.5", "2001:db8::5"))))).containsExactly("192.0.2.5", "2001:db8::5");
        assertThat(assigned(allocator.assign(policy("a/y", IpFamilyPolicy.PREFER_DUAL_STACK, V4_FIRST)
                .withAddresses(ips("2001:db8::6"))))).containsExactly("2001:db8::6");
    }

    @Test
    void switchingFromSingleToRequireDualStackReassigns() {
        Allocator allocator = allocator(pool("v4", "192.0.2.0/24"), pool("dual", "198.51.100.0/24", "2001:db8::/64"));
        assertThat(poolOf(allocator.assign(svc("a/x")))).isEqualTo("dual");
        assertThat(assigned(allocator.assign(policy("a/x", IpFamilyPolicy.REQUIRE_DUAL_STACK, V4_FIRST))))
                .containsExactly("198.51.100.0", "2001:db8::");
    }
}
