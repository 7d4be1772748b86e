package io.barelb.announcer.layer2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.util.Map;
import org.junit.jupiter.api.Test;

class Layer2SettingsTest {

    @Test
    void defaultsLeaveMembershipOff() {
        Layer2Settings settings = Layer2Settings.from(name -> null);

        assertThat(settings.membershipEnabled()).isFalse();
        assertThat(settings.timeoutMillis()).isEqualTo(750);
        assertThat(settings.linkPollMillis()).isEqualTo(100);
        assertThat(settings.cluster()).isEqualTo("barelb-speakers");
        assertThat(settings.joinWaitMillis()).isEqualTo(10_000);
        assertThat(settings.netlink()).isTrue();
    }

    @Test
    void readsTheJoinWaitAndTheLinkWatch() {
        Layer2Settings settings = Layer2Settings.from(Map.of("BARELB_MEMBERLIST_JOIN_WAIT_MS", "2500",
                "BARELB_LAYER2_LINK_WATCH", "poll", "BARELB_LAYER2_LINK_POLL_MS", "50")::get);

        assertThat(settings.joinWaitMillis()).isEqualTo(2500);
        assertThat(settings.netlink()).isFalse();
        assertThat(settings.linkPollMillis()).isEqualTo(50);
    }

    @Test
    void readsBindSeedsAndTimeouts() {
        Map<String, String> env = Map.of("BARELB_MEMBERLIST_BIND", "192.0.2.11",
                "BARELB_MEMBERLIST_SEEDS", "192.0.2.11:7946, 192.0.2.12:8000,[2001:db8::13]:7000",
                "BARELB_MEMBERLIST_TIMEOUT_MS", "400");

        Layer2Settings settings = Layer2Settings.from(env::get);

        assertThat(settings.membershipEnabled()).isTrue();
        assertThat(settings.bind()).contains(new InetSocketAddress("192.0.2.11", 7946));
        assertThat(settings.seeds()).containsExactly(new InetSocketAddress("192.0.2.11", 7946),
                new InetSocketAddress("192.0.2.12", 8000), new InetSocketAddress("2001:db8::13", 7000));
        assertThat(settings.timeoutMillis()).isEqualTo(400);
    }

    @Test
    void badValuesNameTheVariableAndTheFix() {
        assertThatThrownBy(() -> Layer2Settings.from(Map.of("BARELB_MEMBERLIST_SEEDS", "192.0.2.11")::get))
                .hasMessageContaining("BARELB_MEMBERLIST_BIND is not");
        assertThatThrownBy(() -> Layer2Settings.from(Map.of("BARELB_MEMBERLIST_BIND", "node-1:7946")::get))
                .hasMessageContaining("BARELB_MEMBERLIST_BIND \"node-1:7946\"").hasMessageContaining("literal address");
        assertThatThrownBy(() -> Layer2Settings.from(Map.of("BARELB_MEMBERLIST_BIND", "192.0.2.11:99999")::get))
                .hasMessageContaining("port must be 1-65535");
        assertThatThrownBy(() -> Layer2Settings.from(Map.of("BARELB_MEMBERLIST_TIMEOUT_MS", "-5")::get))
                .hasMessageContaining("BARELB_MEMBERLIST_TIMEOUT_MS \"-5\" must be a positive");
        assertThatThrownBy(() -> Layer2Settings.from(Map.of("BARELB_LAYER2_LINK_WATCH", "inotify")::get))
                .hasMessageContaining("BARELB_LAYER2_LINK_WATCH \"inotify\" must be netlink").hasMessageContaining("or poll");
        assertThatThrownBy(() -> Layer2Settings.from(Map.of("BARELB_MEMBERLIST_JOIN_WAIT_MS", "soon")::get))
                .hasMessageContaining("BARELB_MEMBERLIST_JOIN_WAIT_MS \"soon\" must be a positive");
    }
}
