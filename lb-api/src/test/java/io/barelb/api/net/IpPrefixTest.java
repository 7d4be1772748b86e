package io.barelb.api.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpPrefixTest {

    @ParameterizedTest
    @CsvSource({
            "192.0.2.0/24, 192.0.2.0, 192.0.2.255, 256",
            "192.0.2.77/24, 192.0.2.0, 192.0.2.255, 256",
            "10.0.0.5/32, 10.0.0.5, 10.0.0.5, 1",
            "0.0.0.0/0, 0.0.0.0, 255.255.255.255, 4294967296",
            "2001:db8::/64, 2001:db8::, 2001:db8::ffff:ffff:ffff:ffff, 18446744073709551616",
            "2001:db8::1/128, 2001:db8::1, 2001:db8::1, 1",
            "2001:db8:8000::/33, 2001:db8:8000::, 2001:db8:ffff:ffff:ffff:ffff:ffff:ffff, 39614081257132168796771975168",
            "::/0, ::, ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff, 340282366920938463463374607431768211456",
            "2001:db8::ff/120, 2001:db8::, 2001:db8::ff, 256",
            "2001:db8:0:0:8000::/65, 2001:db8:0:0:8000::, 2001:db8::ffff:ffff:ffff:ffff, 9223372036854775808",
    })
    void parsesFirstLastAndSize(String text, String first, String last, String size) {
        IpPrefix prefix = IpPrefix.parse(text);
        assertThat(prefix.first()).isEqualTo(IpAddress.parse(first));
        assertThat(prefix.last()).isEqualTo(IpAddress.parse(last));
        assertThat(prefix.size()).isEqualTo(new BigInteger(size));
        assertThat(prefix.contains(prefix.first())).isTrue();
        assertThat(prefix.contains(prefix.last())).isTrue();
        assertThat(IpPrefix.parse(prefix.toString())).isEqualTo(prefix);
    }

    @ParameterizedTest
    @ValueSource(strings = {"192.0.2.0", "192.0.2.0/33", "192.0.2.0/-1", "192.0.2.0/", "192.0.2.0/+24", "192.0.2.0/2 4",
            "1.2.3.400/24", "/24", "2001:db8::/129", "2001:db8::/6a", "192.0.2.0/٢٤", "192.0.2.0/24/1",
            "192.0.2.0/99999999999"})
    void refusesMalformedPrefixes(String text) {
        assertThatThrownBy(() -> IpPrefix.parse(text)).as(text).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(text);
    }

    @Test
    void containsOnlyItsOwnFamilyAndRange() {
        IpPrefix prefix = IpPrefix.parse("192.0.2.0/25");
        assertThat(prefix.contains(IpAddress.parse("192.0.2.127"))).isTrue();
        assertThat(prefix.contains(IpAddress.parse("192.0.2.128"))).isFalse();
        assertThat(prefix.contains(IpAddress.parse("::c000:201"))).isFalse();
        assertThat(IpPrefix.parse("::/0").contains(IpAddress.parse("0.0.0.0"))).isFalse();
    }

    @Test
    void overlapsWhenOneContainsTheOther() {
        assertThat(IpPrefix.parse("192.0.2.0/24").overlaps(IpPrefix.parse("192.0.2.128/25"))).isTrue();
        assertThat(IpPrefix.parse("192.0.2.128/25").overlaps(IpPrefix.parse("192.0.2.0/24"))).isTrue();
        assertThat(IpPrefix.parse("192.0.2.0/25").overlaps(IpPrefix.parse("192.0.2.128/25"))).isFalse();
        assertThat(IpPrefix.parse("0.0.0.0/0").overlaps(IpPrefix.parse("::/0"))).isFalse();
    }

    @Test
    void theConstructorMasksAndChecksTheLength() {
        assertThat(new IpPrefix(IpAddress.parse("2001:db8::1234"), 112).network()).isEqualTo(IpAddress.parse("2001:db8::"));
        assertThat(IpPrefix.host(IpAddress.parse("192.0.2.9"))).isEqualTo(IpPrefix.parse("192.0.2.9/32"));
        assertThat(IpPrefix.parse("2001:db8::/64").hostBits()).isEqualTo(64);
        assertThatThrownBy(() -> new IpPrefix(IpAddress.parse("192.0.2.0"), 33)).hasMessageContaining("0-32");
    }

    @Test
    void anAddressThatIsAlreadyTheNetworkIsKeptNotCopied() {
        IpAddress host = IpAddress.parse("192.0.2.9");
        IpAddress network = IpAddress.parse("2001:db8::");

        assertThat(IpPrefix.host(host).network()).isSameAs(host);
        assertThat(new IpPrefix(network, 64).network()).isSameAs(network);
        assertThat(new IpPrefix(host, 24).network()).isNotSameAs(host).isEqualTo(IpAddress.parse("192.0.2.0"));
    }
}
