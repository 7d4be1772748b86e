package io.barelb.announcer.bgp.bfd.wire;

/**
 * The fields of one BFD Control packet as plain primitives, filled in place by {@link BfdControlCodec#decode} and
 * read by {@link BfdControlCodec#encode}: the receive and transmit paths reuse one instance each and allocate
 * nothing per packet. Not thread-safe; it belongs to the event loop that uses it. Intervals are in microseconds,
 * as on the wire, held unsigned in a {@code long}.
 */
public final class BfdControlFields {

    int version = BfdControlCodec.VERSION;
    int diagnostic;
    BfdState state = BfdState.DOWN;
    boolean poll;
    boolean fin;
    boolean controlPlaneIndependent;
    boolean authenticationPresent;
    boolean demand;
    boolean multipoint;
    int detectMult;
    int length = BfdControlCodec.MANDATORY_LENGTH;
    int myDiscriminator;
    int yourDiscriminator;
    long desiredMinTxInterval;
    long requiredMinRxInterval;
    long requiredMinEchoRxInterval;

    public int version() {
        return version;
    }

    /** The Diag field, 0-31 (codes above 8 are reserved, see {@link BfdDiagnostic#fromCode}). */
    public int diagnostic() {
        return diagnostic;
    }

    public BfdState state() {
        return state;
    }

    public boolean poll() {
        return poll;
    }

    /** The Final (F) bit. */
    public boolean fin() {
        return fin;
    }

    public boolean controlPlaneIndependent() {
        return controlPlaneIndependent;
    }

    public boolean authenticationPresent() {
        return authenticationPresent;
    }

    public boolean demand() {
        return demand;
    }

    public boolean multipoint() {
        return multipoint;
    }

    public int detectMult() {
        return detectMult;
    }

    public int length() {
        return length;
    }

    public int myDiscriminator() {
        return myDiscriminator;
    }

    public int yourDiscriminator() {
        return yourDiscriminator;
    }

    public long desiredMinTxInterval() {
        return desiredMinTxInterval;
    }

    public long requiredMinRxInterval() {
        return requiredMinRxInterval;
    }

    public long requiredMinEchoRxInterval() {
        return requiredMinEchoRxInterval;
    }

    /**
     * Sets every field a sender chooses for a packet without authentication (version 1, length 24, C, A, D and M
     * clear, no echo), as §6.8.7 fills them; returns this.
     */
    public BfdControlFields setForTransmit(BfdDiagnostic diag, BfdState sessionState, boolean pollBit, boolean finalBit,
            int mult, int myDiscr, int yourDiscr, long desiredMinTxMicros, long requiredMinRxMicros) {
        version = BfdControlCodec.VERSION;
        diagnostic = diag.code();
        state = sessionState;
        poll = pollBit;
        fin = finalBit;
        controlPlaneIndependent = false;
        authenticationPresent = false;
        demand = false;
        multipoint = false;
        detectMult = mult;
        length = BfdControlCodec.MANDATORY_LENGTH;
        myDiscriminator = myDiscr;
        yourDiscriminator = yourDiscr;
        desiredMinTxInterval = desiredMinTxMicros;
        requiredMinRxInterval = requiredMinRxMicros;
        requiredMinEchoRxInterval = 0;
        return this;
    }

    /** Copies every field of {@code packet} into this holder; returns this. */
    public BfdControlFields set(BfdControlPacket packet) {
        version = packet.version();
        diagnostic = packet.diagnostic();
        state = packet.state();
        poll = packet.poll();
        fin = packet.fin();
        controlPlaneIndependent = packet.controlPlaneIndependent();
        authenticationPresent = packet.authenticationPresent();
        demand = packet.demand();
        multipoint = packet.multipoint();
        detectMult = packet.detectMult();
        length = packet.length();
        myDiscriminator = packet.myDiscriminator();
        yourDiscriminator = packet.yourDiscriminator();
        desiredMinTxInterval = packet.desiredMinTxInterval();
        requiredMinRxInterval = packet.requiredMinRxInterval();
        requiredMinEchoRxInterval = packet.requiredMinEchoRxInterval();
        return this;
    }

    /** An immutable copy (allocates: for tests, logs and status, not the packet path). */
    public BfdControlPacket toPacket() {
        return new BfdControlPacket(version, diagnostic, state, poll, fin, controlPlaneIndependent, authenticationPresent,
                demand, multipoint, detectMult, length, myDiscriminator, yourDiscriminator, desiredMinTxInterval,
                requiredMinRxInterval, requiredMinEchoRxInterval);
    }

    @Override
    public String toString() {
        return toPacket().toString();
    }
}
