package io.barelb.runtime.allocator;

import java.util.Locale;
import java.util.Objects;

/**
 * One (protocol, port) pair a Service exposes; two Services sharing an address must have no pair in common
 * (TCP/53 and UDP/53 may coexist).
 *
 * @param protocol {@code TCP}, {@code UDP} or {@code SCTP}, upper case
 * @param port     1-65535
 */
public record ServicePort(String protocol, int port) {

    public ServicePort {
        Objects.requireNonNull(protocol, "protocol");
        protocol = protocol.toUpperCase(Locale.ROOT);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is outside 1-65535");
        }
    }

    /** A TCP port. */
    public static ServicePort tcp(int port) {
        return new ServicePort("TCP", port);
    }

    /** A UDP port. */
    public static ServicePort udp(int port) {
        return new ServicePort("UDP", port);
    }

    /** {@code TCP/80}. */
    @Override
    public String toString() {
        return protocol + "/" + port;
    }
}
