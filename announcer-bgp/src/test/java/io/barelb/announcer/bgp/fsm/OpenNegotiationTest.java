package io.barelb.announcer.bgp.fsm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.barelb.announcer.bgp.wire.AddressFamily;
import io.barelb.announcer.bgp.wire.BgpDecodeException;
import io.barelb.announcer.bgp.wire.BgpError;
import io.barelb.announcer.bgp.wire.BgpMessageCodec;
import io.barelb.announcer.bgp.wire.Capability;
import io.barelb.announcer.bgp.wire.CodecOptions;
import io.barelb.announcer.bgp.wire.NotificationMessage;
import io.barelb.announcer.bgp.wire.Octets;
import io.barelb.announcer.bgp.wire.OpenMessage;
import io.barelb.api.net.IpAddress;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OpenNegotiationTest {

    private static final SessionSettings EBGP = Sessions.ebgp();

    private static NotificationMessage rejected(OpenMessage open, SessionSettings settings) {
        return assertInstanceOf(OpenNegotiation.Rejected.class, OpenNegotiation.judge(open, settings)).notification();
    }

    private static Negotiated accepted(OpenMessage open, SessionSettings settings) {
        return assertInstanceOf(OpenNegotiation.Accepted.class, OpenNegotiation.judge(open, settings)).negotiated();
    }

    private static SessionSettings with(ExpectedPeerAs peerAs, long localAsn, Optional<Duration> keepalive,
            boolean gracefulRestart) {
        return new SessionSettings(localAsn, peerAs, Sessions.LOCAL_ID, Duration.ofSeconds(90), keepalive,
                Duration.ofSeconds(1), Duration.ofSeconds(30), Sessions.BOTH, gracefulRestart, 120);
    }

    @Test
    void anotherVersionGetsUnsupportedVersionWithOurVersion() {
        OpenMessage v3 = new OpenMessage(3, 64513, 90, Sessions.PEER_ID, List.of());
        NotificationMessage notification = rejected(v3, EBGP);
        assertEquals(BgpError.UNSUPPORTED_VERSION_NUMBER, notification.error().orElseThrow());
        assertEquals(Octets.fromHex("0004"), notification.data());
    }

    @Test
    void theWrongPeerAsGetsBadPeerAsWithTheAsField() {
        OpenMessage open = OpenMessage.of(64999, 90, Sessions.PEER_ID, List.of());
        NotificationMessage notification = rejected(open, EBGP);
        assertEquals(BgpError.BAD_PEER_AS, notification.error().orElseThrow());
        assertEquals(Octets.fromHex("FDE7"), notification.data());
    }

    @Test
    void aFourOctetPeerAsComesFromTheCapabilityBehindAsTrans() {
        SessionSettings settings = with(ExpectedPeerAs.exactly(4_200_000_001L), 64512, Optional.empty(), false);
        OpenMessage open = OpenMessage.of(4_200_000_001L, 90, Sessions.PEER_ID,
                List.of(new Capability.FourOctetAs(4_200_000_001L)));
        assertEquals(OpenMessage.AS_TRANS, open.myAutonomousSystem());
        Negotiated negotiated = accepted(open, settings);
        assertEquals(4_200_000_001L, negotiated.peerAsn());
        assertTrue(negotiated.fourOctetAs());
        assertEquals(CodecOptions.FOUR_OCTET_AS, negotiated.codecOptions());

        OpenMessage transOnly = new OpenMessage(4, OpenMessage.AS_TRANS, 90, Sessions.PEER_ID, List.of());
        assertEquals(BgpError.BAD_PEER_AS, rejected(transOnly, settings).error().orElseThrow());
    }

    @Test
    void ourOpenCarriesAsTransForAFourOctetLocalAs() {
        SessionSettings settings = with(ExpectedPeerAs.external(), 4_200_000_000L, Optional.empty(), true);
        OpenMessage open = OpenNegotiation.localOpen(settings, java.time.Instant.EPOCH);
        assertEquals(OpenMessage.AS_TRANS, open.myAutonomousSystem());
        assertEquals(4_200_000_000L, open.autonomousSystem());
        assertTrue(open.capability(Capability.RouteRefresh.class).isPresent());
        Capability.GracefulRestart restart = open.capability(Capability.GracefulRestart.class).orElseThrow();
        assertEquals(120, restart.restartTimeSeconds());
        assertEquals(2, restart.families().size());
    }

    @Test
    void gracefulRestartSetsTheRestartBitOnlyInsideTheWindowAfterProcessStartAndForwardingForEveryFamily() {
        java.time.Instant started = java.time.Instant.parse("2026-12-03T09:00:00Z");
        SessionSettings settings = new SessionSettings(64512, ExpectedPeerAs.exactly(64513), Sessions.LOCAL_ID,
                Duration.ofSeconds(90), Optional.empty(), Duration.ofSeconds(1), Duration.ofSeconds(30), Sessions.BOTH,
                true, 120, SessionSettings.restartWindowEnd(started, 120));
        Capability.GracefulRestart early = OpenNegotiation.localOpen(settings, started.plusSeconds(119))
                .capability(Capability.GracefulRestart.class).orElseThrow();
        assertTrue(early.restarting(), "R within the restart time after start");
        assertEquals(List.of(new Capability.GracefulRestart.Family(AddressFamily.IPV4_UNICAST, true),
                new Capability.GracefulRestart.Family(AddressFamily.IPV6_UNICAST, true)), early.families());
        Capability.GracefulRestart late = OpenNegotiation.localOpen(settings, started.plusSeconds(120))
                .capability(Capability.GracefulRestart.class).orElseThrow();
        assertFalse(late.restarting(), "no R once the window is over");
        assertEquals(120, late.restartTimeSeconds());
        // the bits on the wire: flags 0x8 in the top nibble of the restart time, F (0x80) per family
        byte[] wire = BgpMessageCodec.encode(OpenNegotiation.localOpen(settings, started), CodecOptions.TWO_OCTET_AS);
        String hex = HexFormat.of().formatHex(wire);
        assertTrue(hex.contains("400a" + "8078" + "00010180" + "00020180"), hex);
        SessionSettings without = with(ExpectedPeerAs.exactly(64513), 64512, Optional.empty(), false);
        assertTrue(OpenNegotiation.localOpen(without, started).capability(Capability.GracefulRestart.class).isEmpty());
    }

    @Test
    void holdTimesOneAndTwoAreUnacceptableAndZeroIsAccepted() {
        for (int hold : new int[] {1, 2}) {
            assertEquals(BgpError.UNACCEPTABLE_HOLD_TIME,
                    rejected(Sessions.peerOpen(hold), EBGP).error().orElseThrow());
        }
        Negotiated none = accepted(Sessions.peerOpen(0), EBGP);
        assertEquals(Duration.ZERO, none.holdTime());
        assertEquals(Duration.ZERO, none.keepaliveTime());
    }

    @Test
    void aZeroIdentifierOrAnIbgpPeerWithOurIdentifierIsABadIdentifier() {
        OpenMessage zero = OpenMessage.of(64513, 90, IpAddress.parse("0.0.0.0"), List.of());
        assertEquals(BgpError.BAD_BGP_IDENTIFIER, rejected(zero, EBGP).error().orElseThrow());

        SessionSettings ibgp = with(ExpectedPeerAs.internal(), 64512, Optional.empty(), false);
        OpenMessage same = OpenMessage.of(64512, 90, Sessions.LOCAL_ID, List.of());
        assertEquals(BgpError.BAD_BGP_IDENTIFIER, rejected(same, ibgp).error().orElseThrow());
        OpenMessage sameEbgp = OpenMessage.of(64513, 90, Sessions.LOCAL_ID, List.of());
        assertFalse(accepted(sameEbgp, EBGP).internal(), "RFC 6286 requires uniqueness within an AS only");
    }

    @Test
    void dynamicPeersAreJudgedByInsideOrOutsideOurAs() {
        SessionSettings internal = with(ExpectedPeerAs.internal(), 64512, Optional.empty(), false);
        SessionSettings external = with(ExpectedPeerAs.external(), 64512, Optional.empty(), false);
        OpenMessage inside = OpenMessage.of(64512, 90, Sessions.PEER_ID, List.of());
        OpenMessage outside = OpenMessage.of(65001, 90, Sessions.PEER_ID, List.of());
        assertTrue(accepted(inside, internal).internal());
        assertEquals(BgpError.BAD_PEER_AS, rejected(outside, internal).error().orElseThrow());
        assertEquals(65001, accepted(outside, external).peerAsn());
        assertEquals(BgpError.BAD_PEER_AS, rejected(inside, external).error().orElseThrow());
    }

    @Test
    void keepaliveIsAThirdOfTheHoldTimeOrTheSmallerConfiguredValue() {
        assertEquals(Duration.ofSeconds(30), accepted(Sessions.peerOpen(180), EBGP).keepaliveTime());
        SessionSettings five = with(ExpectedPeerAs.exactly(64513), 64512, Optional.of(Duration.ofSeconds(5)), false);
        assertEquals(Duration.ofSeconds(5), accepted(Sessions.peerOpen(90), five).keepaliveTime());
        SessionSettings sixty = with(ExpectedPeerAs.exactly(64513), 64512, Optional.of(Duration.ofSeconds(60)), false);
        Negotiated short9 = accepted(Sessions.peerOpen(9), sixty);
        assertEquals(Duration.ofSeconds(9), short9.holdTime());
        assertEquals(Duration.ofSeconds(3), short9.keepaliveTime());
        assertEquals(Duration.ofSeconds(1), accepted(Sessions.peerOpen(3), EBGP).keepaliveTime());
    }

    @Test
    void capabilitiesNegotiateToWhatBothSidesAnnounced() {
        Negotiated full = accepted(Sessions.peerOpen(90), EBGP);
        assertEquals(Sessions.BOTH, full.families());
        assertTrue(full.routeRefresh());
        assertTrue(full.peerGracefulRestart().isEmpty());

        OpenMessage bare = OpenMessage.of(64513, 90, Sessions.PEER_ID, List.of());
        Negotiated legacy = accepted(bare, EBGP);
        assertEquals(List.of(AddressFamily.IPV4_UNICAST), legacy.families(), "no multiprotocol: IPv4 unicast only");
        assertFalse(legacy.routeRefresh());
        assertFalse(legacy.fourOctetAs());

        OpenMessage v6 = OpenMessage.of(64513, 90, Sessions.PEER_ID, List.of(
                new Capability.Multiprotocol(AddressFamily.IPV6_UNICAST),
                new Capability.GracefulRestart(false, 90, List.of()),
                new Capability.Unknown(73, Octets.fromHex("0102"))));
        assertEquals(List.of(AddressFamily.IPV6_UNICAST), accepted(v6, EBGP).families());
        assertTrue(accepted(v6, EBGP).peerGracefulRestart().isEmpty(), "graceful restart needs both sides");
        SessionSettings restart = with(ExpectedPeerAs.exactly(64513), 64512, Optional.empty(), true);
        assertEquals(90, accepted(v6, restart).peerGracefulRestart().orElseThrow().restartTimeSeconds());
    }

    @Test
    void anUnsupportedOptionalParameterIsAnsweredThroughTheDecodeErrorEvent() {
        // OPEN version 4, AS 64513, hold 90, id 192.0.2.2, one optional parameter of type 1 (authentication)
        byte[] bytes = HexFormat.of().parseHex("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF" + "0020" + "01"
                + "04" + "FC01" + "005A" + "C0000202" + "03" + "01" + "01" + "00");
        BgpDecodeException error = assertThrows(BgpDecodeException.class,
                () -> BgpMessageCodec.decode(bytes, CodecOptions.TWO_OCTET_AS));
        FsmHarness h = new FsmHarness(EBGP);
        h.fire(new FsmEvent.ManualStart());
        h.fire(new FsmEvent.TcpConnectionConfirmed());
        h.fire(new FsmEvent.MessageDecodeError(error.toNotification()));
        assertEquals(BgpError.UNSUPPORTED_OPTIONAL_PARAMETER, h.notifications().get(0).error().orElseThrow());
        assertEquals(SessionState.IDLE, h.fsm.state());
    }

    @Test
    void everyRejectionInOpenSentSendsItsNotificationAndDrops() {
        FsmHarness h = new FsmHarness(EBGP);
        h.fire(new FsmEvent.ManualStart());
        h.fire(new FsmEvent.TcpConnectionConfirmed());
        h.fire(new FsmEvent.BgpOpen(OpenMessage.of(64999, 90, Sessions.PEER_ID, List.of())));
        assertEquals(BgpError.BAD_PEER_AS, h.notifications().get(0).error().orElseThrow());
        assertEquals(1, h.drops);
        assertTrue(h.fsm.lastError().orElseThrow().contains("AS64999"));
    }

    @Test
    void settingsRefuseAHoldTimeOfOneOrTwoSeconds() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> new SessionSettings(64512,
                ExpectedPeerAs.external(), Sessions.LOCAL_ID, Duration.ofSeconds(2), Optional.empty(),
                Duration.ofSeconds(1), Duration.ofSeconds(30), Sessions.BOTH, false, 120));
        assertTrue(error.getMessage().contains("0 or 3 to 65535"));
    }
}
