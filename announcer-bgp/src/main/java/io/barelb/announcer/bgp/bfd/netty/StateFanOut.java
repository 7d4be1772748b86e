package io.barelb.announcer.bgp.bfd.netty;

import io.barelb.announcer.bgp.bfd.wire.BfdDiagnostic;
import io.barelb.announcer.bgp.bfd.wire.BfdState;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs every state change and tells the listeners about Up and leaving Up; a failing listener is logged. Then runs
 * the manager's hook (status publication). Called on the event loop only.
 */
final class StateFanOut {

    private static final Logger LOG = LoggerFactory.getLogger(BfdSessions.class);

    private final List<BfdSessionListener> listeners = new CopyOnWriteArrayList<>();
    private Runnable afterEachChange = () -> { };

    void add(BfdSessionListener listener) {
        listeners.add(listener);
    }

    /** Runs {@code hook} after the listeners on every state change (on the event loop). */
    void afterEachChange(Runnable hook) {
        this.afterEachChange = hook;
    }

    void remove(BfdSessionListener listener) {
        listeners.remove(listener);
    }

    void stateChanged(InetAddress peer, BfdState from, BfdState to, BfdDiagnostic diagnostic) {
        LOG.info("BFD session with {}: {} -> {} (diag {} {})", peer.getHostAddress(), from.rfcName(), to.rfcName(),
                diagnostic.code(), diagnostic.text());
        for (BfdSessionListener listener : listeners) {
            try {
                if (to == BfdState.UP) {
                    listener.sessionUp(peer);
                } else if (from == BfdState.UP) {
                    listener.sessionDown(peer, diagnostic);
                }
            } catch (RuntimeException e) {
                LOG.warn("BFD listener {} failed on {} for {}: {}", listener, to.rfcName(), peer.getHostAddress(),
                        e.toString());
            }
        }
        afterEachChange.run();
    }
}
