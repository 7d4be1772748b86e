package io.barelb.announcer.bgp.bfd.fsm;

/**
 * What the local system wants from one BFD session (RFC 5880 §6.8.1 bfd.DesiredMinTxInterval,
 * bfd.RequiredMinRxInterval, bfd.DetectMult), plus the passive role (§6.1) and the lowest TTL / hop limit a
 * received packet may carry. Immutable; intervals in microseconds as on the wire.
 *
 * @param desiredMinTxMicros  bfd.DesiredMinTxInterval once Up (while not Up at least 1 s is sent, §6.8.3)
 * @param requiredMinRxMicros bfd.RequiredMinRxInterval; must not be 0 (this implementation always wants packets)
 * @param detectMult          bfd.DetectMult, 1-255
 * @param passive             true to send nothing until the peer's first packet has arrived (§6.1)
 * @param minimumTtl          received packets with a known TTL below this are discarded, 1-255 (RFC 5881 §5
 *                            wants 255 for single hop)
 */
public record BfdSessionConfig(long desiredMinTxMicros, long requiredMinRxMicros, int detectMult, boolean passive,
                               int minimumTtl) {

    /** The largest interval the 32-bit wire fields hold. */
    public static final long MAX_INTERVAL_MICROS = 0xFFFF_FFFFL;

    public BfdSessionConfig {
        if (desiredMinTxMicros < 1 || desiredMinTxMicros > MAX_INTERVAL_MICROS) {
            throw new IllegalArgumentException("desiredMinTxMicros " + desiredMinTxMicros
                    + " is outside 1.." + MAX_INTERVAL_MICROS + "; set a transmit interval of at least 1 us");
        }
        if (requiredMinRxMicros < 1 || requiredMinRxMicros > MAX_INTERVAL_MICROS) {
            throw new IllegalArgumentException("requiredMinRxMicros " + requiredMinRxMicros
                    + " is outside 1.." + MAX_INTERVAL_MICROS + "; set a receive interval of at least 1 us");
        }
        if (detectMult < 1 || detectMult > 255) {
            throw new IllegalArgumentException("detectMult " + detectMult + " is outside 1..255");
        }
        if (minimumTtl < 1 || minimumTtl > 255) {
            throw new IllegalArgumentException("minimumTtl " + minimumTtl + " is outside 1..255");
        }
    }

    /** Single hop (RFC 5881): only TTL 255 is accepted. */
    public static BfdSessionConfig singleHop(long desiredMinTxMicros, long requiredMinRxMicros, int detectMult,
            boolean passive) {
        return new BfdSessionConfig(desiredMinTxMicros, requiredMinRxMicros, detectMult, passive, 255);
    }
}
