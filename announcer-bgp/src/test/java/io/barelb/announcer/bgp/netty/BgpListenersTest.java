package io.barelb.announcer.bgp.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.barelb.announcer.bgp.fsm.BgpFsm;
import io.barelb.announcer.bgp.fsm.ExpectedPeerAs;
import io.barelb.announcer.bgp.fsm.SessionSettings;
import io.barelb.announcer.bgp.wire.AddressFamily;
import io.barelb.api.net.IpAddress;
import io.barelb.testkit.Requirements;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Which sockets the speaker listens on, on loopback (port 0: the kernel picks one per socket). */
class BgpListenersTest {

    private MultiThreadIoEventLoopGroup group;
    private BgpListeners listeners;

    @BeforeEach
    void setUp() {
        Requirements.require(Epoll.isAvailable(), "needs Netty's native epoll transport (Linux x86_64)");
        group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        listeners = new BgpListeners(group, 0);
    }

    @AfterEach
    void tearDown() throws Exception {
        listeners.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }

    private BgpPeerSession session() {
        SessionSettings settings = new SessionSettings(64512, ExpectedPeerAs.exactly(64513),
                IpAddress.parse("192.0.2.1"), Duration.ofSeconds(90), Optional.empty(), Duration.ofSeconds(30),
                Duration.ofSeconds(60), List.of(AddressFamily.IPV4_UNICAST), false, 120);
        return new BgpPeerSession("peer", new BgpFsm(settings, Clock.systemUTC()), SessionScheduler.of(group.next()),
                initializer -> {
                    throw new AssertionError("never started here");
                }, Optional.empty(), Optional.empty(), SessionObserver.NONE);
    }

    private static BgpTransport from(String peer, Optional<String> source) throws Exception {
        return new BgpTransport(InetAddress.getByName(peer), 179, source.map(s -> {
            try {
                return InetAddress.getByName(s);
            } catch (java.net.UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }), 1, Optional.empty());
    }

    @Test
    void peersShareTheSocketOfTheirLocalAddressWhichClosesWithTheLastOfThem() throws Exception {
        BgpListeners.Registration first = listeners.register(from("127.0.0.2", Optional.of("127.0.0.1")), session());
        BgpListeners.Registration second = listeners.register(from("127.0.0.3", Optional.of("127.0.0.1")), session());
        BgpListeners.Registration wildcard = listeners.register(from("127.0.0.4", Optional.empty()), session());
        BgpListeners.Registration ipv6 = listeners.register(from("::1", Optional.empty()), session());
        assertEquals(java.util.Set.of(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0),
                new InetSocketAddress(InetAddress.getByName("0.0.0.0"), 0),
                new InetSocketAddress(InetAddress.getByName("::"), 0)), listeners.listening().keySet());
        first.close();
        assertEquals(3, listeners.listening().size(), "127.0.0.3 still needs 127.0.0.1");
        second.close();
        wildcard.close();
        ipv6.close();
        assertTrue(listeners.listening().isEmpty());
    }

    @Test
    void anAddressThatCannotBeBoundLeavesThePeerDiallingOnly() throws Exception {
        // 203.0.113.250 is on no interface here: bind fails, the registration does nothing
        BgpListeners.Registration registration =
                listeners.register(from("127.0.0.2", Optional.of("203.0.113.250")), session());
        assertTrue(listeners.listening().isEmpty());
        registration.close();
    }
}
