package io.barelb.announcer.bgp.netty;

import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listening sockets of one speaker: one per local address its peers need (a peer's {@code sourceAddress},
 * else the wildcard address of the peer's family) on one port, 179 by default. A socket is bound when its first
 * peer registers and closed when its last one leaves. A socket that cannot be bound (port 179 needs
 * {@code CAP_NET_BIND_SERVICE}) is logged once; the peers it was for are still dialled, only their incoming
 * connections are lost. Thread-safe.
 */
public final class BgpListeners implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BgpListeners.class);
    /** The BGP port (RFC 4271 §8.2.1). */
    public static final int BGP_PORT = 179;

    /** A peer's registration; closing it lets the peer in no more. */
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    private final EventLoopGroup group;
    private final int port;
    private final Map<InetSocketAddress, BgpListener> listening = new HashMap<>();
    private final Set<String> reported = new HashSet<>();
    private final Runnable onRefused;

    /** Listens on {@code port} ({@link #BGP_PORT} in production; any port in tests; 0 lets the kernel pick). */
    public BgpListeners(EventLoopGroup group, int port) {
        this(group, port, () -> { });
    }

    /** As {@link #BgpListeners(EventLoopGroup, int)}; {@code onRefused} counts connections from strangers. */
    public BgpListeners(EventLoopGroup group, int port, Runnable onRefused) {
        this.group = group;
        this.port = port;
        this.onRefused = onRefused;
    }

    /** Lets the peer of {@code transport} connect to {@code session}. */
    public synchronized Registration register(BgpTransport transport, BgpPeerSession session) {
        InetSocketAddress local = new InetSocketAddress(transport.sourceAddress()
                .orElseGet(() -> wildcard(transport.peerAddress())), port);
        BgpListener listener = listening.get(local);
        if (listener == null) {
            try {
                listener = BgpListener.bind(group, local, onRefused);
            } catch (IOException e) {
                if (reported.add(local + e.getMessage())) {
                    LOG.warn("bgp: {}; the speaker still dials its peers but accepts no BGP connection there{}",
                            e.getMessage(), port < 1024 ? " (binding port " + port + " needs CAP_NET_BIND_SERVICE)"
                                    : "");
                }
                return () -> { };
            }
            LOG.info("bgp: listening on {}", BgpListener.describe(listener.localAddress()));
            listening.put(local, listener);
        }
        BgpListener bound = listener;
        bound.register(transport, session);
        return () -> unregister(local, bound, transport.peerAddress(), session);
    }

    private synchronized void unregister(InetSocketAddress local, BgpListener listener, InetAddress peer,
            BgpPeerSession session) {
        listener.unregister(peer, session);
        if (listener.idle() && listening.remove(local, listener)) {
            listener.close();
        }
    }

    /** The sockets bound now, by the local address asked for. */
    public synchronized Map<InetSocketAddress, BgpListener> listening() {
        return Map.copyOf(listening);
    }

    @Override
    public synchronized void close() {
        listening.values().forEach(BgpListener::close);
        listening.clear();
    }

    private static InetAddress wildcard(InetAddress peer) {
        try {
            return InetAddress.getByAddress(new byte[peer instanceof Inet4Address ? 4 : 16]);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a 4 or 16 octet address is always valid", e);
        }
    }
}
