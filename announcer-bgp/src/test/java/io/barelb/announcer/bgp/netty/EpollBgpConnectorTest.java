package io.barelb.announcer.bgp.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.barelb.testkit.Requirements;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.unix.IntegerUnixChannelOption;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The connector's socket options, read back from a real epoll socket on loopback. */
class EpollBgpConnectorTest {

    @Test
    void theTtlIsSetAndTheSourceAddressBound() throws Exception {
        check("127.0.0.1", EpollBgpConnector.IP_TTL);
    }

    @Test
    void theIpv6HopLimitIsSetAndTheSourceAddressBound() throws Exception {
        check("::1", EpollBgpConnector.IPV6_UNICAST_HOPS);
    }

    private static void check(String address, IntegerUnixChannelOption option) throws Exception {
        Requirements.require(Epoll.isAvailable(), "needs Netty's native epoll transport (Linux x86_64)");
        MultiThreadIoEventLoopGroup group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        try {
            InetAddress loopback = InetAddress.getByName(address);
            Channel server = new ServerBootstrap().group(group).channel(EpollServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel child) {
                            // accept and hold the connection; nothing to read
                        }
                    }).bind(loopback, 0).sync().channel();
            int port = ((InetSocketAddress) server.localAddress()).getPort();
            for (int ttl : new int[] {1, 255}) {
                BgpTransport transport = new BgpTransport(loopback, port, Optional.of(loopback), ttl, Optional.empty());
                ChannelFuture connected = new EpollBgpConnector(group.next(), transport)
                        .connect(new ChannelInboundHandlerAdapter()).sync();
                Channel channel = connected.channel();
                assertEquals(ttl, channel.config().getOption(option), address);
                assertEquals(loopback, ((InetSocketAddress) channel.localAddress()).getAddress());
                channel.close().sync();
            }
            server.close().sync();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }
}
