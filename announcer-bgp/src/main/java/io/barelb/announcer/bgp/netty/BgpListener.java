package io.barelb.announcer.bgp.netty;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.unix.IntegerUnixChannelOption;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One listening BGP socket (RFC 4271 §8: a speaker also accepts the connections its peers open) on a local
 * address and port, with Netty's epoll transport. Only configured peers get in: a connection from any other
 * address is closed at once, counted, and logged once per address. The TCP MD5 key of every registered peer is
 * set on the listening socket ({@code TCP_MD5SIG} per peer address, RFC 2385), so the kernel checks the SYNs of
 * those peers; each accepted connection gets the peer's TTL. Thread-safe.
 */
public final class BgpListener implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BgpListener.class);
    /** {@code setsockopt(IPPROTO_IPV6 = 41, IPV6_V6ONLY = 26)}: an IPv6 wildcard socket leaves IPv4 to its own. */
    static final IntegerUnixChannelOption IPV6_V6ONLY = new IntegerUnixChannelOption("IPV6_V6ONLY", 41, 26);
    /** Refused addresses remembered for logging once; past this many every refusal is only counted. */
    private static final int REMEMBERED_REFUSALS = 1024;

    /** A peer allowed in: where its connections go and how they are set up. */
    private record Registration(BgpPeerSession session, BgpTransport transport) {
    }

    private final InetSocketAddress local;
    private final Map<InetAddress, Registration> peers = new ConcurrentHashMap<>();
    private final Set<InetAddress> logged = ConcurrentHashMap.newKeySet();
    private final AtomicLong refused = new AtomicLong();
    private final Channel channel;
    private final Runnable onRefused;

    private BgpListener(InetSocketAddress local, Channel channel, Runnable onRefused) {
        this.local = local;
        this.channel = channel;
        this.onRefused = onRefused;
    }

    /**
     * Binds {@code local} (a wildcard address takes its family only) on {@code group}.
     *
     * @throws IOException if the socket cannot be bound (port 179 without {@code CAP_NET_BIND_SERVICE}, the port
     *                     taken, the address not on this host)
     */
    public static BgpListener bind(EventLoopGroup group, InetSocketAddress local) throws IOException {
        return bind(group, local, () -> { });
    }

    /** As {@link #bind(EventLoopGroup, InetSocketAddress)}; {@code onRefused} runs for each refused stranger. */
    public static BgpListener bind(EventLoopGroup group, InetSocketAddress local, Runnable onRefused)
            throws IOException {
        BgpListener[] self = new BgpListener[1];
        ServerBootstrap bootstrap = new ServerBootstrap().group(group).channel(EpollServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                // a wildcard socket and one bound to a sourceAddress share the port; the kernel gives a connection
                // to the most specific one
                .option(EpollChannelOption.SO_REUSEPORT, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        self[0].incoming(ch);
                    }
                });
        if (local.getAddress() instanceof Inet6Address) {
            bootstrap.option(IPV6_V6ONLY, 1);
        }
        ChannelFuture bound = bootstrap.bind(local);
        if (!bound.awaitUninterruptibly(5, TimeUnit.SECONDS) || !bound.isSuccess()) {
            bound.channel().close();
            Throwable cause = bound.cause();
            throw new IOException("cannot listen on " + describe(local) + ": "
                    + (cause == null ? "no answer within 5 s" : cause.getMessage()), cause);
        }
        self[0] = new BgpListener(local, bound.channel(), onRefused);
        return self[0];
    }

    /** Lets {@code transport.peerAddress()} in, to {@code session}; sets its MD5 key on the socket. */
    public void register(BgpTransport transport, BgpPeerSession session) {
        peers.put(transport.peerAddress(), new Registration(session, transport));
        updateKeys();
    }

    /** Stops letting the peer of {@code session} in (a later registration of the same address is kept). */
    public void unregister(InetAddress peer, BgpPeerSession session) {
        if (peers.computeIfPresent(peer, (address, r) -> r.session() == session ? null : r) == null) {
            updateKeys();
        }
    }

    /** True if no peer is registered. */
    public boolean idle() {
        return peers.isEmpty();
    }

    /** Connections refused because they came from no configured peer. */
    public long refused() {
        return refused.get();
    }

    /** The bound address (the port the kernel chose when 0 was asked). */
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) channel.localAddress();
    }

    private void incoming(Channel ch) {
        InetAddress from = ((InetSocketAddress) ch.remoteAddress()).getAddress();
        Registration peer = peers.get(from);
        if (peer == null) {
            refused.incrementAndGet();
            onRefused.run();
            if (logged.size() < REMEMBERED_REFUSALS && logged.add(from)) {
                LOG.warn("bgp: refused a connection from {} on {}: not a BGPPeer of this node (logged once per"
                        + " address)", from.getHostAddress(), describe(local));
            }
            ch.close();
            return;
        }
        ch.config().setOption(from instanceof Inet4Address ? EpollBgpConnector.IP_TTL
                : EpollBgpConnector.IPV6_UNICAST_HOPS, peer.transport().ttl());
        peer.session().accept(ch);
    }

    private synchronized void updateKeys() {
        Map<InetAddress, byte[]> keys = new HashMap<>();
        peers.forEach((address, r) -> r.transport().md5Password()
                .ifPresent(password -> keys.put(address, password.getBytes(StandardCharsets.US_ASCII))));
        channel.config().setOption(EpollChannelOption.TCP_MD5SIG, keys);
    }

    @Override
    public void close() {
        channel.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
    }

    static String describe(InetSocketAddress address) {
        String host = address.getAddress().getHostAddress();
        return (address.getAddress() instanceof Inet6Address ? "[" + host + "]" : host) + ":" + address.getPort();
    }
}
