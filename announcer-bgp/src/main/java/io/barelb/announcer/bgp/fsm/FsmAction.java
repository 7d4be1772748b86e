package io.barelb.announcer.bgp.fsm;

import io.barelb.announcer.bgp.wire.BgpMessage;
import io.barelb.announcer.bgp.wire.NotificationMessage;
import io.barelb.announcer.bgp.wire.AddressFamily;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** An output of {@link BgpFsm}: what the I/O layer must do, in the order given. Immutable. */
public sealed interface FsmAction {

    /** Open a TCP connection to the peer (after dropping any previous one). */
    record Connect() implements FsmAction {
    }

    /** Close the TCP connection, after flushing what was sent. */
    record DropConnection() implements FsmAction {
    }

    /** Send {@code message} on the connection. */
    record Send(BgpMessage message) implements FsmAction {
        public Send {
            Objects.requireNonNull(message, "message");
        }
    }

    /** Start (or restart) {@code timer} to expire after {@code after}. */
    record StartTimer(SessionTimer timer, Duration after) implements FsmAction {
        public StartTimer {
            Objects.requireNonNull(timer, "timer");
            if (after.isNegative() || after.isZero()) {
                throw new IllegalArgumentException("a timer runs for a positive time, not " + after);
            }
        }
    }

    /** Stop {@code timer} if it runs. */
    record StopTimer(SessionTimer timer) implements FsmAction {
        public StopTimer {
            Objects.requireNonNull(timer, "timer");
        }
    }

    /** The session reached Established with what was negotiated: the owner sends its whole Adj-RIB-Out. */
    record SessionUp(Negotiated negotiated) implements FsmAction {
        public SessionUp {
            Objects.requireNonNull(negotiated, "negotiated");
        }
    }

    /**
     * The session left Established.
     *
     * @param reason        a log line
     * @param notification  the NOTIFICATION sent or received, if one was
     */
    record SessionDown(String reason, Optional<NotificationMessage> notification) implements FsmAction {
        public SessionDown {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(notification, "notification");
        }
    }

    /** In Established the peer asked (RFC 2918) for {@code family} again: re-send the Adj-RIB-Out of that family. */
    record ResendRoutes(AddressFamily family) implements FsmAction {
        public ResendRoutes {
            Objects.requireNonNull(family, "family");
        }
    }

    /** The connection on offer ({@link FsmEvent.TcpConnectionAccepted}) becomes the session's connection. */
    record AdoptIncoming() implements FsmAction {
    }

    /**
     * The connection on offer becomes the colliding connection (RFC 4271 §6.8): kept beside the session's own
     * until an OPEN on it decides which survives. Its events come back as {@link FsmEvent.OnCollidingConnection}.
     */
    record HoldIncoming() implements FsmAction {
    }

    /** Close the connection on offer, after sending {@code notification}. */
    record RefuseIncoming(NotificationMessage notification) implements FsmAction {
        public RefuseIncoming {
            Objects.requireNonNull(notification, "notification");
        }
    }

    /** Send {@code message} on the colliding connection. */
    record SendColliding(BgpMessage message) implements FsmAction {
        public SendColliding {
            Objects.requireNonNull(message, "message");
        }
    }

    /** Close the colliding connection, after flushing what was sent on it. */
    record DropColliding() implements FsmAction {
    }

    /**
     * The colliding connection becomes the session's connection (the session's own was dropped by a
     * {@link DropConnection} before this action).
     */
    record PromoteColliding() implements FsmAction {
    }
}
