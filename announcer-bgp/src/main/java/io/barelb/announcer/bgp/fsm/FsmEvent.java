package io.barelb.announcer.bgp.fsm;

import io.barelb.announcer.bgp.wire.BgpMessage;
import io.barelb.announcer.bgp.wire.KeepaliveMessage;
import io.barelb.announcer.bgp.wire.NotificationMessage;
import io.barelb.announcer.bgp.wire.OpenMessage;
import io.barelb.announcer.bgp.wire.RouteRefreshMessage;
import io.barelb.announcer.bgp.wire.UpdateMessage;
import java.util.Objects;

/**
 * An input of {@link BgpFsm}, named after the events of RFC 4271 §8.1 (the event number follows each name).
 * Immutable.
 */
public sealed interface FsmEvent {

    /** The event of a message decoded from the peer (events 19, 24/25, 26, 27, and ROUTE-REFRESH). */
    static FsmEvent received(BgpMessage message) {
        if (message instanceof OpenMessage open) {
            return new BgpOpen(open);
        }
        if (message instanceof UpdateMessage update) {
            return new UpdateMsg(update);
        }
        if (message instanceof NotificationMessage notification) {
            return new NotifMsg(notification);
        }
        if (message instanceof RouteRefreshMessage refresh) {
            return new RouteRefreshMsg(refresh);
        }
        if (message instanceof KeepaliveMessage) {
            return new KeepAliveMsg();
        }
        throw new IllegalArgumentException("not a message a peer sends: " + message);
    }

    /** Event 1: the operator (or the session owner) starts the session. */
    record ManualStart() implements FsmEvent {
    }

    /** Event 2: the operator stops the session; a Cease NOTIFICATION is sent if a connection exists. */
    record ManualStop() implements FsmEvent {
    }

    /** Events 9-11 and 13: a timer the machine started expired. */
    record TimerExpired(SessionTimer timer) implements FsmEvent {
        public TimerExpired {
            Objects.requireNonNull(timer, "timer");
        }
    }

    /** Events 16/17: the TCP connection (outgoing, or an accepted incoming one) is up. */
    record TcpConnectionConfirmed() implements FsmEvent {
    }

    /**
     * Event 17 for a connection the peer opened (RFC 4271 §8.2.1.2, §6.8): the I/O layer accepted it from the
     * peer's address and offers it; the machine answers with {@link FsmAction.AdoptIncoming},
     * {@link FsmAction.HoldIncoming} or {@link FsmAction.RefuseIncoming}.
     */
    record TcpConnectionAccepted() implements FsmEvent {
    }

    /**
     * {@code event} happened on the colliding connection (§6.8): a second connection the peer opened while this
     * side's own was past Active, held until an OPEN on it decides which one survives. Only connection and
     * message events are wrapped.
     */
    record OnCollidingConnection(FsmEvent event) implements FsmEvent {
        public OnCollidingConnection {
            Objects.requireNonNull(event, "event");
            if (event instanceof OnCollidingConnection || event instanceof ManualStart || event instanceof ManualStop
                    || event instanceof TimerExpired || event instanceof SendUpdate
                    || event instanceof TcpConnectionAccepted) {
                throw new IllegalArgumentException("not an event of a connection: " + event);
            }
        }
    }

    /** Event 18: the TCP connection failed or was closed by the peer. */
    record TcpConnectionFails(String reason) implements FsmEvent {
        public TcpConnectionFails {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Event 19: a syntactically valid OPEN arrived (its contents are judged by the machine). */
    record BgpOpen(OpenMessage open) implements FsmEvent {
        public BgpOpen {
            Objects.requireNonNull(open, "open");
        }
    }

    /**
     * Events 21/22 (BGPHeaderErr, BGPOpenMsgErr) and 28 (UpdateMsgErr): a received message could not be decoded;
     * {@code notification} is what RFC 4271 §6 says to answer (from the decoder's exception).
     */
    record MessageDecodeError(NotificationMessage notification) implements FsmEvent {
        public MessageDecodeError {
            Objects.requireNonNull(notification, "notification");
        }
    }

    /** Events 24/25: a NOTIFICATION arrived. */
    record NotifMsg(NotificationMessage notification) implements FsmEvent {
        public NotifMsg {
            Objects.requireNonNull(notification, "notification");
        }
    }

    /** Event 26: a KEEPALIVE arrived. */
    record KeepAliveMsg() implements FsmEvent {
    }

    /** Event 27: a decoded UPDATE arrived (RFC 7606 problems, if any, are on the message). */
    record UpdateMsg(UpdateMessage update) implements FsmEvent {
        public UpdateMsg {
            Objects.requireNonNull(update, "update");
        }
    }

    /** A ROUTE-REFRESH arrived (RFC 2918 §4): in Established the owner re-sends its Adj-RIB-Out. */
    record RouteRefreshMsg(RouteRefreshMessage refresh) implements FsmEvent {
        public RouteRefreshMsg {
            Objects.requireNonNull(refresh, "refresh");
        }
    }

    /**
     * The owner asks to send an UPDATE; it goes out only in Established (else it is dropped: the whole
     * Adj-RIB-Out is sent again when the session comes up).
     */
    record SendUpdate(UpdateMessage update) implements FsmEvent {
        public SendUpdate {
            Objects.requireNonNull(update, "update");
        }
    }
}
