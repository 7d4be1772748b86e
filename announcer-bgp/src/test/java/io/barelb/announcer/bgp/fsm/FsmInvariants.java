package io.barelb.announcer.bgp.fsm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.barelb.announcer.bgp.fsm.FsmEvent.OnCollidingConnection;
import io.barelb.announcer.bgp.wire.NotificationMessage;
import io.barelb.announcer.bgp.wire.OpenMessage;
import io.barelb.announcer.bgp.wire.UpdateMessage;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What must hold after every event a {@link FsmHarness} feeds, whatever the sequence (the random and the fuzz
 * tests): RFC 4271 §8's transitions, a NOTIFICATION for every error, timers as the state requires, §6.8's
 * bookkeeping of offered and colliding connections.
 */
final class FsmInvariants {

    private FsmInvariants() {
    }

    /** Checks the step {@code event} took the machine from {@code before} to {@code after} with {@code actions}. */
    static void check(Supplier<String> where, FsmHarness h, FsmEvent event, SessionState before,
            boolean collidingBefore, List<FsmAction> actions) {
        SessionState after = h.fsm.state();
        for (FsmAction action : actions) {
            if (action instanceof FsmAction.Send send && send.message() instanceof UpdateMessage) {
                assertTrue(before == SessionState.ESTABLISHED && event instanceof FsmEvent.SendUpdate,
                        () -> where.get() + ": UPDATE sent outside Established");
            }
            if (action instanceof FsmAction.Send send && send.message() instanceof OpenMessage) {
                assertEquals(SessionState.OPEN_SENT, after, () -> where.get() + ": OPEN sent but not in OpenSent");
            }
        }
        if (after == SessionState.ESTABLISHED && before != SessionState.ESTABLISHED) {
            assertTrue(before == SessionState.OPEN_CONFIRM && event instanceof FsmEvent.KeepAliveMsg,
                    () -> where.get() + ": Established without OPEN and KEEPALIVE exchanged");
        }
        if (after == SessionState.OPEN_CONFIRM && before != SessionState.OPEN_CONFIRM) {
            assertTrue(isOpen(event), () -> where.get() + ": OpenConfirm without the peer's OPEN");
        }
        boolean errorExit = before.openSent() && after == SessionState.IDLE
                && !(event instanceof FsmEvent.NotifMsg) && !(event instanceof FsmEvent.TcpConnectionFails);
        if (errorExit) {
            assertTrue(actions.stream().anyMatch(a -> a instanceof FsmAction.Send s
                    && s.message() instanceof NotificationMessage),
                    () -> where.get() + ": error exit without a NOTIFICATION");
        }
        if (event instanceof FsmEvent.MessageDecodeError error && before.openSent()) {
            assertTrue(actions.contains(new FsmAction.Send(error.notification())),
                    () -> where.get() + ": a malformed message not answered with its NOTIFICATION");
        }
        if (event instanceof OnCollidingConnection on && on.event() instanceof FsmEvent.MessageDecodeError error
                && collidingBefore) {
            assertTrue(actions.contains(new FsmAction.SendColliding(error.notification())),
                    () -> where.get() + ": a malformed message on the colliding connection not answered");
        }
        if (event instanceof FsmEvent.NotifMsg) {
            assertTrue(actions.stream().noneMatch(a -> a instanceof FsmAction.Send s
                    && s.message() instanceof NotificationMessage), () -> where.get() + ": a NOTIFICATION answered");
        }
        if (before.openSent() && !after.openSent()) {
            assertTrue(actions.contains(new FsmAction.DropConnection()), () -> where.get() + ": left a connection open");
        }
        checkIncoming(where, h, event, actions);
        assertEquals(after == SessionState.ESTABLISHED ? 1 : 0, h.ups - h.downs,
                () -> where.get() + ": SessionUp/Down unpaired");
        checkTimers(h, where);
    }

    private static boolean isOpen(FsmEvent event) {
        return event instanceof FsmEvent.BgpOpen
                || event instanceof OnCollidingConnection on && on.event() instanceof FsmEvent.BgpOpen;
    }

    private static void checkIncoming(Supplier<String> where, FsmHarness h, FsmEvent event, List<FsmAction> actions) {
        long decisions = actions.stream().filter(a -> a instanceof FsmAction.AdoptIncoming
                || a instanceof FsmAction.HoldIncoming || a instanceof FsmAction.RefuseIncoming).count();
        assertEquals(event instanceof FsmEvent.TcpConnectionAccepted ? 1 : 0, decisions,
                () -> where.get() + ": an offered connection gets exactly one decision");
        boolean colliding = h.fsm.hasCollidingConnection();
        if (colliding) {
            assertTrue(h.fsm.state() == SessionState.OPEN_SENT || h.fsm.state() == SessionState.OPEN_CONFIRM,
                    () -> where.get() + ": a colliding connection held in " + h.fsm.state());
            assertTrue(h.fsm.connectionIsLocal(),
                    () -> where.get() + ": a colliding connection beside one the peer opened");
        }
        boolean peerEnded = event instanceof OnCollidingConnection on
                && (on.event() instanceof FsmEvent.TcpConnectionFails || on.event() instanceof FsmEvent.NotifMsg);
        for (int i = 0; i < actions.size(); i++) {
            if (actions.get(i) instanceof FsmAction.DropColliding && !peerEnded) {
                assertTrue(i > 0 && actions.get(i - 1) instanceof FsmAction.SendColliding s
                        && s.message() instanceof NotificationMessage,
                        () -> where.get() + ": the colliding connection closed without a NOTIFICATION");
            }
            if (actions.get(i) instanceof FsmAction.PromoteColliding) {
                assertTrue(actions.subList(0, i).contains(new FsmAction.DropConnection()),
                        () -> where.get() + ": promoted over a connection still open");
            }
        }
    }

    /** The machine's timers are those its actions started, and those its state needs. */
    static void checkTimers(FsmHarness h, Supplier<String> where) {
        Set<SessionTimer> running = h.fsm.runningTimers();
        assertEquals(h.deadlines.keySet(), running,
                () -> where.get() + ": the machine's timers differ from the actions'");
        Set<SessionTimer> expected = switch (h.fsm.state()) {
            case IDLE -> running.contains(SessionTimer.IDLE_HOLD) ? EnumSet.of(SessionTimer.IDLE_HOLD)
                    : EnumSet.noneOf(SessionTimer.class);
            case CONNECT, ACTIVE -> EnumSet.of(SessionTimer.CONNECT_RETRY);
            case OPEN_SENT -> EnumSet.of(SessionTimer.HOLD);
            case OPEN_CONFIRM, ESTABLISHED -> h.fsm.negotiated().orElseThrow().holdTime().isZero()
                    ? EnumSet.noneOf(SessionTimer.class) : EnumSet.of(SessionTimer.HOLD, SessionTimer.KEEPALIVE);
        };
        if (!expected.equals(running)) {
            fail(where.get() + ": in " + h.fsm.state() + " timers " + running + ", expected " + expected);
        }
    }
}
