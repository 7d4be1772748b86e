package io.barelb.ipam.cidr;

import io.barelb.api.ipam.block.BlockAllocator;
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
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CidrIpamFactoryTest {

    private final CidrIpamFactory factory = new CidrIpamFactory();

    private AddressAllocator create(String text, boolean avoidBuggy) {
        return factory.create(new PoolEntry("pool-c", 0, text, avoidBuggy));
    }

    private static IpAddress ip(String text) {
        return IpAddress.parse(text);
    }

    @Test
    void acceptsOnlyTheCidrNotation() {
        assertThat(factory.name()).isEqualTo("cidr");
        assertThat(factory.accepts("192.168.10.0/24")).isTrue();
        assertThat(factory.accepts("2001:db8::/64")).isTrue();
        assertThat(factory.accepts("10.0.0.1-10.0.0.2")).isFalse();
        assertThat(factory.accepts("192.0.2.0/33")).as("a bad length: create() says why").isTrue();
    }

    @Test
    void leavesOtherNotationsThatHoldASlashToOtherPlugins() {
        assertThat(factory.accepts("site-a/rack-1")).isFalse();
        assertThat(factory.accepts("192.0.2.0/")).isFalse();
        assertThat(factory.accepts("192.0.2.0/24/25")).isFalse();
        assertThat(factory.accepts("netbox:10.0.0.0/8")).isFalse();
        assertThat(factory.notation()).isEqualTo("ADDRESS/LENGTH");
    }

    @Test
    void handsOutAnIpv4PrefixLowestFirstIncludingNetworkAndBroadcast() {
        AddressAllocator allocator = create("192.168.10.0/30", false);
        assertThat(allocator.family()).isEqualTo(IpFamily.IPV4);
        assertThat(allocator.first()).isEqualTo(ip("192.168.10.0"));
        assertThat(allocator.last()).isEqualTo(ip("192.168.10.3"));
        assertThat(allocator.size()).isEqualTo(BigInteger.valueOf(4));
        assertThat(allocator.allocate()).contains(ip("192.168.10.0"));
        assertThat(allocator.allocate()).contains(ip("192.168.10.1"));
        assertThat(allocator.allocate()).contains(ip("192.168.10.2"));
        assertThat(allocator.allocate()).contains(ip("192.168.10.3"));
        assertThat(allocator.allocate()).isEmpty();
    }

    @Test
    void aSlash32HoldsOneAddress() {
        AddressAllocator allocator = create("10.0.0.5/32", false);
        assertThat(allocator.size()).isEqualTo(BigInteger.ONE);
        assertThat(allocator.allocate()).contains(ip("10.0.0.5"));
        assertThat(allocator.allocate()).isEmpty();
    }

    @Test
    void hostBitsAreCleared() {
        assertThat(create("192.168.10.77/24", false).first()).isEqualTo(ip("192.168.10.0"));
    }

    @Test
    void avoidBuggyIpsSkipsEveryDotZeroAndDot255WhateverThePrefix() {
        AddressAllocator allocator = create("10.0.0.0/23", true);
        assertThat(allocator.size()).isEqualTo(BigInteger.valueOf(512 - 4));
        assertThat(allocator.allocate()).contains(ip("10.0.0.1"));
        for (String excluded : List.of("10.0.0.0", "10.0.0.255", "10.0.1.0", "10.0.1.255")) {
            assertThat(allocator.contains(ip(excluded))).as(excluded).isFalse();
        }
        for (int i = 0; i < 253; i++) {
            allocator.allocate();
        }
        assertThat(allocator.allocate()).contains(ip("10.0.1.1"));
    }

    @Test
    void anIpv6Slash64CostsMemoryPerHandedOutAddressOnly() {
        AddressAllocator allocator = create("2001:db8::/64", false);
        assertThat(allocator.size()).isEqualTo(BigInteger.valueOf(Long.MAX_VALUE));
        assertThat(allocator.allocate()).contains(ip("2001:db8::"));
        assertThat(allocator.allocate()).contains(ip("2001:db8::1"));
        SplittableRandom random = new SplittableRandom(64);
        for (int i = 0; i < 10_000; i++) {
            allocator.reserve(ip("2001:db8::").plus(random.nextLong(1L << 62)));
        }
        assertThat(((BlockAllocator) allocator).retainedBytes()).isLessThan(10_000L * 64);
        assertThat(allocator.assignedCount()).isBetween(9_990L, 10_002L);
    }

    @Test
    void aSlashZeroIpv6IsClampedToItsFirst2To63Addresses() {
        AddressAllocator allocator = create("::/0", false);
        assertThat(allocator.size()).isEqualTo(BigInteger.valueOf(Long.MAX_VALUE));
        assertThat(allocator.contains(ip("::7fff:ffff:ffff:fffe"))).isTrue();
        assertThat(allocator.contains(ip("::1:0:0:0:0"))).isFalse();
        assertThat(allocator.last()).isEqualTo(ip("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"));
    }

    @Test
    void refusesBadLengthsAndAddresses() {
        assertThatThrownBy(() -> create("10.0.0.0/33", false)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("IPAddressPool \"pool-c\": spec.addresses[0] \"10.0.0.0/33\"")
                .hasMessageContaining("must be 0-32");
        assertThatThrownBy(() -> create("1.2.3.400/24", false)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("\"1.2.3.400\" is not an IP address");
        assertThatThrownBy(() -> create("2001:db8::/129", false)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("must be 0-128");
        assertThatThrownBy(() -> create("10.0.0.0/", false)).isInstanceOf(ConfigException.class);
    }

    @Test
    void refusesAPrefixThatAvoidBuggyIpsEmpties() {
        assertThatThrownBy(() -> create("10.0.0.255/32", true)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("avoidBuggyIPs");
    }

    @Test
    void isFoundThroughServiceLoader() {
        List<String> names = new ArrayList<>();
        for (LbPlugin plugin : ServiceLoader.load(LbPlugin.class)) {
            for (IpamFactory ipam : plugin.ipamFactories()) {
                names.add(ipam.name());
            }
        }
        assertThat(names).containsExactly("cidr");
    }
}
