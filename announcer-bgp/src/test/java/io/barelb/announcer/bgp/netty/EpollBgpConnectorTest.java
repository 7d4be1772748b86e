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
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The connector's socket options, read back from a real epoll socket on loopback. */
class EpollBgpConnectorTest {

    @Test
    void theTtlIsSetAndTheSourceAddressBound() throws Exception {
        Requirements.require(Epoll.isAvailable(), "needs Netty's native epoll transport (Linux x86_64)");
        MultiThreadIoEventLoopGroup group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        try {
            Channel server = new ServerBootstrap().group(group).channel(EpollServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel child) {
                            // accept and hold the connection; nothing to read
                        }
                    }).bind("127.0.0.1", 0).sync().channel();
            int port = ((InetSocketAddress) server.localAddress()).getPort();
            InetAddress loopback = InetAddress.getByName("127.0.0.1");
            for (int ttl : new int[] {1, 255}) {
                BgpTransport transport = new BgpTransport(loopback, port, Optional.of(loopback), ttl, Optional.empty());
                ChannelFuture connected = new EpollBgpConnector(group.next(), transport)
                        .connect(new ChannelInboundHandlerAdapter()).sync();
                Channel channel = connected.channel();
                assertEquals(ttl, channel.config().getOption(EpollBgpConnector.IP_TTL));
                assertEquals(loopback, ((InetSocketAddress) channel.localAddress()).getAddress());
                channel.close().sync();
            }
            server.close().sync();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }
}
