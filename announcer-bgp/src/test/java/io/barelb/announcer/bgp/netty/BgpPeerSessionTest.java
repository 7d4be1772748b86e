package io.barelb.announcer.bgp.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.barelb.announcer.bgp.fsm.BgpFsm;
import io.barelb.announcer.bgp.fsm.ExpectedPeerAs;
import io.barelb.announcer.bgp.fsm.SessionSettings;
import io.barelb.announcer.bgp.fsm.SessionState;
import io.barelb.announcer.bgp.rib.RouteAttributes;
import io.barelb.announcer.bgp.wire.AddressFamily;
import io.barelb.announcer.bgp.wire.BgpError;
import io.barelb.announcer.bgp.wire.BgpMessage;
import io.barelb.announcer.bgp.wire.BgpMessageCodec;
import io.barelb.announcer.bgp.wire.Capability;
import io.barelb.announcer.bgp.wire.CodecOptions;
import io.barelb.announcer.bgp.wire.KeepaliveMessage;
import io.barelb.announcer.bgp.wire.NotificationMessage;
import io.barelb.announcer.bgp.wire.OpenMessage;
import io.barelb.announcer.bgp.wire.PathAttribute;
import io.barelb.announcer.bgp.wire.UpdateMessage;
import io.barelb.api.net.IpAddress;
import io.barelb.api.net.IpPrefix;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The session over EmbeddedChannels (one per connection attempt), timers on a manual scheduler. */
class BgpPeerSessionTest {

    private static final IpAddress PEER_ID = IpAddress.parse("192.0.2.2");
    private static final IpPrefix V4 = IpPrefix.parse("203.0.113.10/32");
    private static final IpPrefix V6 = IpPrefix.parse("2001:db8:1::10/128");

    private final ManualScheduler scheduler = new ManualScheduler();
    private final List<EmbeddedChannel> channels = new ArrayList<>();
    private final List<String> observed = new ArrayList<>();
    private final BgpPeerSession session = new BgpPeerSession("peer1",
            new BgpFsm(new SessionSettings(64512, ExpectedPeerAs.exactly(64513), IpAddress.parse("192.0.2.1"),
                    Duration.ofSeconds(30), Optional.empty(), Duration.ofSeconds(2), Duration.ofSeconds(60),
                    List.of(AddressFamily.IPV4_UNICAST, AddressFamily.IPV6_UNICAST), false, 120), Clock.systemUTC()),
            scheduler, initializer -> {
                EmbeddedChannel channel = new EmbeddedChannel(initializer);
                channels.add(channel);
                return channel.newSucceededFuture();
            }, Optional.of(IpAddress.parse("192.0.2.1")), Optional.of(IpAddress.parse("2001:db8::1")),
            new SessionObserver() {
                @Override
                public void up(io.barelb.announcer.bgp.fsm.Negotiated negotiated) {
                    observed.add("up AS" + negotiated.peerAsn());
                }

                @Override
                public void down(String reason) {
                    observed.add("down " + reason);
                }
            });

    @AfterEach
    void closeChannels() {
        for (EmbeddedChannel channel : channels) {
            channel.finishAndReleaseAll();
        }
    }

    private EmbeddedChannel current() {
        return channels.get(channels.size() - 1);
    }

    private static void peerSends(EmbeddedChannel channel, BgpMessage message) {
        channel.writeInbound(Unpooled.wrappedBuffer(BgpMessageCodec.encode(message, CodecOptions.FOUR_OCTET_AS)));
    }

    /** Everything the session wrote on {@code channel}, decoded. */
    private static List<BgpMessage> written(EmbeddedChannel channel) throws Exception {
        List<BgpMessage> out = new ArrayList<>();
        ByteBuf buf;
        while ((buf = channel.readOutbound()) != null) {
            try {
                if (buf.isReadable()) {
                    out.add(BgpMessageCodec.decode(ByteBufUtil.getBytes(buf), CodecOptions.FOUR_OCTET_AS));
                }
            } finally {
                buf.release();
            }
        }
        return out;
    }

