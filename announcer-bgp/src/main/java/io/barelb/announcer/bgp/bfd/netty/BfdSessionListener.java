package io.barelb.announcer.bgp.bfd.netty;

import io.barelb.announcer.bgp.bfd.wire.BfdDiagnostic;
import java.net.InetAddress;

/**
 * Told when a BFD session comes Up or leaves Up. Called on the BFD event loop: return quickly and never block
 * (hand the work to your own executor). The BGP side tears its session with {@code peer} down on
 * {@link #sessionDown}, at once (issue 10).
 */
public interface BfdSessionListener {

    /** The session with {@code peer} reached Up. */
    void sessionUp(InetAddress peer);

    /**
     * The session with {@code peer} left Up, for Down or AdminDown; {@code diagnostic} says why (1 Control
     * Detection Time Expired, 3 Neighbor Signaled Session Down, 7 Administratively Down).
     */
    void sessionDown(InetAddress peer, BfdDiagnostic diagnostic);
}
