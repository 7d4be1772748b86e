package io.barelb.announcer.layer2;

import static org.assertj.core.api.Assertions.assertThat;

import io.barelb.api.net.IpAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GratuitousTest {

    @Test
    void ipv4IsABroadcastRequestAndReplyWithSenderEqualToTarget() throws Exception {
        IpAddress vip = IpAddress.parse("192.0.2.200");

        List<byte[]> frames = Gratuitous.frames(vip, Fixtures.NODE_MAC);

        assertThat(frames).hasSize(2);
        assertThat(Fixtures.hex("ffffffffffff 02000000000b 0806 0001 0800 06 04 0001 02000000000b c00002c8 000000000000 c00002c8"))
                .isEqualTo(frames.get(0));
        assertThat(Fixtures.hex("ffffffffffff 02000000000b 0806 0001 0800 06 04 0002 02000000000b c00002c8 ffffffffffff c00002c8"))
                .isEqualTo(frames.get(1));
    }

    @Test
    void ipv6IsAnUnsolicitedOverridingAdvertisementToAllNodes() throws Exception {
        IpAddress vip = IpAddress.parse("2001:db8::200");

        List<byte[]> frames = Gratuitous.frames(vip, Fixtures.NODE_MAC);

        assertThat(frames).hasSize(1);
        byte[] frame = frames.get(0);
        assertThat(EthernetHeader.decode(frame).destination()).isEqualTo(MacAddress.parse("33:33:00:00:00:01"));
        NdpPacket packet = NdpPacket.decode(frame, EthernetHeader.LENGTH).orElseThrow();
        assertThat(packet.destination()).isEqualTo(IpAddress.parse("ff02::1"));
        assertThat(packet.message()).isEqualTo(
                new NdpMessage.NeighborAdvertisement(false, false, true, vip, Optional.of(Fixtures.NODE_MAC)));
    }
}
