package io.barelb.announcer.bgp.bfd.fsm;

import io.barelb.announcer.bgp.bfd.wire.BfdControlFields;
import io.barelb.announcer.bgp.bfd.wire.BfdControlPacket;
import io.barelb.announcer.bgp.bfd.wire.BfdDiagnostic;
import io.barelb.announcer.bgp.bfd.wire.BfdState;
import java.util.ArrayList;
import java.util.List;

/** Keeps what a session asked for, as immutable values. */
final class RecordingActions implements BfdSessionActions {

    record Transition(BfdState from, BfdState to, BfdDiagnostic diagnostic) {
    }

    final List<BfdControlPacket> sent = new ArrayList<>();
    final List<Long> sentAt = new ArrayList<>();
    final List<Transition> transitions = new ArrayList<>();
    long now;

    @Override
    public void transmit(BfdControlFields packet) {
        sent.add(packet.toPacket());
        sentAt.add(now);
    }

    @Override
    public void stateChanged(BfdState from, BfdState to, BfdDiagnostic diagnostic) {
        transitions.add(new Transition(from, to, diagnostic));
    }

    BfdControlPacket last() {
        return sent.get(sent.size() - 1);
    }

    Transition lastTransition() {
        return transitions.get(transitions.size() - 1);
    }
}
