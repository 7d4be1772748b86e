package io.barelb.announcer.layer2;

import static org.assertj.core.api.Assertions.assertThat;

import io.barelb.api.net.IpAddress;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ResponderTest {

    private static final IpAddress NODE_V4 = IpAddress.parse("192.0.2.11");
    private static final IpAddress NODE_V6 = IpAddress.parse("2001:db8::11");
    private static final Set<IpAddress> OWNED = Set.of(NODE_V4, NODE_V6);

    @Test
    void answersAnArpRequestExactlyAsTheKernelDoes() {
        Verdict verdict = Responder.decide(Fixtures.ARP_REQUEST, Fixtures.NODE_MAC, OWNED);

        assertThat(verdict).isInstanceOf(Verdict.Answer.class);
        Verdict.Answer answer = (Verdict.Answer) verdict;
        assertThat(answer.address()).isEqualTo(NODE_V4);
        assertThat(HexFormat.of().formatHex(answer.reply())).isEqualTo(HexFormat.of().formatHex(Fixtures.ARP_REPLY));
    }

    @Test
    void answersASolicitationToTheSolicitedNodeGroupExactlyAsTheKernelDoes() {
        Verdict verdict = Responder.decide(Fixtures.NEIGHBOR_SOLICITATION, Fixtures.NODE_MAC, OWNED);

        assertThat(verdict).isInstanceOf(Verdict.Answer.class);
        assertThat(HexFormat.of().formatHex(((Verdict.Answer) verdict).reply()))
                .isEqualTo(HexFormat.of().formatHex(Fixtures.NEIGHBOR_ADVERTISEMENT));
    }

    @Test
    void answersAUnicastSolicitationWithoutSourceOptionToTheEthernetSource() {
        IpAddress client = IpAddress.parse("2001:db8::100");
        byte[] unicast = new NdpPacket(client, NODE_V6, 255, new NdpMessage.NeighborSolicitation(NODE_V6, Optional.empty()))
                .toFrame(Fixtures.NODE_MAC, Fixtures.CLIENT_MAC);

        Verdict verdict = Responder.decide(unicast, Fixtures.NODE_MAC, OWNED);

        assertThat(verdict).isInstanceOf(Verdict.Answer.class);
        byte[] reply = ((Verdict.Answer) verdict).reply();
        assertThat(header(reply).destination()).isEqualTo(Fixtures.CLIENT_MAC);
    }

    @Test
    void ignoresRequestsForAddressesItDoesNotOwn() {
        assertThat(Responder.decide(Fixtures.ARP_REQUEST, Fixtures.NODE_MAC, Set.of(NODE_V6)))
                .isInstanceOf(Verdict.Ignored.class);
        assertThat(Responder.decide(Fixtures.NEIGHBOR_SOLICITATION, Fixtures.NODE_MAC, Set.of(NODE_V4)))
                .isInstanceOf(Verdict.Ignored.class);
    }

    @Test
    void ignoresItsOwnFramesRepliesAdvertisementsAndFramesForOtherMacs() {
        assertThat(Responder.decide(Fixtures.ARP_REQUEST, Fixtures.CLIENT_MAC, Set.of(IpAddress.parse("192.0.2.11"))))
                .isEqualTo(new Verdict.Ignored("sent by this interface"));
        assertThat(Responder.decide(Fixtures.ARP_REPLY, MacAddress.parse("02:00:00:00:00:0c"), OWNED))
                .isInstanceOf(Verdict.Ignored.class);
        assertThat(Responder.decide(Fixtures.NEIGHBOR_ADVERTISEMENT, MacAddress.parse("02:00:00:00:00:0c"), OWNED))
                .isEqualTo(new Verdict.Ignored("neighbor advertisement"));
        byte[] toAnotherMac = Fixtures.ARP_REQUEST.clone();
        MacAddress.parse("02:00:00:00:00:0c").write(toAnotherMac, 0);
        assertThat(Responder.decide(toAnotherMac, Fixtures.NODE_MAC, OWNED)).isInstanceOf(Verdict.Ignored.class);
    }

    @Test
    void ignoresSolicitationsSentToAnotherGroup() {
        IpAddress otherGroup = NdpPacket.solicitedNodeGroup(IpAddress.parse("2001:db8::99"));
        byte[] frame = new NdpPacket(IpAddress.parse("fe80::ff:fe00:64"), otherGroup, 255,
                new NdpMessage.NeighborSolicitation(NODE_V6, Optional.of(Fixtures.CLIENT_MAC)))
                .toFrame(MacAddress.ipv6Multicast(otherGroup.toBytes()), Fixtures.CLIENT_MAC);

        assertThat(Responder.decide(frame, Fixtures.NODE_MAC, OWNED)).isInstanceOf(Verdict.Ignored.class);
    }

    @Test
    void doesNotDefendAgainstDuplicateAddressDetection() {
        IpAddress group = NdpPacket.solicitedNodeGroup(NODE_V6);
        byte[] probe = new NdpPacket(IpAddress.parse("::"), group, 255,
                new NdpMessage.NeighborSolicitation(NODE_V6, Optional.empty()))
                .toFrame(MacAddress.ipv6Multicast(group.toBytes()), Fixtures.CLIENT_MAC);

        assertThat(Responder.decide(probe, Fixtures.NODE_MAC, OWNED)).isInstanceOf(Verdict.Ignored.class);
    }

    @Test
    void brokenFramesAreMalformedNeverExceptions() {
        assertThat(Responder.decide(new byte[0], Fixtures.NODE_MAC, OWNED)).isInstanceOf(Verdict.Malformed.class);
        assertThat(Responder.decide(Arrays.copyOf(Fixtures.ARP_REQUEST, 30), Fixtures.NODE_MAC, OWNED))
                .isInstanceOf(Verdict.Malformed.class);
        byte[] badChecksum = Fixtures.NEIGHBOR_SOLICITATION.clone();
        badChecksum[14 + 40 + 2] ^= 1;
        assertThat(Responder.decide(badChecksum, Fixtures.NODE_MAC, OWNED)).isEqualTo(
                new Verdict.Malformed("ICMPv6 checksum mismatch"));
    }

    @Test
    void otherEtherTypesAreIgnored() {
        byte[] ipv4 = Fixtures.ARP_REQUEST.clone();
        ipv4[12] = 0x08;
        ipv4[13] = 0x00;

        assertThat(Responder.decide(ipv4, Fixtures.NODE_MAC, OWNED)).isEqualTo(new Verdict.Ignored("EtherType 0x800"));
    }

    private static EthernetHeader header(byte[] frame) {
        try {
            return EthernetHeader.decode(frame);
        } catch (MalformedFrameException e) {
            throw new AssertionError(e);
        }
    }
}
