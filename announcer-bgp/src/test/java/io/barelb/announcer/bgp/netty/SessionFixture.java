package io.barelb.announcer.bgp.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.barelb.announcer.bgp.fsm.BgpFsm;
import io.barelb.announcer.bgp.fsm.ExpectedPeerAs;
import io.barelb.announcer.bgp.fsm.Negotiated;
import io.barelb.announcer.bgp.fsm.SessionSettings;
import io.barelb.announcer.bgp.fsm.SessionState;
import io.barelb.announcer.bgp.wire.AddressFamily;
import io.barelb.announcer.bgp.wire.BgpMessage;
import io.barelb.announcer.bgp.wire.BgpMessageCodec;
import io.barelb.announcer.bgp.wire.Capability;
import io.barelb.announcer.bgp.wire.CodecOptions;
import io.barelb.announcer.bgp.wire.KeepaliveMessage;
import io.barelb.announcer.bgp.wire.OpenMessage;
import io.barelb.api.net.IpAddress;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A {@link BgpPeerSession} (AS64512 to AS64513, hold 30 s, connect retry 2 s) over EmbeddedChannels, one per
 * connection attempt, with timers on a {@link ManualScheduler}. {@link #close} releases every channel.
 */
final class SessionFixture implements AutoCloseable {

    static final IpAddress PEER_ID = IpAddress.parse("192.0.2.2");

    final ManualScheduler scheduler = new ManualScheduler();
    final List<EmbeddedChannel> channels = new ArrayList<>();
    final List<String> observed = new ArrayList<>();
    /** {@link BgpPeerSession#state()} as each session came up, just before its routes are sent. */
    final List<SessionState> stateAtUp = new ArrayList<>();
    final BgpPeerSession session = new BgpPeerSession("peer1",
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
                public void up(Negotiated negotiated) {
                    observed.add("up AS" + negotiated.peerAsn());
                    stateAtUp.add(session.state());
                }

                @Override
                public void down(String reason) {
                    observed.add("down " + reason);
                }
            });

    EmbeddedChannel current() {
        return channels.get(channels.size() - 1);
    }

    static void peerSends(EmbeddedChannel channel, BgpMessage message) {
        channel.writeInbound(Unpooled.wrappedBuffer(BgpMessageCodec.encode(message, CodecOptions.FOUR_OCTET_AS)));
    }

    /** Everything the session wrote on {@code channel} since the last call, decoded. */
    static List<BgpMessage> written(EmbeddedChannel channel) throws Exception {
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

    /** Starts the session and plays the peer's OPEN (4-octet AS, both families) and KEEPALIVE. */
    void establish() throws Exception {
        session.start();
        OpenMessage open = assertInstanceOf(OpenMessage.class, written(current()).get(0));
        assertEquals(64512, open.autonomousSystem());
        peerSends(current(), OpenMessage.of(64513, 90, PEER_ID, List.of(new Capability.FourOctetAs(64513),
                new Capability.Multiprotocol(AddressFamily.IPV4_UNICAST),
                new Capability.Multiprotocol(AddressFamily.IPV6_UNICAST))));
        peerSends(current(), KeepaliveMessage.INSTANCE);
        assertEquals(SessionState.ESTABLISHED, session.state());
    }

    @Override
    public void close() {
        for (EmbeddedChannel channel : channels) {
            channel.finishAndReleaseAll();
        }
    }
}
