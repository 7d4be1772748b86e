package io.barelb.api.select;

import static org.assertj.core.api.Assertions.assertThat;

import io.barelb.api.config.ConfigView;
import io.barelb.api.config.PoolFacts;
import io.barelb.api.net.IpFamily;
import io.barelb.api.net.IpPrefix;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which pools an advertisement selects (MetalLB's setBGPAdvertisementsToPools), and the facts of a pool entry. */
class PoolSelectionTest {

    private static final PoolFacts EDGE = new PoolFacts("edge", Map.of("zone", "a"), List.of(
            new PoolFacts.Entry("192.0.2.0-192.0.2.95", IpFamily.IPV4,
                    List.of(IpPrefix.parse("192.0.2.0/26"), IpPrefix.parse("192.0.2.64/27")))));
    private static final PoolFacts CORE = new PoolFacts("core", Map.of(), List.of(
            new PoolFacts.Entry("2001:db8::/120", IpFamily.IPV6, List.of(IpPrefix.parse("2001:db8::/120")))));
    private static final List<PoolFacts> POOLS = List.of(EDGE, CORE);

    private static ConfigView spec(Map<String, ?> values) {
        return ConfigView.of("AcmeAdvertisement", "ad", "spec", values);
    }

    @Test
    void byNameOrSelectorAndEveryPoolWhenBothListsAreEmptyOrAbsent() {
        assertThat(PoolSelection.selectedBy(spec(Map.of("ipAddressPools", List.of("core"))), POOLS)).containsExactly(CORE);
        assertThat(PoolSelection.selectedBy(spec(Map.of("ipAddressPoolSelectors",
                List.of(Map.of("matchLabels", Map.of("zone", "a"))))), POOLS)).containsExactly(EDGE);
        assertThat(PoolSelection.selectedBy(spec(Map.of("ipAddressPools", List.of("core"), "ipAddressPoolSelectors",
                List.of(Map.of("matchLabels", Map.of("zone", "a"))))), POOLS)).containsExactly(EDGE, CORE);
        assertThat(PoolSelection.selectedBy(spec(Map.of()), POOLS)).containsExactly(EDGE, CORE);
        assertThat(PoolSelection.selectedBy(spec(Map.of("ipAddressPools", List.of(), "ipAddressPoolSelectors",
                List.of())), POOLS)).containsExactly(EDGE, CORE);
        assertThat(PoolSelection.selectedBy(spec(Map.of("ipAddressPools", List.of("absent"))), POOLS)).isEmpty();
    }

    @Test
    void anEntrysShortestPrefixIsItsLeastSpecificOne() {
        assertThat(EDGE.entries().get(0).shortestPrefixLength()).isEqualTo(26);
        assertThat(EDGE.has(IpFamily.IPV4)).isTrue();
        assertThat(EDGE.has(IpFamily.IPV6)).isFalse();
        assertThat(new PoolFacts.Entry("none", IpFamily.IPV6, List.of()).shortestPrefixLength()).isEqualTo(128);
    }
}
