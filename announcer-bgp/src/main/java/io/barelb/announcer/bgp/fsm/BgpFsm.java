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
 * stamp state changes and to decide the graceful restart R bit of an OPEN. Not thread-safe: one event loop drives it.
 *
 * <p>Incoming connections (§6.8, §8.2.2): the I/O layer offers each connection accepted from the peer's address
 * ({@link FsmEvent.TcpConnectionAccepted}). Idle refuses it; Connect and Active adopt it; OpenSent and OpenConfirm
 * hold it as the colliding connection and send it an OPEN; the peer's OPEN on it decides by BGP Identifier (RFC
 * 6286's AS tie-break) which connection survives, the other being closed with Cease / Connection Collision
 * Resolution; Established always survives. If the session's own connection ends while a colliding one is held,
 * the colliding one goes on in OpenSent.
 *
 * <p>Where this machine departs from §8.2.2 (all allowed by the optional session attributes of §8.1.1): there is
 * no DelayOpen and no passive-only mode; a failed connection attempt waits in Active for the ConnectRetryTimer,
 * which doubles after every failure ({@link ConnectRetryBackoff}); an error in OpenSent, OpenConfirm or
 * Established leads to Idle with the IdleHoldTimer running (DampPeerOscillations), whose expiry restarts the
 * session as an automatic start would. The failure count resets when a session reaches Established or on a
 * ManualStart. An expiry of a timer this machine does not consider running is stale and ignored. The
 * ConnectRetryTimer and KeepaliveTimer intervals are jittered by the injected {@link TimerJitter} (§10).
 */
public final class BgpFsm {

    private final SessionSettings settings;
    private final Clock clock;
    private final TimerJitter jitter;
    private final Set<SessionTimer> running = EnumSet.noneOf(SessionTimer.class);
    private SessionState state = SessionState.IDLE;
    private Instant stateSince;
    private Optional<Negotiated> negotiated = Optional.empty();
    private Optional<String> lastError = Optional.empty();
    private int failures;
    private long updatesReceived;
    private long updatesSent;
    /** The session's connection was opened by this side (false: adopted from the peer). */
    private boolean connectionIsLocal = true;
    /** A colliding connection from the peer is held beside the session's own (§6.8). */
    private boolean colliding;

    /** A machine whose timers run exactly as configured (no jitter). */
    public BgpFsm(SessionSettings settings, Clock clock) {
        this(settings, clock, TimerJitter.NONE);
    }

