package io.barelb.announcer.layer2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.barelb.api.net.IpAddress;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ArpPacketTest {

    @Test
    void decodesTheKernelsRequest() throws Exception {
        ArpPacket packet = ArpPacket.decode(Fixtures.ARP_REQUEST, EthernetHeader.LENGTH);

        assertThat(packet).isEqualTo(new ArpPacket(ArpPacket.REQUEST, Fixtures.CLIENT_MAC, IpAddress.parse("192.0.2.100"),
                MacAddress.ZERO, IpAddress.parse("192.0.2.11")));
        assertThat(EthernetHeader.decode(Fixtures.ARP_REQUEST)).isEqualTo(
                new EthernetHeader(MacAddress.BROADCAST, Fixtures.CLIENT_MAC, EthernetHeader.ETHERTYPE_ARP));
    }

    @Test
    void encodesTheKernelsReplyByteForByte() {
        ArpPacket reply = new ArpPacket(ArpPacket.REPLY, Fixtures.NODE_MAC, IpAddress.parse("192.0.2.11"),
                Fixtures.CLIENT_MAC, IpAddress.parse("192.0.2.100"));

        assertThat(reply.toFrame(Fixtures.CLIENT_MAC, Fixtures.NODE_MAC)).isEqualTo(Fixtures.ARP_REPLY);
    }

    @Test
    void ignoresEthernetPaddingAfterThePacket() throws Exception {
        byte[] padded = Arrays.copyOf(Fixtures.ARP_REQUEST, 60);

        assertThat(ArpPacket.decode(padded, EthernetHeader.LENGTH))
                .isEqualTo(ArpPacket.decode(Fixtures.ARP_REQUEST, EthernetHeader.LENGTH));
    }

    @Test
    void refusesShortAndNonEthernetIpv4Packets() {
        assertThatThrownBy(() -> ArpPacket.decode(Arrays.copyOf(Fixtures.ARP_REQUEST, 41), EthernetHeader.LENGTH))
                .isInstanceOf(MalformedFrameException.class).hasMessageContaining("shorter than 28");
        byte[] tokenRing = Fixtures.ARP_REQUEST.clone();
        tokenRing[15] = 6;
        assertThatThrownBy(() -> ArpPacket.decode(tokenRing, EthernetHeader.LENGTH))
                .isInstanceOf(MalformedFrameException.class).hasMessageContaining("hrd 6");
        byte[] longAddresses = Fixtures.ARP_REQUEST.clone();
        longAddresses[19] = 16;
        assertThatThrownBy(() -> ArpPacket.decode(longAddresses, EthernetHeader.LENGTH))
                .isInstanceOf(MalformedFrameException.class).hasMessageContaining("pln 16");
    }

    @Test
    void randomPacketsSurviveARoundTrip() throws Exception {
        SplittableRandom random = new SplittableRandom(826);
        for (int i = 0; i < 1000; i++) {
            ArpPacket packet = new ArpPacket(random.nextInt(1, 5), randomMac(random), IpAddress.ipv4(random.nextInt()),
                    randomMac(random), IpAddress.ipv4(random.nextInt()));
            byte[] frame = packet.toFrame(randomMac(random), randomMac(random));

            assertThat(frame).hasSize(42);
            assertThat(ArpPacket.decode(frame, EthernetHeader.LENGTH)).isEqualTo(packet);
        }
    }

    static MacAddress randomMac(SplittableRandom random) {
        byte[] bytes = new byte[6];
        random.nextBytes(bytes);
        return new MacAddress(bytes);
    }
}
