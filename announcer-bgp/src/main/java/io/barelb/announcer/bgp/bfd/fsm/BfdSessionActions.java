package io.barelb.announcer.bgp.bfd.fsm;

import io.barelb.announcer.bgp.bfd.wire.BfdControlFields;
import io.barelb.announcer.bgp.bfd.wire.BfdDiagnostic;
import io.barelb.announcer.bgp.bfd.wire.BfdState;

/**
 * What a {@link BfdSession} asks its driver to do. Called synchronously from inside the session's event methods,
 * on the driver's thread; arguments are primitives, enums and the session's reused packet holder, so no call
 * allocates.
 */
public interface BfdSessionActions {

    /**
     * Send this Control packet to the peer now. {@code packet} is the session's own holder, valid only during
     * the call: encode it, do not keep it.
     */
    void transmit(BfdControlFields packet);

    /** bfd.SessionState changed from {@code from} to {@code to}; {@code diagnostic} is the new bfd.LocalDiag. */
    void stateChanged(BfdState from, BfdState to, BfdDiagnostic diagnostic);
}
