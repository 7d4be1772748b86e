package io.barelb.announcer.bgp.bfd.netty;

import java.net.InetAddress;
import java.util.Objects;

/**
 * Where the BFD I/O listens and sends. {@link #singleHop()} is RFC 5881: receive on UDP 3784 on every address,
 * send to the peer's 3784 from a source port in 49152-65535. Tests on one host use other ports.
 *
 * @param receivePort      the local port Control packets arrive on
 * @param peerPort         the peer's port packets are sent to
 * @param listenIpv4       the IPv4 address the receive socket binds (0.0.0.0 for all)
 * @param listenIpv6       the IPv6 address the receive socket binds (:: for all)
 * @param firstSourcePort  the lowest source port of a send socket
 * @param lastSourcePort   the highest source port of a send socket
 */
public record BfdIoSettings(int receivePort, int peerPort, InetAddress listenIpv4, InetAddress listenIpv6,
                            int firstSourcePort, int lastSourcePort) {

    /** RFC 5881 §4: the single-hop Control port. */
    public static final int CONTROL_PORT = 3784;

    public BfdIoSettings {
        Objects.requireNonNull(listenIpv4, "listenIpv4");
        Objects.requireNonNull(listenIpv6, "listenIpv6");
        if (firstSourcePort < 1 || lastSourcePort > 65535 || firstSourcePort > lastSourcePort) {
            throw new IllegalArgumentException("source ports " + firstSourcePort + "-" + lastSourcePort
                    + " are not a range inside 1-65535 (RFC 5881 wants 49152-65535)");
        }
    }

    /** RFC 5881 on every local address. */
    public static BfdIoSettings singleHop() {
        return new BfdIoSettings(CONTROL_PORT, CONTROL_PORT, any(new byte[4]), any(new byte[16]), 49152, 65535);
    }

    private static InetAddress any(byte[] zeros) {
        try {
            return InetAddress.getByAddress(zeros);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e); // a 4 or 16 byte literal is always an address
        }
    }
}
