package io.barelb.announcer.bgp.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.barelb.announcer.bgp.fsm.BgpFsm;
import io.barelb.announcer.bgp.fsm.ExpectedPeerAs;
import io.barelb.announcer.bgp.fsm.SessionSettings;
import io.barelb.announcer.bgp.wire.AddressFamily;
import io.barelb.announcer.bgp.wire.BgpError;
import io.barelb.announcer.bgp.wire.BgpMessage;
import io.barelb.announcer.bgp.wire.BgpMessageCodec;
import io.barelb.announcer.bgp.wire.CodecOptions;
import io.barelb.announcer.bgp.wire.NotificationMessage;
import io.barelb.announcer.bgp.wire.OpenMessage;
import io.barelb.api.net.IpAddress;
import io.barelb.testkit.Requirements;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The listening socket on loopback with real epoll sockets: the listener on 127.0.0.1, the configured peer dials
 * from 127.0.0.2, a stranger from 127.0.0.3. The session's own dialling is refused (port 1), so it waits in Active
 * for the peer.
 */
class BgpListenerTest {

    private static final InetAddress LISTEN = address("127.0.0.1");
    private static final InetAddress PEER = address("127.0.0.2");
    private static final InetAddress STRANGER = address("127.0.0.3");

    private MultiThreadIoEventLoopGroup group;
    private BgpListener listener;
    private BgpPeerSession session;
    private final java.util.concurrent.atomic.AtomicInteger refusals = new java.util.concurrent.atomic.AtomicInteger();

    private static InetAddress address(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @BeforeEach
    void listen() throws Exception {
        Requirements.require(Epoll.isAvailable(), "needs Netty's native epoll transport (Linux x86_64)");
        group = new MultiThreadIoEventLoopGroup(2, EpollIoHandler.newFactory());
        listener = BgpListener.bind(group, new InetSocketAddress(LISTEN, 0), refusals::incrementAndGet);
        SessionSettings settings = new SessionSettings(64512, ExpectedPeerAs.exactly(64513),
                IpAddress.parse("192.0.2.1"), Duration.ofSeconds(90), Optional.empty(), Duration.ofSeconds(30),
                Duration.ofSeconds(60), List.of(AddressFamily.IPV4_UNICAST), false, 120);
        io.netty.channel.EventLoop loop = group.next();
        session = new BgpPeerSession("peer", new BgpFsm(settings, Clock.systemUTC()), SessionScheduler.of(loop),
                // port 1 on loopback refuses: the session waits in Active for its retry (30 s) or the peer
                new EpollBgpConnector(loop, new BgpTransport(LISTEN, 1, Optional.empty(), 1, Optional.empty())),
                Optional.of(IpAddress.parse("127.0.0.1")), Optional.empty(), SessionObserver.NONE);
    }

    @AfterEach
    void close() throws Exception {
        if (session != null) {
            session.stop();
        }
        if (listener != null) {
            listener.close();
        }
        if (group != null) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }

    private int port() {
        return listener.localAddress().getPort();
    }

    private Socket dial(InetAddress from) throws Exception {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(from, 0));
        socket.connect(new InetSocketAddress(LISTEN, port()), 5_000);
        socket.setSoTimeout(5_000);
        return socket;
    }

    private static BgpMessage readMessage(InputStream in) throws Exception {
        byte[] header = in.readNBytes(19);
        int length = ((header[16] & 0xFF) << 8) | (header[17] & 0xFF);
        byte[] frame = new byte[length];
        System.arraycopy(header, 0, frame, 0, 19);
        System.arraycopy(in.readNBytes(length - 19), 0, frame, 19, length - 19);
        return BgpMessageCodec.decode(frame, CodecOptions.TWO_OCTET_AS);
    }

    @Test
    void aStrangerIsClosedAtOnceAndCountedAndTheConfiguredPeerGetsOurOpen() throws Exception {
        listener.register(new BgpTransport(PEER, 179, Optional.empty(), 1, Optional.empty()), session);
        session.start();
        try (Socket stranger = dial(STRANGER)) {
            assertEquals(-1, stranger.getInputStream().read(), "closed without a byte");
        }
        assertEquals(1, listener.refused());
        assertEquals(1, refusals.get(), "the owner's counter (a metric) heard of it");

        try (Socket peer = dial(PEER)) {
            OpenMessage open = assertInstanceOf(OpenMessage.class, readMessage(peer.getInputStream()));
            assertEquals(64512, open.autonomousSystem());
        }
        assertEquals(1, listener.refused());
    }

    @Test
    void aStoppedSessionRefusesItsPeerWithCeaseAndAnUnregisteredPeerIsAStranger() throws Exception {
        listener.register(new BgpTransport(PEER, 179, Optional.empty(), 1, Optional.empty()), session);
        try (Socket peer = dial(PEER)) {
            assertEquals(NotificationMessage.of(BgpError.CEASE_CONNECTION_REJECTED), readMessage(peer.getInputStream()));
            assertEquals(-1, peer.getInputStream().read());
        }
        listener.unregister(PEER, session);
        try (Socket peer = dial(PEER)) {
            assertEquals(-1, peer.getInputStream().read());
        }
        assertEquals(1, listener.refused());
        assertTrue(listener.idle());
    }

    @Test
    void theMd5KeyOnTheListeningSocketLetsOnlyTheRightKeyIn() throws Exception {
        listener.register(new BgpTransport(PEER, 179, Optional.empty(), 1, Optional.of("s3cret")), session);
        session.start();
        // without a key the kernel drops the peer's SYNs: the connection never completes
        Socket unsigned = new Socket();
        unsigned.bind(new InetSocketAddress(PEER, 0));
        assertThrows(SocketTimeoutException.class, () -> unsigned.connect(new InetSocketAddress(LISTEN, port()), 1_500));
        unsigned.close();

        LinkedBlockingQueue<byte[]> received = new LinkedBlockingQueue<>();
        Channel signed = new Bootstrap().group(group).channel(EpollSocketChannel.class)
                .option(EpollChannelOption.TCP_MD5SIG, Map.of(LISTEN, "s3cret".getBytes(StandardCharsets.US_ASCII)))
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5_000)
                .handler(new io.netty.channel.ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new BgpFrameDecoder(), new SimpleChannelInboundHandler<byte[]>() {
                            @Override
                            protected void channelRead0(ChannelHandlerContext ctx, byte[] frame) {
                                received.add(frame);
                            }
                        });
                    }
                }).connect(new InetSocketAddress(LISTEN, port()), new InetSocketAddress(PEER, 0)).sync().channel();
        try {
            byte[] frame = received.poll(5, TimeUnit.SECONDS);
            assertTrue(frame != null, "our OPEN over the signed connection");
            assertInstanceOf(OpenMessage.class, BgpMessageCodec.decode(frame, CodecOptions.TWO_OCTET_AS));
        } finally {
            signed.close().sync();
        }
    }

}
