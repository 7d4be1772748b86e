package io.barelb.announcer.bgp.fsm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.barelb.announcer.bgp.wire.AddressFamily;
import io.barelb.announcer.bgp.wire.BgpError;
import io.barelb.announcer.bgp.wire.NotificationMessage;
import io.barelb.announcer.bgp.wire.OpenMessage;
import io.barelb.announcer.bgp.wire.RouteRefreshMessage;
import io.barelb.announcer.bgp.wire.UpdateMessage;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Seeded random event sequences (java.util.Random, reproducible by seed) checked against the machine's invariants
 * after every event: no UPDATE outside Established, a NOTIFICATION on every error exit from a state that sent
 * OPEN, running timers as the state requires, SessionUp/SessionDown paired with Established.
 */
class BgpFsmRandomTest {

    private static final int SEEDS = 200;
    private static final int STEPS = 300;
    private static final UpdateMessage UPDATE = UpdateMessage.endOfRib(AddressFamily.IPV4_UNICAST);

    @Test
    void invariantsHoldOnRandomEventSequences() {
        Set<SessionState> visited = EnumSet.noneOf(SessionState.class);
        for (long seed = 1; seed <= SEEDS; seed++) {
            Random random = new Random(seed);
            FsmHarness h = new FsmHarness(Sessions.ebgp());
            h.fire(new FsmEvent.ManualStart());
            for (int step = 0; step < STEPS; step++) {
                String where = "seed " + seed + " step " + step;
                SessionState before = h.fsm.state();
                if (random.nextInt(6) == 0) {
                    h.advance(Duration.ofMillis(random.nextInt(120_000)));
                    checkTimers(h, where + " after advancing");
                    visited.add(h.fsm.state());
                    continue;
                }
                FsmEvent event = randomEvent(random);
                List<FsmAction> actions;
                try {
                    actions = h.fire(event);
                } catch (RuntimeException e) {
                    throw new AssertionError(where + ": " + event + " in " + before + " threw", e);
                }
                SessionState after = h.fsm.state();
                visited.add(after);
                check(where + ": " + event + " in " + before + " -> " + after, h, event, before, after, actions);
            }
        }
        assertEquals(EnumSet.allOf(SessionState.class), visited, "the sequences reach every state");
    }

    private static void check(String where, FsmHarness h, FsmEvent event, SessionState before, SessionState after,
            List<FsmAction> actions) {
        for (FsmAction action : actions) {
            if (action instanceof FsmAction.Send send && send.message() instanceof UpdateMessage) {
                assertTrue(before == SessionState.ESTABLISHED && event instanceof FsmEvent.SendUpdate,
                        where + ": UPDATE sent outside Established");
            }
            if (action instanceof FsmAction.Send send && send.message() instanceof OpenMessage) {
                assertEquals(SessionState.OPEN_SENT, after, where + ": OPEN sent but not in OpenSent");
            }
        }
        boolean errorExit = before.openSent() && after == SessionState.IDLE
                && !(event instanceof FsmEvent.NotifMsg) && !(event instanceof FsmEvent.TcpConnectionFails);
        if (errorExit) {
            assertTrue(actions.stream().anyMatch(a -> a instanceof FsmAction.Send s
                    && s.message() instanceof NotificationMessage), where + ": error exit without a NOTIFICATION");
        }
        if (before.openSent() && !after.openSent()) {
            assertTrue(actions.contains(new FsmAction.DropConnection()), where + ": left a connection open");
        }
        assertEquals(after == SessionState.ESTABLISHED ? 1 : 0, h.ups - h.downs, where + ": SessionUp/Down unpaired");
        checkTimers(h, where);
    }

    private static void checkTimers(FsmHarness h, String where) {
        Set<SessionTimer> running = h.fsm.runningTimers();
        assertEquals(h.deadlines.keySet(), running, where + ": the machine's timers differ from the actions'");
        Set<SessionTimer> expected = switch (h.fsm.state()) {
            case IDLE -> running.contains(SessionTimer.IDLE_HOLD) ? EnumSet.of(SessionTimer.IDLE_HOLD)
                    : EnumSet.noneOf(SessionTimer.class);
            case CONNECT, ACTIVE -> EnumSet.of(SessionTimer.CONNECT_RETRY);
            case OPEN_SENT -> EnumSet.of(SessionTimer.HOLD);
            case OPEN_CONFIRM, ESTABLISHED -> h.fsm.negotiated().orElseThrow().holdTime().isZero()
                    ? EnumSet.noneOf(SessionTimer.class) : EnumSet.of(SessionTimer.HOLD, SessionTimer.KEEPALIVE);
        };
        if (!expected.equals(running)) {
            fail(where + ": in " + h.fsm.state() + " timers " + running + ", expected " + expected);
        }
    }

    private static FsmEvent randomEvent(Random random) {
        int pick = random.nextInt(100);
        if (pick < 3) {
            return new FsmEvent.ManualStop();
        }
        if (pick < 10) {
            return new FsmEvent.ManualStart();
        }
        if (pick < 25) {
            return new FsmEvent.TcpConnectionConfirmed();
        }
        if (pick < 30) {
            return new FsmEvent.TcpConnectionFails("random");
        }
        if (pick < 45) {
            int[] holds = {0, 3, 30, 90, 1};
            return new FsmEvent.BgpOpen(Sessions.peerOpen(holds[random.nextInt(holds.length)]));
        }
        if (pick < 48) {
            return new FsmEvent.BgpOpen(OpenMessage.of(65000 + random.nextInt(3), 90, Sessions.PEER_ID, List.of()));
        }
        if (pick < 65) {
            return new FsmEvent.KeepAliveMsg();
        }
        if (pick < 72) {
            return new FsmEvent.UpdateMsg(UPDATE);
        }
        if (pick < 75) {
            return new FsmEvent.NotifMsg(NotificationMessage.of(BgpError.CEASE));
        }
        if (pick < 78) {
            return new FsmEvent.RouteRefreshMsg(new RouteRefreshMessage(AddressFamily.IPV4_UNICAST));
        }
        if (pick < 81) {
            return new FsmEvent.MessageDecodeError(NotificationMessage.of(BgpError.BAD_MESSAGE_TYPE));
        }
        if (pick < 85) {
            // a stale expiry: the machine must ignore a timer it does not run
            return new FsmEvent.TimerExpired(SessionTimer.values()[random.nextInt(SessionTimer.values().length)]);
        }
        return new FsmEvent.SendUpdate(UPDATE);
    }
}
