package io.barelb.announcer.layer2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.barelb.api.net.IpAddress;
import java.util.Arrays;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NdpPacketTest {

    private static final IpAddress NODE = IpAddress.parse("2001:db8::11");
    private static final IpAddress CLIENT_LINK_LOCAL = IpAddress.parse("fe80::ff:fe00:64");

    @Test
    void decodesTheKernelsSolicitation() throws Exception {
        NdpPacket packet = NdpPacket.decode(Fixtures.NEIGHBOR_SOLICITATION, EthernetHeader.LENGTH).orElseThrow();

        assertThat(packet.source()).isEqualTo(CLIENT_LINK_LOCAL);
        assertThat(packet.destination()).isEqualTo(IpAddress.parse("ff02::1:ff00:11"));
        assertThat(packet.hopLimit()).isEqualTo(255);
        assertThat(packet.message()).isEqualTo(new NdpMessage.NeighborSolicitation(NODE, Optional.of(Fixtures.CLIENT_MAC)));
    }

    @Test
    void decodesTheKernelsAdvertisement() throws Exception {
        NdpPacket packet = NdpPacket.decode(Fixtures.NEIGHBOR_ADVERTISEMENT, EthernetHeader.LENGTH).orElseThrow();

        assertThat(packet.message()).isEqualTo(
                new NdpMessage.NeighborAdvertisement(false, true, true, NODE, Optional.of(Fixtures.NODE_MAC)));
    }

    @Test
    void encodesTheKernelsAdvertisementByteForByteChecksumIncluded() {
        NdpPacket advertisement = new NdpPacket(NODE, CLIENT_LINK_LOCAL, 255,
                new NdpMessage.NeighborAdvertisement(false, true, true, NODE, Optional.of(Fixtures.NODE_MAC)));

        assertThat(advertisement.toFrame(Fixtures.CLIENT_MAC, Fixtures.NODE_MAC)).isEqualTo(Fixtures.NEIGHBOR_ADVERTISEMENT);
    }

    @Test
    void solicitedNodeGroupTakesTheLow24Bits() {
        assertThat(NdpPacket.solicitedNodeGroup(IpAddress.parse("2001:db8::1:2:abcd:ef12")))
                .isEqualTo(IpAddress.parse("ff02::1:ffcd:ef12"));
        assertThat(MacAddress.ipv6Multicast(IpAddress.parse("ff02::1:ffcd:ef12").toBytes()))
                .isEqualTo(MacAddress.parse("33:33:ff:cd:ef:12"));
    }

    @Test
    void otherIcmpv6AndOtherNextHeadersAreNotOurs() throws Exception {
        byte[] echo = Fixtures.NEIGHBOR_SOLICITATION.clone();
        echo[14 + 40] = (byte) 128;
        byte[] udp = Fixtures.NEIGHBOR_SOLICITATION.clone();
        udp[14 + 6] = 17;

        assertThat(NdpPacket.decode(echo, EthernetHeader.LENGTH)).isEmpty();
        assertThat(NdpPacket.decode(udp, EthernetHeader.LENGTH)).isEmpty();
    }

    @Test
    void rfc4861ValidationRejectsBrokenMessages() {
        assertMalformed(with(Fixtures.NEIGHBOR_SOLICITATION, 14 + 7, 64), "hop limit 64");
        assertMalformed(with(Fixtures.NEIGHBOR_SOLICITATION, 14 + 40 + 1, 1), "code 1");
        assertMalformed(with(Fixtures.NEIGHBOR_SOLICITATION, 14 + 40 + 3, 0), "checksum");
        assertMalformed(with(Fixtures.NEIGHBOR_SOLICITATION, 14, 0x40), "IP version 4");
        assertMalformed(with(Fixtures.NEIGHBOR_SOLICITATION, 14 + 5, 0x40), "exceeds");
        assertMalformed(Arrays.copyOf(Fixtures.NEIGHBOR_SOLICITATION, 50), "shorter than its 40-byte header");
        assertMalformed(resign(with(Fixtures.NEIGHBOR_SOLICITATION, 14 + 40 + 25, 0)), "length 0");
        assertMalformed(resign(with(Fixtures.NEIGHBOR_SOLICITATION, 14 + 40 + 8, 0xFF)), "is multicast");
    }

    @Test
    void aDuplicateAddressProbeMustNotCarryASourceLinkLayerOption() {
        byte[] probe = Fixtures.NEIGHBOR_SOLICITATION.clone();
        Arrays.fill(probe, 14 + 8, 14 + 24, (byte) 0);

        assertMalformed(resign(probe), "duplicate address detection");
    }

    @Test
    void randomMessagesSurviveARoundTrip() throws Exception {
        SplittableRandom random = new SplittableRandom(4861);
        for (int i = 0; i < 1000; i++) {
            IpAddress target = IpAddress.ipv6(0x2001_0db8_0000_0000L | random.nextInt(0x10000), random.nextLong());
            Optional<MacAddress> linkLayer = random.nextBoolean()
                    ? Optional.of(ArpPacketTest.randomMac(random)) : Optional.empty();
            NdpMessage message = random.nextBoolean()
                    ? new NdpMessage.NeighborSolicitation(target, linkLayer)
                    : new NdpMessage.NeighborAdvertisement(random.nextBoolean(), false, random.nextBoolean(), target, linkLayer);
            NdpPacket packet = new NdpPacket(IpAddress.ipv6(0xFE80L << 48, random.nextLong()),
                    IpAddress.ipv6(0x2001_0db8L << 32, random.nextLong()), 255, message);

            byte[] frame = packet.toFrame(ArpPacketTest.randomMac(random), ArpPacketTest.randomMac(random));

            assertThat(NdpPacket.decode(frame, EthernetHeader.LENGTH)).contains(packet);
        }
    }

    private static void assertMalformed(byte[] frame, String reason) {
        assertThatThrownBy(() -> NdpPacket.decode(frame, EthernetHeader.LENGTH))
                .isInstanceOf(MalformedFrameException.class).hasMessageContaining(reason);
    }

    private static byte[] with(byte[] frame, int offset, int value) {
        byte[] copy = frame.clone();
        copy[offset] = (byte) value;
        return copy;
    }

    /** Recomputes the ICMPv6 checksum so only the intended defect remains. */
    private static byte[] resign(byte[] frame) {
        byte[] copy = frame.clone();
        int icmp = 14 + 40;
        int length = ((copy[18] & 0xFF) << 8) | (copy[19] & 0xFF);
        copy[icmp + 2] = 0;
        copy[icmp + 3] = 0;
        int checksum = InternetChecksum.icmpv6(copy, 14 + 8, icmp, length);
        copy[icmp + 2] = (byte) (checksum >>> 8);
        copy[icmp + 3] = (byte) checksum;
        return copy;
    }
}
