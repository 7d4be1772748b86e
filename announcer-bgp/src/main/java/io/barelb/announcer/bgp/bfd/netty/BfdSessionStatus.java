package io.barelb.announcer.bgp.bfd.netty;

import io.barelb.announcer.bgp.bfd.wire.BfdDiagnostic;
import io.barelb.announcer.bgp.bfd.wire.BfdState;
import java.net.InetAddress;

/**
 * A snapshot of one session, for status and metrics. Intervals in microseconds; the detection time is 0 before
 * the peer's first packet.
 */
public record BfdSessionStatus(InetAddress peer, int sourcePort, BfdState state, BfdState remoteState,
                               BfdDiagnostic localDiagnostic, int localDiscriminator, int remoteDiscriminator,
                               long transmitIntervalMicros, long detectionTimeMicros, long remoteMinRxMicros,
                               long remoteDesiredMinTxMicros, int remoteDetectMult, long packetsSent,
                               long packetsReceived, long stateChanges) {
}
