package io.barelb.announcer.bgp;

import io.barelb.api.net.IpAddress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.util.Collections;
import java.util.Optional;

/**
 * This node's own addresses, as the kernel sees them: the source address it would use toward a peer (the next hop
 * and, for IPv4, the default router ID) and an IPv6 address beside an IPv4 one (the IPv6 next hop of a dual-stack
 * session). Until the runtime hands the Node's addresses to plugins this is how the announcer learns them.
 */
interface LocalAddresses {

    /** The address the kernel picks to reach {@code peer}, if it has a route. */
    Optional<IpAddress> toward(IpAddress peer);

    /** A global IPv6 address on the interface holding {@code ipv4}, else any global IPv6 address of the host. */
    Optional<IpAddress> ipv6Beside(IpAddress ipv4);

    /** The first non-loopback IPv4 address of the host (a router ID for an IPv6-only peer). */
    Optional<IpAddress> anyIpv4();

    /** The host's addresses, read when asked. No packet is sent: a connected UDP socket only consults routing. */
    static LocalAddresses system() {
        return new LocalAddresses() {
            @Override
            public Optional<IpAddress> toward(IpAddress peer) {
                try (DatagramSocket socket = new DatagramSocket(null)) {
                    socket.connect(new InetSocketAddress(peer.toInetAddress(), 179));
                    InetAddress local = socket.getLocalAddress();
                    return local == null || local.isAnyLocalAddress() ? Optional.empty()
                            : Optional.of(IpAddress.fromInetAddress(local));
                } catch (IOException | RuntimeException e) {
                    return Optional.empty(); // no route to the peer yet
                }
            }

            @Override
            public Optional<IpAddress> ipv6Beside(IpAddress ipv4) {
                try {
                    NetworkInterface holder = NetworkInterface.getByInetAddress(ipv4.toInetAddress());
                    Optional<IpAddress> beside = holder == null ? Optional.empty() : globalIpv6(holder);
                    if (beside.isPresent()) {
                        return beside;
                    }
                    for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                        Optional<IpAddress> any = globalIpv6(nic);
                        if (any.isPresent()) {
                            return any;
                        }
                    }
                    return Optional.empty();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public Optional<IpAddress> anyIpv4() {
                try {
                    for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                        for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                            if (a instanceof Inet4Address && !a.isLoopbackAddress()) {
                                return Optional.of(IpAddress.fromInetAddress(a));
                            }
                        }
                    }
                    return Optional.empty();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            private Optional<IpAddress> globalIpv6(NetworkInterface nic) {
                return Collections.list(nic.getInetAddresses()).stream()
                        .filter(a -> a instanceof Inet6Address && !a.isLinkLocalAddress() && !a.isLoopbackAddress())
                        .findFirst().map(IpAddress::fromInetAddress);
            }
        };
    }
}
