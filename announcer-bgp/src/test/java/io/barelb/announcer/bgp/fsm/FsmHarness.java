package io.barelb.announcer.bgp.fsm;

import io.barelb.announcer.bgp.wire.BgpMessage;
import io.barelb.announcer.bgp.wire.NotificationMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Drives a {@link BgpFsm} like the I/O layer would, with a manual clock: timers fire as time is advanced. */
final class FsmHarness {

    /** A clock the test moves. */
    static final class ManualClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    final ManualClock clock = new ManualClock();
    final BgpFsm fsm;
    final Map<SessionTimer, Instant> deadlines = new EnumMap<>(SessionTimer.class);
    final List<BgpMessage> sent = new ArrayList<>();
    final List<FsmAction> actions = new ArrayList<>();
    int connects;
    int drops;
    int ups;
    int downs;

    FsmHarness(SessionSettings settings) {
        fsm = new BgpFsm(settings, clock);
    }

    /** Feeds {@code event}; returns its actions (also applied to the harness's view). */
    List<FsmAction> fire(FsmEvent event) {
        if (event instanceof FsmEvent.TimerExpired expired) {
            deadlines.remove(expired.timer());
        }
        List<FsmAction> result = fsm.handle(event);
        for (FsmAction action : result) {
            actions.add(action);
            if (action instanceof FsmAction.Connect) {
                connects++;
            } else if (action instanceof FsmAction.DropConnection) {
                drops++;
            } else if (action instanceof FsmAction.Send send) {
                sent.add(send.message());
            } else if (action instanceof FsmAction.StartTimer start) {
                deadlines.put(start.timer(), clock.instant().plus(start.after()));
            } else if (action instanceof FsmAction.StopTimer stop) {
                deadlines.remove(stop.timer());
            } else if (action instanceof FsmAction.SessionUp) {
                ups++;
            } else if (action instanceof FsmAction.SessionDown) {
                downs++;
            }
        }
        return result;
    }

    /** Moves time forward by {@code by}, firing each timer when its deadline passes, in deadline order. */
    void advance(Duration by) {
        Instant end = clock.instant().plus(by);
        while (true) {
            Optional<Map.Entry<SessionTimer, Instant>> next = deadlines.entrySet().stream()
                    .filter(e -> !e.getValue().isAfter(end)).min(Map.Entry.comparingByValue(Comparator.naturalOrder()));
            if (next.isEmpty()) {
                break;
            }
            Duration step = Duration.between(clock.instant(), next.get().getValue());
            clock.advance(step);
            fire(new FsmEvent.TimerExpired(next.get().getKey()));
        }
        clock.advance(Duration.between(clock.instant(), end));
    }

    /** The last message sent. */
    BgpMessage lastSent() {
        return sent.get(sent.size() - 1);
    }

    /** The NOTIFICATIONs sent. */
    List<NotificationMessage> notifications() {
        return sent.stream().filter(NotificationMessage.class::isInstance).map(NotificationMessage.class::cast).toList();
    }
}
