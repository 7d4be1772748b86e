package io.barelb.announcer.bgp.bfd.wire;

/**
 * One BFD Control packet (RFC 5880 §4.1) as an immutable value, for tests, fixtures and diagnostics; the packet
 * path uses the reusable {@link BfdControlFields} instead. Intervals are in microseconds (unsigned 32-bit, held in
 * a {@code long}); {@code diagnostic} is the raw 5-bit Diag field.
 */
public record BfdControlPacket(int version, int diagnostic, BfdState state, boolean poll, boolean fin,
        boolean controlPlaneIndependent, boolean authenticationPresent, boolean demand, boolean multipoint,
        int detectMult, int length, int myDiscriminator, int yourDiscriminator, long desiredMinTxInterval,
        long requiredMinRxInterval, long requiredMinEchoRxInterval) {

    /** A packet as this implementation sends it: version 1, length 24, no C, A, D or M bit, no echo. */
    public static BfdControlPacket of(BfdDiagnostic diagnostic, BfdState state, boolean poll, boolean fin,
            int detectMult, int myDiscriminator, int yourDiscriminator, long desiredMinTxInterval,
            long requiredMinRxInterval) {
        return new BfdControlPacket(BfdControlCodec.VERSION, diagnostic.code(), state, poll, fin, false, false, false,
                false, detectMult, BfdControlCodec.MANDATORY_LENGTH, myDiscriminator, yourDiscriminator,
                desiredMinTxInterval, requiredMinRxInterval, 0);
    }

    /** The diagnostic, or {@code null} for a reserved code. */
    public BfdDiagnostic knownDiagnostic() {
        return BfdDiagnostic.fromCode(diagnostic);
    }

    @Override
    public String toString() {
        return "BFD v" + version + " " + state.rfcName() + " diag " + diagnostic + (poll ? " P" : "") + (fin ? " F" : "")
                + (controlPlaneIndependent ? " C" : "") + (authenticationPresent ? " A" : "") + (demand ? " D" : "")
                + (multipoint ? " M" : "") + " mult " + detectMult + " len " + length + " my 0x"
                + Integer.toHexString(myDiscriminator) + " your 0x" + Integer.toHexString(yourDiscriminator) + " tx "
                + desiredMinTxInterval + " us rx " + requiredMinRxInterval + " us echo " + requiredMinEchoRxInterval + " us";
    }
}
