package io.barelb.announcer.bgp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BgpPluginTest {

    @Test
    void loadingThePluginTurnsNettysJfrEventsOffBeforeAnyNettyClassIsUsed() {
        new BgpPlugin().announcerFactories();
        assertThat(System.getProperty(BgpPlugin.NETTY_JFR)).as("unless the operator set it, Netty asks JFR nothing")
                .isEqualTo("false");
        assertThat(io.netty.util.internal.PlatformDependent.isJfrEnabled()).isFalse();
    }
}
