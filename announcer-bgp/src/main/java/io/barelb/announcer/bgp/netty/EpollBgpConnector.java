package io.barelb.announcer.bgp.netty;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.unix.IntegerUnixChannelOption;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Dials a peer with Netty's epoll transport: binds {@code sourceAddress} if given, sets the TTL (IPv4
 * {@code IP_TTL}) or hop limit (IPv6 {@code IPV6_UNICAST_HOPS}) with a raw socket option, and the TCP MD5
 * signature key (RFC 2385) for the peer's address when a password is given. Channels are registered on the
 * session's event loop, so their events and the session's timers share one thread.
 */
public final class EpollBgpConnector implements BgpConnector {

    /** {@code setsockopt(IPPROTO_IP = 0, IP_TTL = 2)}. */
    static final IntegerUnixChannelOption IP_TTL = new IntegerUnixChannelOption("IP_TTL", 0, 2);
    /** {@code setsockopt(IPPROTO_IPV6 = 41, IPV6_UNICAST_HOPS = 16)}. */
    static final IntegerUnixChannelOption IPV6_UNICAST_HOPS = new IntegerUnixChannelOption("IPV6_UNICAST_HOPS", 41, 16);
    /** How long a connection attempt may take; the ConnectRetryTimer bounds it too. */
    static final int CONNECT_TIMEOUT_MILLIS = 10_000;

    private final EventLoop loop;
    private final BgpTransport transport;

    public EpollBgpConnector(EventLoop loop, BgpTransport transport) {
        this.loop = loop;
        this.transport = transport;
    }

    @Override
    public ChannelFuture connect(ChannelHandler initializer) {
        Bootstrap bootstrap = new Bootstrap().group(loop).channel(EpollSocketChannel.class).handler(initializer)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS)
                .option(transport.peerAddress() instanceof Inet4Address ? IP_TTL : IPV6_UNICAST_HOPS, transport.ttl());
        transport.md5Password().ifPresent(password -> bootstrap.option(EpollChannelOption.TCP_MD5SIG,
                Map.of(transport.peerAddress(), password.getBytes(StandardCharsets.US_ASCII))));
        InetSocketAddress remote = new InetSocketAddress(transport.peerAddress(), transport.peerPort());
        return transport.sourceAddress().map(source -> bootstrap.connect(remote, new InetSocketAddress(source, 0)))
                .orElseGet(() -> bootstrap.connect(remote));
    }
}
