package io.barelb.announcer.bgp.bfd.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.barelb.announcer.bgp.bfd.fsm.BfdReceiveOutcome;
import io.barelb.announcer.bgp.bfd.fsm.BfdSessionConfig;
import io.barelb.announcer.bgp.bfd.wire.BfdControlCodec;
import io.barelb.announcer.bgp.bfd.wire.BfdControlFields;
import io.barelb.announcer.bgp.bfd.wire.BfdControlPacket;
import io.barelb.announcer.bgp.bfd.wire.BfdDiagnostic;
import io.barelb.announcer.bgp.bfd.wire.BfdState;
import io.barelb.testkit.NetnsLab;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.SocketProtocolFamily;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Two {@link BfdSessions} in this JVM talk over loopback on two ports (no root needed): the handshake, the
 * listener's Up and Down with their diagnostics, detection on silence, the source port range, and the receive
 * socket's IP_MINTTL dropping a packet sent with TTL 254.
 */
class BfdSessionsLoopbackTest {

    private static final BfdSessionConfig FAST = BfdSessionConfig.singleHop(50_000, 50_000, 3, false);

    private EventLoopGroup group;
    private EventLoopGroup groupB;
    private BfdSessions a;
    private BfdSessions b;
    private int portA;
    private int portB;
    private final RecordingListener heardByA = new RecordingListener();
    private final RecordingListener heardByB = new RecordingListener();

    @BeforeEach
    void start() throws Exception {
        assumeTrue(Epoll.isAvailable(), "needs Netty's native epoll transport");
        group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        groupB = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        portA = 20_000 + ThreadLocalRandom.current().nextInt(10_000);
        portB = portA + 1;
        a = sessions(group, portA, portB);
        b = sessions(groupB, portB, portA);
        a.addListener(heardByA);
        b.addListener(heardByB);
    }

    /** A started manager on loopback ports of its own (tests on one host cannot all use 3784). */
    static BfdSessions sessions(EventLoopGroup group, int receivePort, int peerPort) throws Exception {
        BfdIoSettings settings = BfdIoSettings.singleHop();
        BfdSessions sessions = new BfdSessions(group, new BfdIoSettings(receivePort, peerPort, settings.listenIpv4(),
                settings.listenIpv6(), settings.firstSourcePort(), settings.lastSourcePort()), System::nanoTime, new Random());
        sessions.start();
        return sessions;
    }

    @AfterEach
    void stop() {
        stopAll(a, b, group, groupB);
    }

    /** Closes both managers (if started) and shuts both groups down. */
    static void stopAll(BfdSessions a, BfdSessions b, EventLoopGroup... groups) {
        if (a != null) {
            a.close();
            b.close();
        }
        for (EventLoopGroup g : groups) {
            if (g != null) {
                g.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            }
        }
    }