    private void establish() throws Exception {
        session.start();
        OpenMessage open = assertInstanceOf(OpenMessage.class, written(current()).get(0));
        assertEquals(64512, open.autonomousSystem());
        peerSends(current(), OpenMessage.of(64513, 90, PEER_ID, List.of(new Capability.FourOctetAs(64513),
                new Capability.Multiprotocol(AddressFamily.IPV4_UNICAST),
                new Capability.Multiprotocol(AddressFamily.IPV6_UNICAST))));
        peerSends(current(), KeepaliveMessage.INSTANCE);
        assertEquals(SessionState.ESTABLISHED, session.state());
    }

    @Test
    void upTheSessionSendsEveryRouteThenEndOfRib() throws Exception {
        session.setRoutes(Map.of(V4, RouteAttributes.PLAIN, V6, RouteAttributes.PLAIN));
        establish();
        List<BgpMessage> sent = written(current());
        assertEquals(KeepaliveMessage.INSTANCE, sent.get(0));
        UpdateMessage v4 = assertInstanceOf(UpdateMessage.class, sent.get(1));
        assertEquals(List.of(V4), v4.nlri());
        UpdateMessage v6 = assertInstanceOf(UpdateMessage.class, sent.get(2));
        assertEquals(List.of(V6), v6.attribute(PathAttribute.MpReachNlri.class).orElseThrow().nlri());
        assertEquals(Optional.of(AddressFamily.IPV4_UNICAST), ((UpdateMessage) sent.get(3)).endOfRibFamily());
        assertEquals(Optional.of(AddressFamily.IPV6_UNICAST), ((UpdateMessage) sent.get(4)).endOfRibFamily());
        assertEquals(List.of("up AS64513"), observed);
    }

    @Test
    void aChangedRouteSetSendsOnlyTheWithdrawal() throws Exception {
        session.setRoutes(Map.of(V4, RouteAttributes.PLAIN, V6, RouteAttributes.PLAIN));
        establish();
        written(current());
        session.setRoutes(Map.of(V6, RouteAttributes.PLAIN));
        List<BgpMessage> sent = written(current());
        assertEquals(1, sent.size());
        assertEquals(List.of(V4), ((UpdateMessage) sent.get(0)).withdrawn());
    }

    @Test
    void keepalivesFollowTheNegotiatedTimeAndSilenceEndsTheSession() throws Exception {
        establish();
        written(current());
        scheduler.advance(Duration.ofSeconds(25));
        assertEquals(List.of(KeepaliveMessage.INSTANCE, KeepaliveMessage.INSTANCE), written(current()),
                "hold 30 s negotiated: a keepalive every 10 s");
        scheduler.advance(Duration.ofSeconds(5));
        List<BgpMessage> sent = written(current());
        assertEquals(NotificationMessage.of(BgpError.HOLD_TIMER_EXPIRED), sent.get(sent.size() - 1));
        assertFalse(current().isOpen(), "the connection is closed after the NOTIFICATION");
        assertEquals(SessionState.IDLE, session.state());
        assertTrue(observed.get(1).startsWith("down hold timer expired"), observed.toString());

        scheduler.advance(Duration.ofSeconds(2));
        assertEquals(2, channels.size(), "the IdleHoldTimer restarts the session");
        assertInstanceOf(OpenMessage.class, written(current()).get(0));
    }

    @Test
    void aBrokenHeaderFromThePeerIsAnsweredWithItsNotification() throws Exception {
        establish();
        written(current());
        byte[] garbage = new byte[19];
        current().writeInbound(Unpooled.wrappedBuffer(garbage));
        assertEquals(List.of(NotificationMessage.of(BgpError.CONNECTION_NOT_SYNCHRONIZED)), written(current()));
        assertFalse(current().isOpen());
        assertEquals(SessionState.IDLE, session.state());
    }

    @Test
    void theConnectionClosedByThePeerIsRetriedAfterTheBackoff() throws Exception {
        establish();
        current().close();
        assertEquals(SessionState.IDLE, session.state());
        scheduler.advance(Duration.ofMillis(1999));
        assertEquals(1, channels.size());
        scheduler.advance(Duration.ofMillis(1));
        assertEquals(2, channels.size());
    }

    @Test
    void stopSendsCeaseAndLeavesNoTimer() throws Exception {
        establish();
        written(current());
        session.stop();
        assertEquals(List.of(NotificationMessage.of(BgpError.CEASE_ADMINISTRATIVE_SHUTDOWN)), written(current()));
        assertEquals(0, scheduler.pending());
        assertEquals(SessionState.IDLE, session.state());
    }
}
