package io.barelb.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.barelb.api.net.IpAddress;
import io.barelb.api.net.IpPrefix;
import java.math.BigInteger;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AddressRangeTest {

    @Test
    void prefixesCoverExactlyTheRangeWithoutGapsForRandomIpv4Ranges() {
        SplittableRandom random = new SplittableRandom(20261126L);
        for (int round = 0; round < 2000; round++) {
            long a = random.nextLong(0, 1L << 32);
            long b = Math.min((1L << 32) - 1, a + random.nextLong(0, 5000));
            AddressRange range = new AddressRange(IpAddress.ipv4((int) a), IpAddress.ipv4((int) b));
            List<IpPrefix> prefixes = range.toPrefixes();
            BigInteger next = BigInteger.valueOf(a);
            for (IpPrefix prefix : prefixes) {
                assertThat(AddressRange.value(prefix.first())).isEqualTo(next);
                next = AddressRange.value(prefix.last()).add(BigInteger.ONE);
            }
            assertThat(next).isEqualTo(BigInteger.valueOf(b + 1));
            assertThat(range.size(false)).isEqualTo(BigInteger.valueOf(b - a + 1));
        }
    }

    @Test
    void buggyAddressCountMatchesCountingOneByOne() {
        SplittableRandom random = new SplittableRandom(7L);
        for (int round = 0; round < 500; round++) {
            long a = random.nextLong(0, 1L << 31);
            long b = a + random.nextLong(0, 2000);
            long buggy = 0;
            for (long x = a; x <= b; x++) {
                if ((x & 0xFF) == 0 || (x & 0xFF) == 255) {
                    buggy++;
                }
            }
            AddressRange range = new AddressRange(IpAddress.ipv4((int) a), IpAddress.ipv4((int) b));
            assertThat(range.size(true)).isEqualTo(BigInteger.valueOf(b - a + 1 - buggy));
        }
    }

    @Test
    void ipv6RangeSplitsIntoAlignedPrefixes() {
        AddressRange range = AddressRange.parse("2001:db8::ff-2001:db8::1ff");

        assertThat(range.toPrefixes()).extracting(IpPrefix::toString)
                .containsExactly("2001:db8::ff/128", "2001:db8::100/120");
        assertThat(AddressRange.parse("0.0.0.0/0").toPrefixes()).extracting(IpPrefix::toString).containsExactly("0.0.0.0/0");
    }

    @Test
    void rejectsEntriesThatAreNoRange() {
        assertThatThrownBy(() -> AddressRange.parse("192.0.2.9-192.0.2.1")).hasMessageContaining("after the last");
        assertThatThrownBy(() -> AddressRange.parse("nonsense")).hasMessageContaining("neither a CIDR");
    }
}
