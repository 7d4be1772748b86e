package io.barelb.ipam.range;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.barelb.api.plugin.LbPlugin;
import io.barelb.api.config.ConfigException;
import io.barelb.api.ipam.AddressAllocator;
import io.barelb.api.ipam.IpamFactory;
import io.barelb.api.ipam.PoolEntry;
import io.barelb.api.net.IpAddress;
import io.barelb.api.net.IpFamily;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class RangeIpamFactoryTest {

    private final RangeIpamFactory factory = new RangeIpamFactory();

    private AddressAllocator create(String text, boolean avoidBuggy) {
        return factory.create(new PoolEntry("pool-a", 2, text, avoidBuggy));
    }

    private static IpAddress ip(String text) {
        return IpAddress.parse(text);
    }

    @Test
    void acceptsOnlyTheRangeNotation() {
        assertThat(factory.name()).isEqualTo("range");
        assertThat(factory.accepts("192.168.92.200-192.168.92.210")).isTrue();
        assertThat(factory.accepts("fc00::1 - fc00::ff")).isTrue();
        assertThat(factory.accepts("192.168.10.0/24")).isFalse();
        assertThat(factory.accepts("192.168.10.1")).isFalse();
        assertThat(factory.accepts("192.168.92.210-192.168.92.200")).as("reversed: create() says why").isTrue();
    }

    @Test
    void leavesOtherNotationsThatHoldADashToOtherPlugins() {
        assertThat(factory.accepts("site-a")).isFalse();
        assertThat(factory.accepts("site-a/rack-1")).isFalse();
        assertThat(factory.accepts("netbox:prefix-42")).isFalse();
        assertThat(factory.accepts("192.0.2.1-192.0.2.5-192.0.2.9")).isFalse();
        assertThat(factory.accepts("192.0.2.1-fc00::1")).as("one family only").isFalse();
        assertThat(factory.accepts("192.0.2.1-")).isFalse();
        assertThat(factory.notation()).isEqualTo("FIRST-LAST");
    }

    @Test
    void handsOutAnIpv4RangeLowestFirst() {
        AddressAllocator allocator = create("192.168.92.200-192.168.92.210", false);
        assertThat(allocator.family()).isEqualTo(IpFamily.IPV4);
        assertThat(allocator.size()).isEqualTo(BigInteger.valueOf(11));
        List<IpAddress> got = new ArrayList<>();
        allocator.allocate().ifPresent(got::add);
        allocator.allocate().ifPresent(got::add);
        assertThat(got).containsExactly(ip("192.168.92.200"), ip("192.168.92.201"));
        assertThat(allocator.reserve(ip("192.168.92.202"))).isTrue();
        assertThat(allocator.allocate()).contains(ip("192.168.92.203"));
        assertThat(allocator.release(ip("192.168.92.200"))).isTrue();
        assertThat(allocator.allocate()).contains(ip("192.168.92.200"));
        assertThat(allocator.assignedCount()).isEqualTo(4);
        assertThat(allocator.contains(ip("192.168.92.211"))).isFalse();
        assertThat(allocator.contains(ip("192.168.92.210"))).isTrue();
        assertThatThrownBy(() -> allocator.reserve(ip("192.168.92.199"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void exhaustsAndRefills() {
        AddressAllocator allocator = create("10.0.0.1 - 10.0.0.3", false);
        assertThat(allocator.allocate()).contains(ip("10.0.0.1"));
        assertThat(allocator.allocate()).contains(ip("10.0.0.2"));
        assertThat(allocator.allocate()).contains(ip("10.0.0.3"));
        assertThat(allocator.allocate()).isEmpty();
        allocator.release(ip("10.0.0.2"));
        assertThat(allocator.isAssigned(ip("10.0.0.2"))).isFalse();
        assertThat(allocator.allocate()).contains(ip("10.0.0.2"));
    }

    @Test
    void handsOutIpv6Ranges() {
        AddressAllocator allocator = create("fc00::1-fc00::ff", false);
        assertThat(allocator.family()).isEqualTo(IpFamily.IPV6);
        assertThat(allocator.size()).isEqualTo(BigInteger.valueOf(255));
        assertThat(allocator.allocate()).contains(ip("fc00::1"));
        assertThat(allocator.reserve(ip("fc00::ff"))).isTrue();
        assertThat(allocator.isAssigned(ip("fc00::ff"))).isTrue();
    }

    @Test
    void avoidBuggyIpsSkipsDotZeroAndDot255() {
        AddressAllocator allocator = create("10.0.0.254-10.0.1.1", true);
        assertThat(allocator.size()).isEqualTo(BigInteger.valueOf(2));
        assertThat(allocator.contains(ip("10.0.0.255"))).isFalse();
        assertThat(allocator.contains(ip("10.0.1.0"))).isFalse();
        assertThat(allocator.allocate()).contains(ip("10.0.0.254"));
        assertThat(allocator.allocate()).contains(ip("10.0.1.1"));
        assertThat(allocator.allocate()).isEmpty();
        assertThatThrownBy(() -> allocator.reserve(ip("10.0.1.0"))).isInstanceOf(IllegalArgumentException.class);
        // the same range without the option hands them out
        assertThat(create("10.0.0.254-10.0.1.1", false).size()).isEqualTo(BigInteger.valueOf(4));
    }

    @Test
    void avoidBuggyIpsDoesNotApplyToIpv6() {
        assertThat(create("2001:db8::ff-2001:db8::100", true).size()).isEqualTo(BigInteger.TWO);
    }

    @Test
    void hugeIpv6RangesAreClampedAndCheap() {
        AddressAllocator allocator = create("2001:db8::-2001:db8:0:1::", false);
        assertThat(allocator.size()).isEqualTo(BigInteger.valueOf(Long.MAX_VALUE));
        assertThat(allocator.allocate()).contains(ip("2001:db8::"));
        assertThat(allocator.reserve(ip("2001:db8::7fff:ffff:ffff:fffe"))).isTrue();
        assertThat(allocator.contains(ip("2001:db8::8000:0:0:0"))).isFalse();
    }

    @Test
    void refusesStartAfterEnd() {
        assertThatThrownBy(() -> create("10.0.0.9-10.0.0.1", false)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("IPAddressPool \"pool-a\": spec.addresses[2] \"10.0.0.9-10.0.0.1\"")
                .hasMessageContaining("start 10.0.0.9 is after end 10.0.0.1");
    }

    @Test
    void refusesBadAddresses() {
        assertThatThrownBy(() -> create("1.2.3.4-1.2.3.400", false)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("pool-a").hasMessageContaining("\"1.2.3.400\" is not an IPv4 or IPv6 address");
        assertThatThrownBy(() -> create("-1.2.3.4", false)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("first address \"\"");
    }

    @Test
    void refusesMixedFamiliesAndExtraDashes() {
        assertThatThrownBy(() -> create("10.0.0.1-fc00::1", false)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("mixes families");
        assertThatThrownBy(() -> create("10.0.0.1-10.0.0.2-10.0.0.3", false)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("exactly one dash");
    }

    @Test
    void refusesARangeThatAvoidBuggyIpsEmpties() {
        ConfigException e = (ConfigException) org.assertj.core.api.Assertions.catchThrowable(
                () -> create("10.0.0.255-10.0.1.0", true));
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo("IPAddressPool");
            assertThat(p.name()).isEqualTo("pool-a");
            assertThat(p.field()).isEqualTo("spec.addresses[2]");
            assertThat(p.reason()).contains("avoidBuggyIPs");
        });
    }

    @Test
    void isFoundThroughServiceLoader() {
        List<String> names = new ArrayList<>();
        for (LbPlugin plugin : ServiceLoader.load(LbPlugin.class)) {
            for (IpamFactory ipam : plugin.ipamFactories()) {
                names.add(ipam.name());
            }
            assertThat(plugin.announcerFactories()).isEmpty();
        }
        assertThat(names).containsExactly("range");
    }
}
