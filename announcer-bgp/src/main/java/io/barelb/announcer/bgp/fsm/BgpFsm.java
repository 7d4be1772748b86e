package io.barelb.announcer.bgp.fsm;

import io.barelb.announcer.bgp.fsm.FsmAction.Connect;
import io.barelb.announcer.bgp.fsm.FsmAction.DropConnection;
import io.barelb.announcer.bgp.fsm.FsmAction.Send;
import io.barelb.announcer.bgp.fsm.FsmAction.StartTimer;
import io.barelb.announcer.bgp.fsm.FsmAction.StopTimer;
import io.barelb.announcer.bgp.fsm.FsmEvent.BgpOpen;
import io.barelb.announcer.bgp.fsm.FsmEvent.KeepAliveMsg;
import io.barelb.announcer.bgp.fsm.FsmEvent.ManualStart;
import io.barelb.announcer.bgp.fsm.FsmEvent.ManualStop;
import io.barelb.announcer.bgp.fsm.FsmEvent.MessageDecodeError;
import io.barelb.announcer.bgp.fsm.FsmEvent.NotifMsg;
import io.barelb.announcer.bgp.fsm.FsmEvent.RouteRefreshMsg;
import io.barelb.announcer.bgp.fsm.FsmEvent.SendUpdate;
import io.barelb.announcer.bgp.fsm.FsmEvent.TcpConnectionConfirmed;
import io.barelb.announcer.bgp.fsm.FsmEvent.TcpConnectionFails;
import io.barelb.announcer.bgp.fsm.FsmEvent.TimerExpired;
import io.barelb.announcer.bgp.fsm.FsmEvent.UpdateMsg;
import io.barelb.announcer.bgp.wire.BgpError;
import io.barelb.announcer.bgp.wire.KeepaliveMessage;
import io.barelb.announcer.bgp.wire.NotificationMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The BGP finite state machine of one session (RFC 4271 §8), as a pure object: {@link #handle} takes an event and
 * returns the actions the I/O layer must carry out, in order. No sockets and no threads; the clock is only read to
 * stamp state changes. Not thread-safe: one event loop drives it.
 *
 * <p>Where this machine departs from §8.2.2 (all allowed by the optional session attributes of §8.1.1): there is
 * no DelayOpen and no passive-only mode; a failed connection attempt waits in Active for the ConnectRetryTimer,
 * which doubles after every failure ({@link ConnectRetryBackoff}); an error in OpenSent, OpenConfirm or
 * Established leads to Idle with the IdleHoldTimer running (DampPeerOscillations), whose expiry restarts the
 * session as an automatic start would. The failure count resets when a session reaches Established or on a
 * ManualStart. An expiry of a timer this machine does not consider running is stale and ignored.
 */
public final class BgpFsm {

    private final SessionSettings settings;
    private final Clock clock;
    private final Set<SessionTimer> running = EnumSet.noneOf(SessionTimer.class);
    private SessionState state = SessionState.IDLE;
    private Instant stateSince;
    private Optional<Negotiated> negotiated = Optional.empty();
    private Optional<String> lastError = Optional.empty();
    private int failures;
    private long updatesReceived;
    private long updatesSent;

    public BgpFsm(SessionSettings settings, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.stateSince = clock.instant();
    }

    /** Applies {@code event}; returns the actions to carry out, in order (often none). */
    public List<FsmAction> handle(FsmEvent event) {
        Objects.requireNonNull(event, "event");
        if (event instanceof TimerExpired expired && !running.remove(expired.timer())) {
            return List.of();
        }
        List<FsmAction> out = new ArrayList<>();
        if (event instanceof ManualStop) {
            manualStop(out);
        } else {
            switch (state) {
                case IDLE -> idle(event, out);
                case CONNECT, ACTIVE -> connecting(event, out);
                case OPEN_SENT -> openSent(event, out);
                case OPEN_CONFIRM -> openConfirm(event, out);
                case ESTABLISHED -> established(event, out);
            }
        }
        return List.copyOf(out);
    }

    public SessionState state() {
        return state;
    }

    /** When the current state was entered. */
    public Instant stateSince() {
        return stateSince;
    }

    /** What the OPENs agreed on, in OpenConfirm and Established. */
    public Optional<Negotiated> negotiated() {
        return negotiated;
    }

    /** The last error that took the session down, as a log line. */
    public Optional<String> lastError() {
        return lastError;
    }

    /** The timers this machine has started and not seen stop or expire. */
    public Set<SessionTimer> runningTimers() {
        return EnumSet.copyOf(running);
    }

    /** Consecutive failures since the last Established session (drives the backoff). */
    public int failures() {
        return failures;
    }

    public long updatesReceived() {
        return updatesReceived;
    }

    public long updatesSent() {
        return updatesSent;
    }

    public SessionSettings settings() {
        return settings;
    }

    private void idle(FsmEvent event, List<FsmAction> out) {
        if (event instanceof ManualStart) {
            failures = 0;
            stop(SessionTimer.IDLE_HOLD, out);
            connect(out);
        } else if (event instanceof TimerExpired expired && expired.timer() == SessionTimer.IDLE_HOLD) {
            connect(out);
        }
        // §8.2.2 Idle: every other event is ignored
    }

    private void connecting(FsmEvent event, List<FsmAction> out) {
        if (event instanceof TimerExpired expired && expired.timer() == SessionTimer.CONNECT_RETRY) {
            if (state == SessionState.CONNECT) {
                failures++;
                lastError = Optional.of("no answer to the connection attempt (peer down, traffic filtered, or a TCP MD5"
                        + " key mismatch)");
                out.add(new DropConnection());
            }
            connect(out);
        } else if (event instanceof TcpConnectionConfirmed) {
            stop(SessionTimer.CONNECT_RETRY, out);
            out.add(new Send(OpenNegotiation.localOpen(settings)));
            start(SessionTimer.HOLD, SessionSettings.OPEN_SENT_HOLD_TIME, out);
            enter(SessionState.OPEN_SENT);
        } else if (event instanceof TcpConnectionFails fails) {
            if (state == SessionState.CONNECT) {
                failures++;
                lastError = Optional.of("connection failed: " + fails.reason());
                out.add(new DropConnection());
                start(SessionTimer.CONNECT_RETRY, ConnectRetryBackoff.delay(settings, failures), out);
                enter(SessionState.ACTIVE);
            }
        } else if (isMessage(event)) {
            // §8.2.2 Connect/Active: any other event is an FSM error; no OPEN was sent, so no NOTIFICATION
            toIdle("unexpected " + name(event) + " in " + state, Optional.empty(), out);
        }
    }

    private void openSent(FsmEvent event, List<FsmAction> out) {
        if (event instanceof BgpOpen open) {
            OpenNegotiation.Outcome outcome = OpenNegotiation.judge(open.open(), settings);
            if (outcome instanceof OpenNegotiation.Rejected rejected) {
                toIdle("OPEN refused: " + rejected.reason(), Optional.of(rejected.notification()), out);
                return;
            }
            Negotiated agreed = ((OpenNegotiation.Accepted) outcome).negotiated();
            negotiated = Optional.of(agreed);
            out.add(new Send(KeepaliveMessage.INSTANCE));
            if (agreed.holdTime().isZero()) {
                stop(SessionTimer.HOLD, out);
            } else {
                start(SessionTimer.HOLD, agreed.holdTime(), out);
                start(SessionTimer.KEEPALIVE, agreed.keepaliveTime(), out);
            }
            enter(SessionState.OPEN_CONFIRM);
        } else if (event instanceof TcpConnectionFails fails) {
            // §8.2.2 OpenSent, event 18: back to Active, to retry after the ConnectRetryTimer
            failures++;
            lastError = Optional.of("connection closed in OpenSent: " + fails.reason());
            out.add(new DropConnection());
            stop(SessionTimer.HOLD, out);
            start(SessionTimer.CONNECT_RETRY, ConnectRetryBackoff.delay(settings, failures), out);
            enter(SessionState.ACTIVE);
        } else {
            connected(event, BgpError.FSM_UNEXPECTED_MESSAGE_IN_OPEN_SENT, out);
        }
    }

    private void openConfirm(FsmEvent event, List<FsmAction> out) {
        if (event instanceof KeepAliveMsg) {
            Negotiated agreed = negotiated.orElseThrow();
            restartHold(out);
            failures = 0;
            lastError = Optional.empty();
            enter(SessionState.ESTABLISHED);
            out.add(new FsmAction.SessionUp(agreed));
        } else {
            connected(event, BgpError.FSM_UNEXPECTED_MESSAGE_IN_OPEN_CONFIRM, out);
        }
    }

    private void established(FsmEvent event, List<FsmAction> out) {
        if (event instanceof KeepAliveMsg) {
            restartHold(out);
        } else if (event instanceof UpdateMsg) {
            updatesReceived++;
            restartHold(out);
        } else if (event instanceof RouteRefreshMsg refresh) {
            restartHold(out);
            if (negotiated.orElseThrow().carries(refresh.refresh().family())) {
                out.add(new FsmAction.ResendRoutes(refresh.refresh().family()));
            }
        } else if (event instanceof SendUpdate send) {
            updatesSent++;
            out.add(new Send(send.update()));
            if (running.contains(SessionTimer.KEEPALIVE)) {
                // §4.4: sending an UPDATE restarts the KeepaliveTimer
                start(SessionTimer.KEEPALIVE, negotiated.orElseThrow().keepaliveTime(), out);
            }
        } else {
            connected(event, BgpError.FSM_UNEXPECTED_MESSAGE_IN_ESTABLISHED, out);
        }
    }

    /** The events OpenSent, OpenConfirm and Established treat alike. */
    private void connected(FsmEvent event, BgpError unexpected, List<FsmAction> out) {
        if (event instanceof TimerExpired expired) {
            switch (expired.timer()) {
                case HOLD -> toIdle("hold timer expired",
                        Optional.of(NotificationMessage.of(BgpError.HOLD_TIMER_EXPIRED)), out);
                case KEEPALIVE -> {
                    out.add(new Send(KeepaliveMessage.INSTANCE));
                    start(SessionTimer.KEEPALIVE, negotiated.orElseThrow().keepaliveTime(), out);
                }
                default -> toIdle(expired.timer() + " expired in " + state,
                        Optional.of(NotificationMessage.of(BgpError.FSM_ERROR)), out);
            }
        } else if (event instanceof TcpConnectionFails fails) {
            toIdle("connection closed: " + fails.reason(), Optional.empty(), out);
        } else if (event instanceof NotifMsg notif) {
            toIdle("peer sent NOTIFICATION " + notif.notification().describe(), Optional.empty(), out);
        } else if (event instanceof MessageDecodeError error) {
            toIdle("malformed message: " + error.notification().describe(), Optional.of(error.notification()), out);
        } else if (isMessage(event)) {
            toIdle("unexpected " + name(event) + " in " + state, Optional.of(NotificationMessage.of(unexpected)), out);
        }
        // ManualStart, TcpConnectionConfirmed (one connection per machine) and SendUpdate before Established: ignored
    }

    private void manualStop(List<FsmAction> out) {
        if (state.openSent()) {
            out.add(new Send(NotificationMessage.of(BgpError.CEASE_ADMINISTRATIVE_SHUTDOWN)));
        }
        if (state != SessionState.IDLE) {
            out.add(new DropConnection());
        }
        stopAll(out);
        sessionDown("stopped", Optional.empty(), out);
        failures = 0;
        enter(SessionState.IDLE);
    }

    /** §8.2.2: drops the connection, releases the session and waits in Idle for the IdleHoldTimer. */
    private void toIdle(String reason, Optional<NotificationMessage> sent, List<FsmAction> out) {
        sent.ifPresent(notification -> out.add(new Send(notification)));
        out.add(new DropConnection());
        stopAll(out);
        sessionDown(reason, sent, out);
        lastError = Optional.of(reason);
        failures++;
        start(SessionTimer.IDLE_HOLD, ConnectRetryBackoff.delay(settings, failures - 1), out);
        enter(SessionState.IDLE);
    }

    private void sessionDown(String reason, Optional<NotificationMessage> notification, List<FsmAction> out) {
        if (state == SessionState.ESTABLISHED) {
            out.add(new FsmAction.SessionDown(reason, notification));
        }
        negotiated = Optional.empty();
    }

    private void connect(List<FsmAction> out) {
        start(SessionTimer.CONNECT_RETRY, ConnectRetryBackoff.delay(settings, failures), out);
        out.add(new Connect());
        enter(SessionState.CONNECT);
    }

    private void restartHold(List<FsmAction> out) {
        Duration hold = negotiated.orElseThrow().holdTime();
        if (!hold.isZero()) {
            start(SessionTimer.HOLD, hold, out);
        }
    }

    private void start(SessionTimer timer, Duration after, List<FsmAction> out) {
        running.add(timer);
        out.add(new StartTimer(timer, after));
    }

    private void stop(SessionTimer timer, List<FsmAction> out) {
        if (running.remove(timer)) {
            out.add(new StopTimer(timer));
        }
    }

    private void stopAll(List<FsmAction> out) {
        for (SessionTimer timer : SessionTimer.values()) {
            stop(timer, out);
        }
    }

    private void enter(SessionState next) {
        if (next != state) {
            state = next;
            stateSince = clock.instant();
        }
    }

    private static boolean isMessage(FsmEvent event) {
        return event instanceof BgpOpen || event instanceof KeepAliveMsg || event instanceof UpdateMsg
                || event instanceof NotifMsg || event instanceof RouteRefreshMsg || event instanceof MessageDecodeError;
    }

    private static String name(FsmEvent event) {
        return event.getClass().getSimpleName();
    }
}
