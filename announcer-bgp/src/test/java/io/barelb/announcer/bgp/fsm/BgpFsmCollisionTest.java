package io.barelb.announcer.bgp.fsm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.barelb.announcer.bgp.fsm.FsmAction.AdoptIncoming;
import io.barelb.announcer.bgp.fsm.FsmAction.DropColliding;
import io.barelb.announcer.bgp.fsm.FsmAction.DropConnection;
import io.barelb.announcer.bgp.fsm.FsmAction.HoldIncoming;
import io.barelb.announcer.bgp.fsm.FsmAction.PromoteColliding;
import io.barelb.announcer.bgp.fsm.FsmAction.RefuseIncoming;
import io.barelb.announcer.bgp.fsm.FsmAction.Send;
import io.barelb.announcer.bgp.fsm.FsmAction.SendColliding;
import io.barelb.announcer.bgp.fsm.FsmEvent.OnCollidingConnection;
import io.barelb.announcer.bgp.wire.BgpError;
import io.barelb.announcer.bgp.wire.KeepaliveMessage;
import io.barelb.announcer.bgp.wire.NotificationMessage;
import io.barelb.announcer.bgp.wire.OpenMessage;
import io.barelb.api.net.IpAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Incoming connections and connection collisions (RFC 4271 §6.8, §8.2.2) on the pure machine. */
class BgpFsmCollisionTest {

    private static final NotificationMessage COLLISION =
            NotificationMessage.of(BgpError.CEASE_CONNECTION_COLLISION_RESOLUTION);
    private static final NotificationMessage REJECTED = NotificationMessage.of(BgpError.CEASE_CONNECTION_REJECTED);

    /** Our identifier 192.0.2.1 is lower than the peer's 192.0.2.2: the peer's connection wins a collision. */
    private final FsmHarness lower = new FsmHarness(Sessions.ebgp());

    private static FsmHarness higher() {
        return new FsmHarness(new SessionSettings(64512, ExpectedPeerAs.exactly(64513), IpAddress.parse("192.0.2.9"),
                Duration.ofSeconds(90), Optional.empty(), Duration.ofSeconds(1), Duration.ofSeconds(30), Sessions.BOTH,
                false, 120));
    }

    private static List<FsmAction> accept(FsmHarness h) {
        return h.fire(new FsmEvent.TcpConnectionAccepted());
    }

    private static List<FsmAction> onColliding(FsmHarness h, FsmEvent event) {
        return h.fire(new OnCollidingConnection(event));
    }

    @Test
    void idleRefusesAnIncomingConnection() {
        assertEquals(List.of(new RefuseIncoming(REJECTED)), accept(lower));
        lower.fire(new FsmEvent.ManualStart());
        lower.fire(new FsmEvent.ManualStop());
        assertEquals(List.of(new RefuseIncoming(REJECTED)), accept(lower));
        assertEquals(SessionState.IDLE, lower.fsm.state());
    }

    @Test
    void connectAdoptsTheIncomingConnectionDroppingTheAttemptAndSendsOpen() {
        lower.fire(new FsmEvent.ManualStart());
        List<FsmAction> actions = accept(lower);
        assertEquals(new DropConnection(), actions.get(0));
        assertEquals(new AdoptIncoming(), actions.get(1));
        assertInstanceOf(OpenMessage.class, assertInstanceOf(Send.class, actions.get(3)).message());
        assertEquals(SessionState.OPEN_SENT, lower.fsm.state());
        assertFalse(lower.fsm.connectionIsLocal());
        assertFalse(lower.fsm.runningTimers().contains(SessionTimer.CONNECT_RETRY));
        lower.fire(new FsmEvent.BgpOpen(Sessions.peerOpen(90)));
        lower.fire(new FsmEvent.KeepAliveMsg());
        assertEquals(SessionState.ESTABLISHED, lower.fsm.state());
    }

    @Test
    void activeAdoptsWithoutDroppingAnything() {
        lower.fire(new FsmEvent.ManualStart());
        lower.fire(new FsmEvent.TcpConnectionFails("refused"));
        assertEquals(SessionState.ACTIVE, lower.fsm.state());
        List<FsmAction> actions = accept(lower);
        assertEquals(new AdoptIncoming(), actions.get(0));
        assertFalse(actions.contains(new DropConnection()));
        assertEquals(SessionState.OPEN_SENT, lower.fsm.state());
    }

    @Test
    void thePeersConnectionWinsWhenItsIdentifierIsHigher() {
        lower.fire(new FsmEvent.ManualStart());
        lower.fire(new FsmEvent.TcpConnectionConfirmed());
        List<FsmAction> held = accept(lower);
        assertEquals(new HoldIncoming(), held.get(0));
        assertInstanceOf(OpenMessage.class, assertInstanceOf(SendColliding.class, held.get(1)).message());
        assertTrue(lower.fsm.hasCollidingConnection());

        List<FsmAction> resolved = onColliding(lower, new FsmEvent.BgpOpen(Sessions.peerOpen(90)));
        assertEquals(List.of(new Send(COLLISION), new DropConnection(), new PromoteColliding()), resolved.subList(0, 3));
        assertTrue(resolved.contains(new Send(KeepaliveMessage.INSTANCE)));
        assertEquals(SessionState.OPEN_CONFIRM, lower.fsm.state());
        assertFalse(lower.fsm.hasCollidingConnection());
        assertFalse(lower.fsm.connectionIsLocal());
        lower.fire(new FsmEvent.KeepAliveMsg());
        assertEquals(SessionState.ESTABLISHED, lower.fsm.state());
        assertEquals(0, lower.fsm.failures(), "a resolved collision is no failure");
    }

