package io.barelb.announcer.bgp.fsm;

/** The six states of the BGP finite state machine (RFC 4271 §8.2.2). */
public enum SessionState {
    /** No resources; waits for a start (ManualStart, or the IdleHoldTimer after an error). */
    IDLE,
    /** Waiting for the outgoing TCP connection to complete. */
    CONNECT,
    /** The connection attempt failed; waiting for the ConnectRetryTimer (or an incoming connection). */
    ACTIVE,
    /** OPEN sent, waiting for the peer's OPEN. */
    OPEN_SENT,
    /** OPENs exchanged, waiting for the peer's KEEPALIVE. */
    OPEN_CONFIRM,
    /** The session is up: UPDATEs may flow. */
    ESTABLISHED;

    /** True in the states where a TCP connection exists and this side has sent its OPEN. */
    public boolean openSent() {
        return this == OPEN_SENT || this == OPEN_CONFIRM || this == ESTABLISHED;
    }
}
