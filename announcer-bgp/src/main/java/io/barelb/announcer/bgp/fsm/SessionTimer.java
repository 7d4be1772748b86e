package io.barelb.announcer.bgp.fsm;

/**
 * The timers of RFC 4271 §8 this machine uses. The I/O layer runs them (on the channel's event loop) as the
 * machine's {@link FsmAction.StartTimer} and {@link FsmAction.StopTimer} say, and feeds back
 * {@link FsmEvent.TimerExpired}. Starting a running timer restarts it.
 */
public enum SessionTimer {
    /** §8.1.3 ConnectRetryTimer: the wait before the next connection attempt (exponential backoff here). */
    CONNECT_RETRY,
    /** §4.2/§8 HoldTimer: the longest silence accepted from the peer. */
    HOLD,
    /** §4.4 KeepaliveTimer: when this side next sends a KEEPALIVE. */
    KEEPALIVE,
    /** §8.1.1 IdleHoldTimer (DampPeerOscillations): the wait in Idle before restarting after an error. */
    IDLE_HOLD
}