    @Test
    void ourConnectionWinsWhenOurIdentifierIsHigherAlsoInOpenConfirm() {
        FsmHarness h = higher();
        h.fire(new FsmEvent.ManualStart());
        h.fire(new FsmEvent.TcpConnectionConfirmed());
        h.fire(new FsmEvent.BgpOpen(Sessions.peerOpen(90)));
        assertEquals(SessionState.OPEN_CONFIRM, h.fsm.state());
        accept(h);
        assertEquals(List.of(new SendColliding(COLLISION), new DropColliding()),
                onColliding(h, new FsmEvent.BgpOpen(Sessions.peerOpen(90))));
        assertEquals(SessionState.OPEN_CONFIRM, h.fsm.state());
        assertTrue(h.fsm.connectionIsLocal());
        h.fire(new FsmEvent.KeepAliveMsg());
        assertEquals(SessionState.ESTABLISHED, h.fsm.state());
    }

    @Test
    void equalIdentifiersLetTheLargerAsKeepItsConnection() {
        // RFC 6286 §2.3: eBGP peers may share an identifier; AS64512 < AS64513, so the peer's connection wins
        OpenMessage sameId = OpenMessage.of(64513, 90, Sessions.LOCAL_ID, Sessions.peerOpen(90).capabilities());
        lower.fire(new FsmEvent.ManualStart());
        lower.fire(new FsmEvent.TcpConnectionConfirmed());
        accept(lower);
        assertTrue(onColliding(lower, new FsmEvent.BgpOpen(sameId)).contains(new PromoteColliding()));
    }

    @Test
    void establishedRefusesANewConnectionWithTheCollisionCease() {
        Sessions.establish(lower, 90);
        assertEquals(List.of(new RefuseIncoming(COLLISION)), accept(lower));
        assertEquals(SessionState.ESTABLISHED, lower.fsm.state());
    }

    @Test
    void reachingEstablishedClosesAHeldCollidingConnection() {
        FsmHarness h = higher();
        h.fire(new FsmEvent.ManualStart());
        h.fire(new FsmEvent.TcpConnectionConfirmed());
        h.fire(new FsmEvent.BgpOpen(Sessions.peerOpen(90)));
        accept(h);
        List<FsmAction> up = h.fire(new FsmEvent.KeepAliveMsg());
        assertTrue(up.containsAll(List.of(new SendColliding(COLLISION), new DropColliding())), up.toString());
        assertFalse(h.fsm.hasCollidingConnection());
    }

    @Test
    void thePeerClosingOurConnectionLeavesTheCollidingOneInOpenSent() {
        FsmHarness h = higher();
        h.fire(new FsmEvent.ManualStart());
        h.fire(new FsmEvent.TcpConnectionConfirmed());
        h.fire(new FsmEvent.BgpOpen(Sessions.peerOpen(90)));
        accept(h);
        // the peer resolved the collision first and closed the connection we opened
        List<FsmAction> actions = h.fire(new FsmEvent.NotifMsg(COLLISION));
        assertEquals(List.of(new DropConnection(), new PromoteColliding()), actions.subList(0, 2));
        assertEquals(SessionState.OPEN_SENT, h.fsm.state());
        assertEquals(java.util.Set.of(SessionTimer.HOLD), h.fsm.runningTimers());
        assertTrue(h.fsm.negotiated().isEmpty());
        h.fire(new FsmEvent.BgpOpen(Sessions.peerOpen(90)));
        h.fire(new FsmEvent.KeepAliveMsg());
        assertEquals(SessionState.ESTABLISHED, h.fsm.state());
    }

    @Test
    void aBadOpenOnTheCollidingConnectionClosesOnlyThatOne() {
        lower.fire(new FsmEvent.ManualStart());
        lower.fire(new FsmEvent.TcpConnectionConfirmed());
        accept(lower);
        List<FsmAction> actions = onColliding(lower, new FsmEvent.BgpOpen(OpenMessage.of(65000, 90, Sessions.PEER_ID,
                List.of())));
        SendColliding notification = assertInstanceOf(SendColliding.class, actions.get(0));
        assertEquals(BgpError.BAD_PEER_AS, ((NotificationMessage) notification.message()).error().orElseThrow());
        assertEquals(new DropColliding(), actions.get(1));
        assertEquals(SessionState.OPEN_SENT, lower.fsm.state());
        assertTrue(lower.fsm.connectionIsLocal());
    }

    @Test
    void aThirdConnectionAndASecondOfThePeersOwnAreRefused() {
        lower.fire(new FsmEvent.ManualStart());
        lower.fire(new FsmEvent.TcpConnectionConfirmed());
        accept(lower);
        assertEquals(List.of(new RefuseIncoming(REJECTED)), accept(lower));

        FsmHarness adopted = new FsmHarness(Sessions.ebgp());
        adopted.fire(new FsmEvent.ManualStart());
        accept(adopted);
        assertEquals(List.of(new RefuseIncoming(REJECTED)), accept(adopted));
    }

    @Test
    void eventsOfAColldingConnectionNoLongerHeldAreIgnored() {
        lower.fire(new FsmEvent.ManualStart());
        lower.fire(new FsmEvent.TcpConnectionConfirmed());
        assertEquals(List.of(), onColliding(lower, new FsmEvent.BgpOpen(Sessions.peerOpen(90))));
        accept(lower);
        assertEquals(List.of(new DropColliding()), onColliding(lower, new FsmEvent.TcpConnectionFails("reset")));
        assertEquals(List.of(), onColliding(lower, new FsmEvent.KeepAliveMsg()));
    }
}
