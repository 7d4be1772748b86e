package io.barelb.runtime.allocator;

import static io.barelb.runtime.allocator.Fixtures.ips;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.barelb.api.ErrorCode;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceAnnotationsTest {

    @Test
    void readsEveryPrefix() {
        for (String prefix : ServiceAnnotations.PREFIXES) {
            ServiceAnnotations parsed = ServiceAnnotations.parse(Map.of(prefix + "address-pool", "gold",
                    prefix + "allow-shared-ip", "k1", prefix + "loadBalancerIPs", "192.0.2.1, 2001:db8::1"), null);
            assertThat(parsed.pool()).contains("gold");
            assertThat(parsed.sharingKey()).isEqualTo("k1");
            assertThat(parsed.addresses()).isEqualTo(ips("192.0.2.1", "2001:db8::1"));
            assertThat(parsed.deprecatedKeys()).hasSize(prefix.equals("metallb.universe.tf/") ? 3 : 0);
        }
    }

    @Test
    void readsSpecLoadBalancerIp() {
        ServiceAnnotations parsed = ServiceAnnotations.parse(Map.of(), "192.0.2.9");
        assertThat(parsed.addresses()).isEqualTo(ips("192.0.2.9"));
        assertThat(parsed.pool()).isEmpty();
        assertThat(parsed.sharingKey()).isEmpty();
    }

    @Test
    void refusesBothTheFieldAndTheAnnotation() {
        assertThatThrownBy(() -> ServiceAnnotations.parse(Map.of("metallb.io/loadBalancerIPs", "192.0.2.1"), "192.0.2.2"))
                .isInstanceOfSatisfying(ServiceAnnotations.InvalidAnnotationException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST))
                .hasMessageContaining("both spec.loadBalancerIP");
    }

    @Test
    void refusesTwoAddressesOfOneFamily() {
        assertThatThrownBy(() -> ServiceAnnotations.parse(Map.of("metallb.io/loadBalancerIPs", "192.0.2.1,192.0.2.2"), ""))
                .hasMessageContaining("two IPv4 addresses");
    }

    @Test
    void refusesTextThatIsNotAnAddress() {
        assertThatThrownBy(() -> ServiceAnnotations.parse(Map.of("metallb.io/loadBalancerIPs", "192.0.2.300"), null))
                .hasMessageContaining("\"192.0.2.300\" in the loadBalancerIPs annotation");
        assertThatThrownBy(() -> ServiceAnnotations.parse(Map.of(), "web.example"))
                .hasMessageContaining("spec.loadBalancerIP");
        assertThatThrownBy(() -> ServiceAnnotations.parse(Map.of("metallb.io/loadBalancerIPs", "192.0.2.1,"), null))
                .hasMessageContaining("is not an IP address");
    }

    @Test
    void refusesDisagreeingPrefixesButAcceptsAgreeingOnes() {
        assertThatThrownBy(() -> ServiceAnnotations.parse(
                Map.of("barelb.io/address-pool", "a", "metallb.io/address-pool", "b"), null)).hasMessageContaining("disagree");
        assertThat(ServiceAnnotations.parse(Map.of("barelb.io/address-pool", "a", "metallb.universe.tf/address-pool", "a"),
                null).pool()).contains("a");
    }

    @Test
    void eligibilityFollowsTypeAndClass() {
        assertThat(Eligibility.isServed("LoadBalancer", null, null)).isTrue();
        assertThat(Eligibility.isServed("ClusterIP", null, null)).isFalse();
        assertThat(Eligibility.isServed("LoadBalancer", "other.io/lb", null)).isFalse();
        assertThat(Eligibility.isServed("LoadBalancer", "barelb.io/lb", "barelb.io/lb")).isTrue();
        assertThat(Eligibility.isServed("LoadBalancer", "", "barelb.io/lb")).isFalse();
    }
}