    private static void await(String what, java.util.function.BooleanSupplier condition, BfdSessions... sessions)
            throws InterruptedException {
        NetnsLab.await(Duration.ofSeconds(10), what, condition, () -> {
            StringBuilder text = new StringBuilder();
            for (BfdSessions s : sessions) {
                text.append(s.statuses()).append('\n');
            }
            return text.toString();
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "::1"})
    void comeUpThenTellAdminDownAndSilenceApart(String address) throws Exception {
        InetAddress peer = InetAddress.getByName(address);
        a.add(peer, FAST);
        b.add(peer, FAST);

        await("both Up", () -> state(a, peer) == BfdState.UP && state(b, peer) == BfdState.UP, a, b);
        await("the slow-start Poll to finish", () -> a.status(peer).orElseThrow().transmitIntervalMicros() == 50_000, a, b);
        BfdSessionStatus status = a.status(peer).orElseThrow();
        assertThat(status.sourcePort()).isBetween(49152, 65535);
        assertThat(status.detectionTimeMicros()).isEqualTo(150_000);
        assertThat(status.remoteDiscriminator()).isEqualTo(b.status(peer).orElseThrow().localDiscriminator());
        assertThat(heardByA.count(peer, true)).isEqualTo(1);

        b.adminDown(peer);
        await("A told Down with diag 3", () -> heardByA.count(peer, false) == 1, a, b);
        assertThat(heardByA.last(peer).diagnostic()).isEqualTo(BfdDiagnostic.NEIGHBOR_SIGNALED_SESSION_DOWN);
        assertThat(heardByB.last(peer).diagnostic()).isEqualTo(BfdDiagnostic.ADMINISTRATIVELY_DOWN);

        b.adminUp(peer);
        await("Up again", () -> state(a, peer) == BfdState.UP && state(b, peer) == BfdState.UP, a, b);
        await("fast again", () -> a.status(peer).orElseThrow().detectionTimeMicros() == 150_000, a, b);

        long before = System.nanoTime();
        b.close(); // sends AdminDown: A goes Down with diag 3, not by detection
        await("A Down after B closed", () -> heardByA.count(peer, false) == 2, a);
        assertThat(heardByA.last(peer).diagnostic()).isEqualTo(BfdDiagnostic.NEIGHBOR_SIGNALED_SESSION_DOWN);
        assertThat(heardByA.last(peer).atNanos() - before).isLessThan(Duration.ofSeconds(1).toNanos());
    }

    @Test
    void silenceIsDetectedWithDiagnosticOne() throws Exception {
        InetAddress peer = InetAddress.getByName("127.0.0.1");
        a.add(peer, FAST);
        b.add(peer, FAST);
        await("both Up", () -> state(a, peer) == BfdState.UP && state(b, peer) == BfdState.UP, a, b);
        await("fast", () -> a.status(peer).orElseThrow().detectionTimeMicros() == 150_000, a, b);

        long before = System.nanoTime();
        groupB.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly(); // B stops dead: no AdminDown
        await("A Down", () -> heardByA.count(peer, false) == 1, a);
        long detectedMillis = (heardByA.last(peer).atNanos() - before) / 1_000_000;
        System.out.println("loopback detection after B fell silent: " + detectedMillis + " ms (detection time 150 ms)");
        assertThat(heardByA.last(peer).diagnostic()).isEqualTo(BfdDiagnostic.CONTROL_DETECTION_TIME_EXPIRED);
        assertThat(detectedMillis).as("not before the detection time, less the packet in flight").isGreaterThanOrEqualTo(100);
        assertThat(a.status(peer).orElseThrow().remoteDiscriminator()).isZero();
    }

    @Test
    void aPeerWithoutBfdAnswersPortUnreachableAndTheSessionKeepsSending() throws Exception {
        InetAddress peer = InetAddress.getByName("127.0.0.1");
        // its session sends to portB + 2, where nothing listens: every packet draws an ICMP port unreachable
        try (BfdSessions lonely = sessions(group, portB + 1, portB + 2)) {
            lonely.add(peer, FAST);
            await("three slow-start packets", () -> lonely.status(peer).orElseThrow().packetsSent() >= 3, lonely);
            assertThat(lonely.status(peer).orElseThrow().state()).isEqualTo(BfdState.DOWN);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "::1"})
    void aPacketWithTtlBelow255NeverReachesTheReceiver(String address) throws Exception {
        InetAddress target = InetAddress.getByName(address);
        assertThat(sendRaw(target, 254)).isTrue();
        Thread.sleep(200);
        assertThat(a.received(BfdReceiveOutcome.NO_SESSION)).as("TTL 254 dropped by the socket filter").isZero();
        assertThat(sendRaw(target, 255)).isTrue();
        NetnsLab.await(Duration.ofSeconds(5), "the TTL 255 packet", () -> a.received(BfdReceiveOutcome.NO_SESSION) == 1,
                () -> "nothing counted");
    }

    /** A valid Up packet naming a discriminator nobody has, sent to A's receive port with this TTL / hop limit. */
    private boolean sendRaw(InetAddress target, int ttl) throws Exception {
        boolean ipv6 = target instanceof java.net.Inet6Address;
        Channel channel = new Bootstrap().group(group)
                .channelFactory(() -> new EpollDatagramChannel(ipv6 ? SocketProtocolFamily.INET6 : SocketProtocolFamily.INET))
                .option(ipv6 ? BfdSocketOptions.IPV6_UNICAST_HOPS : BfdSocketOptions.IP_TTL, ttl)
                .handler(new ChannelInboundHandlerAdapter())
                .bind(new InetSocketAddress(target, 0)).sync().channel();
        try {
            ByteBuf buffer = channel.alloc().buffer(24);
            BfdControlCodec.encode(new BfdControlFields().set(BfdControlPacket.of(BfdDiagnostic.NO_DIAGNOSTIC,
                    BfdState.UP, false, false, 3, 0x1234, 0x7777_0001, 50_000, 50_000)), buffer);
            return channel.writeAndFlush(new DatagramPacket(buffer, new InetSocketAddress(target, portA)))
                    .awaitUninterruptibly().isSuccess();
        } finally {
            channel.close().sync();
        }
    }

    private static BfdState state(BfdSessions sessions, InetAddress peer) {
        return sessions.status(peer).map(BfdSessionStatus::state).orElse(null);
    }
}