    /** A machine whose ConnectRetryTimer and KeepaliveTimer are jittered by {@code jitter} (RFC 4271 §10). */
    public BgpFsm(SessionSettings settings, Clock clock, TimerJitter jitter) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.jitter = Objects.requireNonNull(jitter, "jitter");
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
        } else if (event instanceof FsmEvent.TcpConnectionAccepted) {
            accepted(out);
        } else if (event instanceof FsmEvent.OnCollidingConnection on) {
            if (colliding) {
                onColliding(on.event(), out);
            }
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

    /** True while a colliding connection from the peer is held (§6.8). */
    public boolean hasCollidingConnection() {
        return colliding;
    }

    /** True if the session's connection is the one this side opened. */
    public boolean connectionIsLocal() {
        return connectionIsLocal;
    }

    /**
     * An incoming connection from the peer's address (§8.2.2, §6.8). Idle refuses it; Connect and Active take it
     * as the session's connection (dropping an attempt under way); OpenSent and OpenConfirm hold it as the
     * colliding connection and send it an OPEN, the collision being resolved when the peer's OPEN arrives on it;
     * Established always survives, so the new one is closed.
     */
    private void accepted(List<FsmAction> out) {
        switch (state) {
            case IDLE -> out.add(new FsmAction.RefuseIncoming(
                    NotificationMessage.of(BgpError.CEASE_CONNECTION_REJECTED)));
            case CONNECT, ACTIVE -> {
                if (state == SessionState.CONNECT) {
                    out.add(new DropConnection());
                }
                out.add(new FsmAction.AdoptIncoming());
                connectionIsLocal = false;
                sendOpen(out);
            }
            case OPEN_SENT, OPEN_CONFIRM -> {
                if (colliding || !connectionIsLocal) {
                    // only a connection this side opened can collide with one the peer opened; a peer's second
                    // connection of its own is refused
                    out.add(new FsmAction.RefuseIncoming(NotificationMessage.of(BgpError.CEASE_CONNECTION_REJECTED)));
                } else {
                    colliding = true;
                    out.add(new FsmAction.HoldIncoming());
                    out.add(new FsmAction.SendColliding(OpenNegotiation.localOpen(settings, clock.instant())));
                }
            }
            case ESTABLISHED -> out.add(new FsmAction.RefuseIncoming(CollisionDetection.CLOSING_NOTIFICATION));
        }
    }

    /** An event of the colliding connection (which exists only in OpenSent and OpenConfirm). */
    private void onColliding(FsmEvent event, List<FsmAction> out) {
        if (event instanceof BgpOpen open) {
            OpenNegotiation.Outcome outcome = OpenNegotiation.judge(open.open(), settings);
            if (outcome instanceof OpenNegotiation.Rejected rejected) {
                dropColliding(Optional.of(rejected.notification()), out);
                return;
            }
            Negotiated agreed = ((OpenNegotiation.Accepted) outcome).negotiated();
            CollisionDetection.Survivor survivor = CollisionDetection.survivor(settings.routerId(),
                    settings.localAsn(), agreed.peerId(), agreed.peerAsn());
            if (survivor == CollisionDetection.Survivor.LOCALLY_INITIATED) {
                dropColliding(Optional.of(CollisionDetection.CLOSING_NOTIFICATION), out);
                return;
            }
            // §6.8: this side's connection is closed with the Cease, the peer's goes on from its OPEN
            out.add(new Send(CollisionDetection.CLOSING_NOTIFICATION));
            out.add(new DropConnection());
            promoteColliding(out);
            openAccepted(agreed, out);
        } else if (event instanceof TcpConnectionFails || event instanceof NotifMsg) {
            dropColliding(Optional.empty(), out);
        } else if (event instanceof MessageDecodeError error) {
            dropColliding(Optional.of(error.notification()), out);
        } else if (isMessage(event)) {
            // this side sent its OPEN on it and waits for the peer's: anything else is unexpected in OpenSent
            dropColliding(Optional.of(NotificationMessage.of(BgpError.FSM_UNEXPECTED_MESSAGE_IN_OPEN_SENT)), out);
        }
    }

    private void dropColliding(Optional<NotificationMessage> sent, List<FsmAction> out) {
        if (colliding) {
            sent.ifPresent(notification -> out.add(new FsmAction.SendColliding(notification)));
            out.add(new FsmAction.DropColliding());
            colliding = false;
        }
    }

    private void promoteColliding(List<FsmAction> out) {
        out.add(new FsmAction.PromoteColliding());
        colliding = false;
        connectionIsLocal = false;
    }

    private void sendOpen(List<FsmAction> out) {
        stop(SessionTimer.CONNECT_RETRY, out);
        out.add(new Send(OpenNegotiation.localOpen(settings, clock.instant())));
        start(SessionTimer.HOLD, SessionSettings.OPEN_SENT_HOLD_TIME, out);
        enter(SessionState.OPEN_SENT);
    }

    /** The peer's OPEN was accepted on the session's connection: KEEPALIVE, the negotiated timers, OpenConfirm. */
    private void openAccepted(Negotiated agreed, List<FsmAction> out) {
        negotiated = Optional.of(agreed);
        out.add(new Send(KeepaliveMessage.INSTANCE));
        if (agreed.holdTime().isZero()) {
            stop(SessionTimer.HOLD, out);
            stop(SessionTimer.KEEPALIVE, out);
        } else {
            start(SessionTimer.HOLD, agreed.holdTime(), out);
            start(SessionTimer.KEEPALIVE, agreed.keepaliveTime(), out);
        }
        enter(SessionState.OPEN_CONFIRM);
    }

    /**
     * The session's connection ended while a colliding one is held: the colliding one goes on in OpenSent (this
     * side has sent its OPEN on it), as its own FSM would in §8. The peer closing the connection it lost the
     * collision on lands here too.
     */
    private boolean continueOnColliding(String reason, List<FsmAction> out) {
        if (!colliding) {
            return false;
        }
        lastError = Optional.of(reason + "; going on with the peer's colliding connection");
        out.add(new DropConnection());
        promoteColliding(out);
        negotiated = Optional.empty();
        stop(SessionTimer.KEEPALIVE, out);
        start(SessionTimer.HOLD, SessionSettings.OPEN_SENT_HOLD_TIME, out);
        enter(SessionState.OPEN_SENT);
        return true;
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
            sendOpen(out);
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
            openAccepted(((OpenNegotiation.Accepted) outcome).negotiated(), out);
        } else if (event instanceof TcpConnectionFails fails) {
            if (continueOnColliding("connection closed in OpenSent: " + fails.reason(), out)) {
                return;
            }
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
            // §6.8: an Established connection always survives
            dropColliding(Optional.of(CollisionDetection.CLOSING_NOTIFICATION), out);
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
            if (!continueOnColliding("connection closed: " + fails.reason(), out)) {
                toIdle("connection closed: " + fails.reason(), Optional.empty(), out);
            }
        } else if (event instanceof NotifMsg notif) {
            String reason = "peer sent NOTIFICATION " + notif.notification().describe();
            if (!continueOnColliding(reason, out)) {
                toIdle(reason, Optional.empty(), out);
            }
        } else if (event instanceof MessageDecodeError error) {
            toIdle("malformed message: " + error.notification().describe(), Optional.of(error.notification()), out);
        } else if (isMessage(event)) {
            toIdle("unexpected " + name(event) + " in " + state, Optional.of(NotificationMessage.of(unexpected)), out);
        }
        // ManualStart, TcpConnectionConfirmed (one connection per machine) and SendUpdate before Established: ignored
    }

    private void manualStop(List<FsmAction> out) {
        dropColliding(Optional.of(NotificationMessage.of(BgpError.CEASE_ADMINISTRATIVE_SHUTDOWN)), out);
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
        dropColliding(Optional.of(sent.orElse(NotificationMessage.of(BgpError.CEASE))), out);
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
        connectionIsLocal = true;
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
        out.add(new StartTimer(timer, jitter.apply(timer, after)));
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
