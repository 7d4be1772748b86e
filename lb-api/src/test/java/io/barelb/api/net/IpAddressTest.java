package io.barelb.api.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpAddressTest {

    @ParameterizedTest
    @CsvSource({
            "0.0.0.0, 0.0.0.0",
            "192.0.2.1, 192.0.2.1",
            "255.255.255.255, 255.255.255.255",
            "::, ::",
            "::1, ::1",
            "1::, 1::",
            "2001:DB8::1, 2001:db8::1",
            "2001:0db8:0000:0000:0000:0000:0000:0001, 2001:db8::1",
            "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
            "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
            "1:0:0:2:0:0:0:3, 1:0:0:2::3",
            "::ffff:192.0.2.1, ::ffff:192.0.2.1",
            "::ffff:c000:201, ::ffff:192.0.2.1",
            "64:ff9b::192.0.2.33, 64:ff9b::c000:221",
            "::192.0.2.1, ::c000:201",
            "1:2:3:4:5:6:7::, 1:2:3:4:5:6:7:0",
            "::2:3:4:5:6:7:8, 0:2:3:4:5:6:7:8",
    })
    void parsesAndWritesTheCanonicalForm(String text, String canonical) {
        IpAddress address = IpAddress.parse(text);
        assertThat(address.toString()).isEqualTo(canonical);
        assertThat(IpAddress.parse(canonical)).isEqualTo(address);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1.2.3", "1.2.3.4.5", "1.2.3.400", "256.0.0.0", "01.2.3.4", "1.2.3.4.", ".1.2.3.4",
            "1..2.3", "1.2.3.-4", "1.2.3.4 ", " 1.2.3.4", "a.b.c.d", "1.2.3.٤", "1234.1.1.1",
            ":", ":::", "1:::2", "1::2::3", ":1::", "1:", "1::2:", "12345::", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7:8::",
            "::1.2.3", "1.2.3.4::", "1:2:3:4:5:6:7:1.2.3.4", "fe80::1%eth0", "g::1", "٣::1", "::١", "2001:db8::/64",
            "[::1]", "example.org"})
    void refusesWhatIsNotALiteral(String text) {
        assertThat(IpAddress.tryParse(text)).as(text).isNull();
        assertThatThrownBy(() -> IpAddress.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"" + text + "\"");
    }

    @Test
    void tryParseOfNullIsNull() {
        assertThat(IpAddress.tryParse(null)).isNull();
    }

    @Test
    void agreesWithTheJdkOnRandomAddresses() throws Exception {
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 20_000; i++) {
            byte[] bytes = new byte[random.nextBoolean() ? 4 : 16];
            for (int b = 0; b < bytes.length; b++) {
                // many zero bytes so that zero runs of every length occur
                bytes[b] = random.nextInt(3) == 0 ? (byte) random.nextInt(256) : 0;
            }
            IpAddress address = IpAddress.fromBytes(bytes);
            InetAddress jdk = InetAddress.getByAddress(bytes);
            assertThat(address.toBytes()).isEqualTo(bytes);
            assertThat(IpAddress.fromInetAddress(jdk)).isEqualTo(address);
            assertThat(IpAddress.parse(address.toString())).isEqualTo(address);
            assertThat(IpAddress.parse(jdk.getHostAddress())).as(jdk.getHostAddress()).isEqualTo(address);
            assertThat(address.toInetAddress().getAddress()).isEqualTo(bytes);
        }
    }

    @Test
    void ordersIpv4BeforeIpv6ThenNumerically() {
        List<IpAddress> sorted = new ArrayList<>(List.of(IpAddress.parse("ffff::"), IpAddress.parse("::1"),
                IpAddress.parse("255.0.0.0"), IpAddress.parse("1.0.0.0"), IpAddress.parse("8000::")));
        sorted.sort(null);
        assertThat(sorted).extracting(IpAddress::toString).containsExactly("1.0.0.0", "255.0.0.0", "::1", "8000::", "ffff::");
        assertThat(IpAddress.parse("0.0.0.1")).isNotEqualTo(IpAddress.parse("::1"));
    }

    @Test
    void plusCarriesAndRefusesOverflow() {
        assertThat(IpAddress.parse("192.0.2.255").plus(1)).isEqualTo(IpAddress.parse("192.0.3.0"));
        assertThat(IpAddress.parse("::ffff:ffff:ffff:ffff").plus(1)).isEqualTo(IpAddress.parse("0:0:0:1::"));
        assertThat(IpAddress.parse("::").plus(-1L)).isEqualTo(IpAddress.parse("::ffff:ffff:ffff:ffff"));
        assertThatThrownBy(() -> IpAddress.parse("255.255.255.255").plus(1)).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> IpAddress.parse("255.255.255.0").plus(1L << 32)).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> IpAddress.parse("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff").plus(1))
                .isInstanceOf(ArithmeticException.class);
    }

    @Test
    void minusIsTheUnsignedDistance() {
        assertThat(IpAddress.parse("192.0.3.0").minus(IpAddress.parse("192.0.2.255"))).isEqualTo(1);
        assertThat(IpAddress.parse("0:0:0:1::").minus(IpAddress.parse("::1"))).isEqualTo(-1L);
        assertThatThrownBy(() -> IpAddress.parse("::1").minus(IpAddress.parse("::2")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IpAddress.parse("0:0:0:2::").minus(IpAddress.parse("::")))
                .hasMessageContaining("2^64");
        assertThatThrownBy(() -> IpAddress.parse("::1").minus(IpAddress.parse("0.0.0.0")))
                .hasMessageContaining("different families");
    }

    @Test
    void factoriesCheckTheirInput() {
        assertThat(IpAddress.ipv4(0xC0000201)).isEqualTo(IpAddress.parse("192.0.2.1"));
        assertThat(IpAddress.of(IpFamily.IPV4, 0, 0xC0000201L).isIpv4()).isTrue();
        assertThatThrownBy(() -> IpAddress.of(IpFamily.IPV4, 0, 1L << 32)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IpAddress.fromBytes(new byte[5])).hasMessageContaining("not 5");
        assertThat(IpFamily.fromKubernetesName("IPv6")).isEqualTo(IpFamily.IPV6);
        assertThatThrownBy(() -> IpFamily.fromKubernetesName("IPv5")).hasMessageContaining("IPv5");
    }
}
