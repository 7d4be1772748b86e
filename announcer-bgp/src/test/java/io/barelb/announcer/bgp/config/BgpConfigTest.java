package io.barelb.announcer.bgp.config;

import io.barelb.api.select.LabelSelector;
import static io.barelb.announcer.bgp.config.Resources.ad;
import static io.barelb.announcer.bgp.config.Resources.aliases;
import static io.barelb.announcer.bgp.config.Resources.bfd;
import static io.barelb.announcer.bgp.config.Resources.map;
import static io.barelb.announcer.bgp.config.Resources.peer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.barelb.api.config.ConfigException;
import io.barelb.api.net.IpAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The typed configuration: every field mapped, MetalLB's and FRR's defaults applied. */
class BgpConfigTest {

    @Test
    void aMinimalPeerGetsTheDefaults() {
        PeerConfig peer = BgpConfig.from(List.of(peer("r", "myASN", 64500, "peerASN", 64501,
                "peerAddress", "192.0.2.1"))).peers().get("r");

        assertThat(peer.peerPort()).isEqualTo(179);
        assertThat(peer.holdTime()).isEqualTo(Duration.ofSeconds(180));
        assertThat(peer.keepaliveTime()).isEqualTo(Duration.ofSeconds(60));
        assertThat(peer.connectTime()).isEmpty();
        assertThat(peer.nodeSelectors()).isEmpty();
        assertThat(peer.selectsNode(Map.of("any", "node"))).isTrue();
        assertThat(peer.internal()).isFalse();
        assertThat(peer.password()).isEmpty();
        assertThat(peer.passwordSecret()).isEmpty();
    }

    @Test
    void everyPeerFieldIsMapped() {
        PeerConfig peer = BgpConfig.from(List.of(bfd("fast"), peer("r", "myASN", 64500, "dynamicASN", "internal",
                "localASN", 64999, "peerAddress", "2001:db8::1", "peerPort", 1179, "sourceAddress", "2001:db8::2",
                "routerID", "192.0.2.7", "holdTime", "1m30s", "connectTime", "5s", "ebgpMultiHop", true,
                "passwordSecret", map("name", "auth"), "nodeSelectors", Resources.labels("rack", "a"),
                "bfdProfile", "fast", "enableGracefulRestart", true, "vrf", "red", "dualStackAddressFamily", true)))
                .peers().get("r");

        assertThat(peer).isEqualTo(new PeerConfig("r", 64500, 0, Optional.of(PeerConfig.DynamicAsn.INTERNAL), 64999,
                Optional.of(IpAddress.parse("2001:db8::1")), Optional.empty(), 1179,
                Optional.of(IpAddress.parse("2001:db8::2")), Optional.of(IpAddress.parse("192.0.2.7")),
                Duration.ofSeconds(90), Duration.ofSeconds(30), Optional.of(Duration.ofSeconds(5)), true,
                Optional.empty(), Optional.of("auth"),
                List.of(new LabelSelector(Map.of("rack", "a"), List.of())), Optional.of("fast"), true,
                Optional.of("red"), true));
        assertThat(peer.internal()).isTrue();
        assertThat(peer.selectsNode(Map.of("rack", "b"))).isFalse();
    }

    @Test
    void timersFollowMetalLb() {
        PeerConfig keepaliveOnly = BgpConfig.from(List.of(peer("r", "myASN", 1, "peerASN", 2,
                "peerAddress", "192.0.2.1", "keepaliveTime", "20s"))).peers().get("r");
        PeerConfig holdOnly = BgpConfig.from(List.of(peer("r", "myASN", 1, "peerASN", 2,
                "peerAddress", "192.0.2.1", "holdTime", "10s"))).peers().get("r");

        assertThat(keepaliveOnly.holdTime()).isEqualTo(Duration.ofSeconds(60));
        assertThat(holdOnly.keepaliveTime()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void localAsnDecidesWhetherASessionIsInternal() {
        PeerConfig peer = BgpConfig.from(List.of(peer("r", "myASN", 64500, "peerASN", 64999, "localASN", 64999,
                "peerAddress", "192.0.2.1"))).peers().get("r");

        assertThat(peer.effectiveLocalAsn()).isEqualTo(64999);
        assertThat(peer.internal()).isTrue();
    }

    @Test
    void advertisementCommunitiesAreResolved() {
        AdvertisementConfig ad = BgpConfig.from(List.of(aliases("c", "gold", "64500:100", "big", "large:1:2:3"),
                ad("a", "communities", List.of("gold", "big", "no-export", "64500:7", "large:4:5:6"), "localPref", 50)))
                .advertisements().get("a");

        // MetalLB's order: a standard community A:B sorts as the large community (A<<16|B):0:0
        assertThat(ad.communities()).containsExactly(new Community.Large(1, 2, 3), new Community.Large(4, 5, 6),
                new Community.Standard(64500L << 16 | 7), new Community.Standard(64500L << 16 | 100),
                new Community.Standard(0xFFFF_FF01L));
        assertThat(ad.aggregationLength()).isEqualTo(32);
        assertThat(ad.aggregationLengthV6()).isEqualTo(128);
        assertThat(ad.localPref()).isEqualTo(50);
        assertThat(ad.allowsPeer("anyone")).isTrue();
    }

    @Test
    void bfdProfileDefaultsAreFrrs() {
        assertThat(BgpConfig.from(List.of(bfd("p"))).bfdProfiles().get("p"))
                .isEqualTo(new BfdProfileConfig("p", 300, 300, 3, 50, false, false, 254));
    }

    @Test
    void invalidResourcesAreRefusedWithEveryProblem() {
        assertThatThrownBy(() -> BgpConfig.from(List.of(bfd("p", "detectMultiplier", 1), ad("a", "aggregationLength", 0))))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).hasSize(2));
    }
}
