package io.barelb.announcer.bgp.netty;

import io.barelb.announcer.bgp.fsm.Negotiated;
import io.barelb.announcer.bgp.fsm.SessionState;

/** What a {@link BgpPeerSession} reports, on the session's thread (status, metrics, logs). No-op by default. */
public interface SessionObserver {

    SessionObserver NONE = new SessionObserver() {
    };

    /** The state changed from {@code from} to {@code to}. */
    default void stateChanged(SessionState from, SessionState to) {
    }

    /** A TCP connection to the peer is being attempted. */
    default void connecting() {
    }

    /** The session reached Established. */
    default void up(Negotiated negotiated) {
    }

    /** The session left Established; {@code reason} is a log line. */
    default void down(String reason) {
    }

    /** {@code count} UPDATEs went out. */
    default void updatesSent(int count) {
    }
}
