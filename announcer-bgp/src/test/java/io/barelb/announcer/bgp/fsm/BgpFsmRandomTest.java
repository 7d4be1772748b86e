package io.barelb.announcer.bgp.fsm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * Seeded random event sequences (java.util.Random, reproducible by seed), incoming and colliding connections
 * included, checked against {@link FsmInvariants} after every event: no UPDATE outside Established, a
 * NOTIFICATION on every error exit from a state that sent OPEN, running timers as the state requires,
 * SessionUp/SessionDown paired with Established, one decision per offered connection.
 */
class BgpFsmRandomTest {

    private static final int SEEDS = 200;
    private static final int STEPS = 300;
    private static final UpdateMessage UPDATE = UpdateMessage.endOfRib(AddressFamily.IPV4_UNICAST);

    private int collided;
    private int promoted;

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
                boolean collidingBefore = h.fsm.hasCollidingConnection();
                if (random.nextInt(6) == 0) {
                    h.advance(Duration.ofMillis(random.nextInt(120_000)));
                    FsmInvariants.checkTimers(h, () -> where + " after advancing");
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
                collided += actions.contains(new FsmAction.HoldIncoming()) ? 1 : 0;
                promoted += actions.contains(new FsmAction.PromoteColliding()) ? 1 : 0;
                FsmInvariants.check(() -> where + ": " + event + " in " + before + " -> " + after, h, event,
                        before, collidingBefore, actions);
            }
        }
        assertEquals(EnumSet.allOf(SessionState.class), visited, "the sequences reach every state");
        assertTrue(collided > 0 && promoted > 0, "colliding connections were held and some promoted: " + collided
                + " held, " + promoted + " promoted");
    }

    private static FsmEvent randomEvent(Random random) {
        int pick = random.nextInt(100);
        if (pick < 3) {
            return new FsmEvent.ManualStop();
        }
        if (pick < 10) {
            return new FsmEvent.ManualStart();
        }
        if (pick < 14) {
            return new FsmEvent.TcpConnectionAccepted();
        }
        if (pick < 20) {
            // what the peer sends on a colliding connection, held or not
            FsmEvent[] onColliding = {new FsmEvent.BgpOpen(Sessions.peerOpen(90)), new FsmEvent.KeepAliveMsg(),
                    new FsmEvent.TcpConnectionFails("reset"), new FsmEvent.NotifMsg(NotificationMessage.of(
                            BgpError.CEASE_CONNECTION_COLLISION_RESOLUTION)),
                    new FsmEvent.MessageDecodeError(NotificationMessage.of(BgpError.BAD_MESSAGE_TYPE))};
            return new FsmEvent.OnCollidingConnection(onColliding[random.nextInt(onColliding.length)]);
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
