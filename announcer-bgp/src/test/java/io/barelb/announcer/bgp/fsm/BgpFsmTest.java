package io.barelb.announcer.bgp.fsm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.barelb.announcer.bgp.wire.AddressFamily;
import io.barelb.announcer.bgp.wire.BgpError;
import io.barelb.announcer.bgp.wire.KeepaliveMessage;
import io.barelb.announcer.bgp.wire.NotificationMessage;
import io.barelb.announcer.bgp.wire.OpenMessage;
import io.barelb.announcer.bgp.wire.RouteRefreshMessage;
import io.barelb.announcer.bgp.wire.UpdateMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BgpFsmTest {

    private final FsmHarness h = new FsmHarness(Sessions.ebgp());

    @Test
    void manualStartConnectsAndSendsOpenWhenTheConnectionIsUp() {
        h.fire(new FsmEvent.ManualStart());
        assertEquals(SessionState.CONNECT, h.fsm.state());
        assertEquals(1, h.connects);
        assertEquals(Set.of(SessionTimer.CONNECT_RETRY), h.fsm.runningTimers());

        h.fire(new FsmEvent.TcpConnectionConfirmed());
        assertEquals(SessionState.OPEN_SENT, h.fsm.state());
        OpenMessage open = assertInstanceOf(OpenMessage.class, h.lastSent());
        assertEquals(64512, open.autonomousSystem());
        assertEquals(90, open.holdTimeSeconds());
        assertEquals(Sessions.BOTH, open.multiprotocolFamilies());
        assertEquals(Set.of(SessionTimer.HOLD), h.fsm.runningTimers());
        assertEquals(h.clock.instant().plus(SessionSettings.OPEN_SENT_HOLD_TIME), h.deadlines.get(SessionTimer.HOLD));
    }

    @Test
    void openAndKeepaliveEstablishWithTheSmallerHoldTime() {
        h.fire(new FsmEvent.ManualStart());
        h.fire(new FsmEvent.TcpConnectionConfirmed());
        h.fire(new FsmEvent.BgpOpen(Sessions.peerOpen(30)));
        assertEquals(SessionState.OPEN_CONFIRM, h.fsm.state());
        assertEquals(KeepaliveMessage.INSTANCE, h.lastSent());
        assertEquals(Duration.ofSeconds(30), h.fsm.negotiated().orElseThrow().holdTime());
        assertEquals(Duration.ofSeconds(10), h.fsm.negotiated().orElseThrow().keepaliveTime());

        List<FsmAction> actions = h.fire(new FsmEvent.KeepAliveMsg());
        assertEquals(SessionState.ESTABLISHED, h.fsm.state());
        FsmAction.SessionUp up = assertInstanceOf(FsmAction.SessionUp.class, actions.get(actions.size() - 1));
        assertEquals(64513, up.negotiated().peerAsn());
        assertEquals(Set.of(SessionTimer.HOLD, SessionTimer.KEEPALIVE), h.fsm.runningTimers());
    }

    @Test
    void keepalivesGoOutEveryThirdOfTheHoldTimeAndSilenceExpiresTheHoldTimer() {
        Sessions.establish(h, 30);
        int before = h.sent.size();
        h.advance(Duration.ofSeconds(29));
        assertEquals(SessionState.ESTABLISHED, h.fsm.state());
        assertEquals(2, h.sent.size() - before, "keepalives at 10 s and 20 s");

        h.advance(Duration.ofSeconds(1));
        assertEquals(SessionState.IDLE, h.fsm.state());
        assertEquals(BgpError.HOLD_TIMER_EXPIRED, h.notifications().get(0).error().orElseThrow());
        assertEquals(1, h.downs);
        assertEquals(Set.of(SessionTimer.IDLE_HOLD), h.fsm.runningTimers());
    }

    @Test
    void thePeersKeepalivesKeepTheSessionUp() {
        Sessions.establish(h, 30);
        for (int i = 0; i < 10; i++) {
            h.advance(Duration.ofSeconds(20));
            h.fire(new FsmEvent.KeepAliveMsg());
        }
        assertEquals(SessionState.ESTABLISHED, h.fsm.state());
        assertTrue(h.notifications().isEmpty());
    }

    @Test
    void holdTimeZeroRunsNeitherHoldNorKeepaliveTimer() {
        Sessions.establish(h, 0);
        assertEquals(SessionState.ESTABLISHED, h.fsm.state());
        assertEquals(Set.of(), h.fsm.runningTimers());
        h.advance(Duration.ofHours(1));
        assertEquals(SessionState.ESTABLISHED, h.fsm.state());
    }

    @Test
    void failedConnectionsBackOffExponentiallyUpToTheCeiling() {
        h.fire(new FsmEvent.ManualStart());
        List<Long> waits = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            h.fire(new FsmEvent.TcpConnectionFails("refused"));
            assertEquals(SessionState.ACTIVE, h.fsm.state());
            waits.add(Duration.between(h.clock.instant(), h.deadlines.get(SessionTimer.CONNECT_RETRY)).getSeconds());
            int connects = h.connects;
            h.advance(Duration.ofSeconds(waits.get(i)));
            assertEquals(connects + 1, h.connects, "a retry when the ConnectRetryTimer expires");
            assertEquals(SessionState.CONNECT, h.fsm.state());
        }
        assertEquals(List.of(2L, 4L, 8L, 16L, 30L, 30L, 30L), waits);

        Sessions.establish(h, 30);
        assertEquals(0, h.fsm.failures(), "Established resets the backoff");
    }

    @Test
    void aConnectAttemptThatHangsIsRetriedWhenTheTimerExpires() {
        h.fire(new FsmEvent.ManualStart());
        h.advance(Duration.ofSeconds(1));
        assertEquals(2, h.connects);
        assertEquals(1, h.drops, "the hanging attempt is dropped first");
        assertTrue(h.fsm.lastError().orElseThrow().contains("TCP MD5 key mismatch"), "the log names the usual causes");
        assertEquals(SessionState.CONNECT, h.fsm.state());
    }

    @Test
    void updatesGoOutOnlyInEstablishedAndRestartTheKeepaliveTimer() {
        UpdateMessage update = UpdateMessage.endOfRib(AddressFamily.IPV4_UNICAST);
        h.fire(new FsmEvent.ManualStart());
        h.fire(new FsmEvent.TcpConnectionConfirmed());
        assertTrue(h.fire(new FsmEvent.SendUpdate(update)).isEmpty());
        h.fire(new FsmEvent.BgpOpen(Sessions.peerOpen(30)));
        h.fire(new FsmEvent.KeepAliveMsg());
        h.advance(Duration.ofSeconds(5));

        h.fire(new FsmEvent.SendUpdate(update));
        assertEquals(update, h.lastSent());
        assertEquals(h.clock.instant().plusSeconds(10), h.deadlines.get(SessionTimer.KEEPALIVE));
        assertEquals(1, h.fsm.updatesSent());
    }

    @Test
    void unexpectedMessagesGetTheirRfc6608Subcode() {
        h.fire(new FsmEvent.ManualStart());
        h.fire(new FsmEvent.TcpConnectionConfirmed());
        h.fire(new FsmEvent.KeepAliveMsg());
        assertEquals(BgpError.FSM_UNEXPECTED_MESSAGE_IN_OPEN_SENT, h.notifications().get(0).error().orElseThrow());
        assertEquals(SessionState.IDLE, h.fsm.state());

        FsmHarness confirm = new FsmHarness(Sessions.ebgp());
        confirm.fire(new FsmEvent.ManualStart());
        confirm.fire(new FsmEvent.TcpConnectionConfirmed());
        confirm.fire(new FsmEvent.BgpOpen(Sessions.peerOpen(30)));
        confirm.fire(new FsmEvent.UpdateMsg(UpdateMessage.endOfRib(AddressFamily.IPV4_UNICAST)));
        assertEquals(BgpError.FSM_UNEXPECTED_MESSAGE_IN_OPEN_CONFIRM,
                confirm.notifications().get(0).error().orElseThrow());

        FsmHarness established = new FsmHarness(Sessions.ebgp());
        Sessions.establish(established, 30);
        established.fire(new FsmEvent.BgpOpen(Sessions.peerOpen(30)));
        assertEquals(BgpError.FSM_UNEXPECTED_MESSAGE_IN_ESTABLISHED,
                established.notifications().get(0).error().orElseThrow());
        assertEquals(1, established.downs);
    }

    @Test
    void aDecodeErrorSendsTheDecodersNotificationAndDrops() {
        Sessions.establish(h, 30);
        NotificationMessage malformed = NotificationMessage.of(BgpError.MALFORMED_ATTRIBUTE_LIST);
        List<FsmAction> actions = h.fire(new FsmEvent.MessageDecodeError(malformed));
        assertEquals(new FsmAction.Send(malformed), actions.get(0));
        assertInstanceOf(FsmAction.DropConnection.class, actions.get(1));
        assertEquals(SessionState.IDLE, h.fsm.state());
        assertTrue(h.fsm.lastError().orElseThrow().contains("MALFORMED_ATTRIBUTE_LIST"));
    }

    @Test
    void aReceivedNotificationIsNotAnswered() {
        Sessions.establish(h, 30);
        h.fire(new FsmEvent.NotifMsg(NotificationMessage.of(BgpError.CEASE_ADMINISTRATIVE_RESET)));
        assertEquals(SessionState.IDLE, h.fsm.state());
        assertTrue(h.notifications().isEmpty());
        assertEquals(1, h.drops);
        assertEquals(1, h.downs);
    }

    @Test
    void afterAnErrorTheIdleHoldTimerRestartsTheSession() {
        Sessions.establish(h, 30);
        h.fire(new FsmEvent.TcpConnectionFails("reset by peer"));
        assertEquals(SessionState.IDLE, h.fsm.state());
        h.advance(Duration.ofSeconds(1));
        assertEquals(SessionState.CONNECT, h.fsm.state());
        assertEquals(2, h.connects);
    }

    @Test
    void manualStopCeasesAndStopsEveryTimer() {
        Sessions.establish(h, 30);
        h.fire(new FsmEvent.ManualStop());
        assertEquals(BgpError.CEASE_ADMINISTRATIVE_SHUTDOWN, h.notifications().get(0).error().orElseThrow());
        assertEquals(SessionState.IDLE, h.fsm.state());
        assertEquals(Set.of(), h.fsm.runningTimers());
        h.advance(Duration.ofHours(1));
        assertEquals(1, h.connects, "a stopped session stays stopped");
    }

    @Test
    void routeRefreshAsksForTheFamilyAgain() {
        Sessions.establish(h, 30);
        List<FsmAction> actions = h.fire(new FsmEvent.RouteRefreshMsg(new RouteRefreshMessage(AddressFamily.IPV6_UNICAST)));
        assertTrue(actions.contains(new FsmAction.ResendRoutes(AddressFamily.IPV6_UNICAST)));
    }

    @Test
    void aStaleTimerExpiryIsIgnored() {
        Sessions.establish(h, 30);
        assertTrue(h.fire(new FsmEvent.TimerExpired(SessionTimer.CONNECT_RETRY)).isEmpty());
        assertEquals(SessionState.ESTABLISHED, h.fsm.state());
    }

    @Test
    void stateChangesAreStampedWithTheInjectedClock() {
        h.clock.advance(Duration.ofSeconds(42));
        Sessions.establish(h, 30);
        assertEquals(h.clock.instant(), h.fsm.stateSince());
        assertFalse(h.fsm.lastError().isPresent());
    }
}
