package io.barelb.announcer.bgp.fsm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** RFC 4271 §10: ConnectRetryTimer and KeepaliveTimer jittered by 0.75-1.0, the hold timer never. */
class TimerJitterTest {

    /** A source that always answers {@code value}. */
    private static RandomGenerator fixed(double value) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                throw new AssertionError("only nextDouble is used");
            }

            @Override
            public double nextDouble() {
                return value;
            }
        };
    }

    private static Duration started(List<FsmAction> actions, SessionTimer timer) {
        return actions.stream().filter(a -> a instanceof FsmAction.StartTimer s && s.timer() == timer)
                .map(a -> ((FsmAction.StartTimer) a).after()).findFirst().orElseThrow();
    }

    @Test
    void theLowestDrawShortensConnectRetryAndKeepaliveToThreeQuartersAndLeavesHoldAlone() {
        BgpFsm fsm = new BgpFsm(Sessions.ebgp(), new FsmHarness.ManualClock(), TimerJitter.from(fixed(0.0)));
        // connect retry 1 s in Sessions.ebgp()
        assertEquals(Duration.ofMillis(750), started(fsm.handle(new FsmEvent.ManualStart()), SessionTimer.CONNECT_RETRY));
        assertEquals(SessionSettings.OPEN_SENT_HOLD_TIME,
                started(fsm.handle(new FsmEvent.TcpConnectionConfirmed()), SessionTimer.HOLD));
        List<FsmAction> confirm = fsm.handle(new FsmEvent.BgpOpen(Sessions.peerOpen(90)));
        assertEquals(Duration.ofSeconds(90), started(confirm, SessionTimer.HOLD), "the hold timer is never jittered");
        assertEquals(Duration.ofMillis(22_500), started(confirm, SessionTimer.KEEPALIVE), "30 s x 0.75");
    }

    @Test
    void drawsSpreadBetweenThreeQuartersAndTheWholeInterval() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(4271);
        TimerJitter jitter = TimerJitter.from(random);
        Duration interval = Duration.ofSeconds(30);
        Duration shortest = interval;
        Duration longest = Duration.ZERO;
        for (int i = 0; i < 1_000; i++) {
            Duration d = jitter.apply(SessionTimer.KEEPALIVE, interval);
            assertTrue(d.compareTo(Duration.ofMillis(22_500)) >= 0 && d.compareTo(interval) <= 0, d.toString());
            shortest = d.compareTo(shortest) < 0 ? d : shortest;
            longest = d.compareTo(longest) > 0 ? d : longest;
        }
        assertTrue(shortest.compareTo(Duration.ofSeconds(23)) < 0 && longest.compareTo(Duration.ofMillis(29_500)) > 0,
                "spread over the range: " + shortest + " to " + longest);
        assertEquals(interval, TimerJitter.NONE.apply(SessionTimer.KEEPALIVE, interval));
        assertEquals(interval, jitter.apply(SessionTimer.IDLE_HOLD, interval));
    }
}
