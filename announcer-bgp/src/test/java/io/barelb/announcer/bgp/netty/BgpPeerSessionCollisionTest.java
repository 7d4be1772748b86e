package io.barelb.announcer.bgp.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.barelb.announcer.bgp.fsm.SessionState;
import io.barelb.announcer.bgp.rib.RouteAttributes;
import io.barelb.announcer.bgp.wire.AddressFamily;
import io.barelb.announcer.bgp.wire.BgpError;
import io.barelb.announcer.bgp.wire.BgpMessage;
import io.barelb.announcer.bgp.wire.Capability;
import io.barelb.announcer.bgp.wire.KeepaliveMessage;
import io.barelb.announcer.bgp.wire.NotificationMessage;
import io.barelb.announcer.bgp.wire.OpenMessage;
import io.barelb.announcer.bgp.wire.UpdateMessage;
import io.barelb.api.net.IpPrefix;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Connections the peer opens, handed to the session as the listener would (EmbeddedChannels, paranoid leak
 * detector): adopted, refused, or resolved against the session's own connection by RFC 4271 §6.8. Our identifier
 * 192.0.2.1 is below the peer's 192.0.2.2, so the peer's connection wins a collision.
 */
class BgpPeerSessionCollisionTest {

    private static final IpPrefix V4 = IpPrefix.parse("203.0.113.10/32");
    private static final NotificationMessage COLLISION =
            NotificationMessage.of(BgpError.CEASE_CONNECTION_COLLISION_RESOLUTION);

    private final SessionFixture fixture = new SessionFixture();
    private final BgpPeerSession session = fixture.session;
    private final List<EmbeddedChannel> incoming = new java.util.ArrayList<>();

    @AfterEach
    void closeChannels() {
        fixture.close();
        incoming.forEach(EmbeddedChannel::finishAndReleaseAll);
    }

    private EmbeddedChannel peerConnects() {
        EmbeddedChannel channel = new EmbeddedChannel();
        incoming.add(channel);
        session.accept(channel);
        return channel;
    }

    private static OpenMessage peerOpen() {
        return OpenMessage.of(64513, 90, SessionFixture.PEER_ID, List.of(new Capability.FourOctetAs(64513),
                new Capability.Multiprotocol(AddressFamily.IPV4_UNICAST)));
    }

    @Test
    void aConnectionBeforeStartIsRefused() throws Exception {
        EmbeddedChannel channel = peerConnects();
        assertEquals(List.of(NotificationMessage.of(BgpError.CEASE_CONNECTION_REJECTED)),
                SessionFixture.written(channel));
        assertFalse(channel.isOpen());
        assertEquals(SessionState.IDLE, session.state());
    }

    @Test
    void theCollisionKeepsThePeersConnectionAndTheRoutesGoThere() throws Exception {
        session.setRoutes(Map.of(V4, RouteAttributes.PLAIN));
        session.start();
        EmbeddedChannel ours = fixture.current();
        assertInstanceOf(OpenMessage.class, SessionFixture.written(ours).get(0));
        assertEquals(SessionState.OPEN_SENT, session.state());

        EmbeddedChannel theirs = peerConnects();
        assertInstanceOf(OpenMessage.class, SessionFixture.written(theirs).get(0), "an OPEN on the colliding one");
        SessionFixture.peerSends(theirs, peerOpen());
        assertEquals(List.of(COLLISION), SessionFixture.written(ours));
        assertFalse(ours.isOpen(), "the connection we opened is closed after the Cease");
        assertEquals(List.of(KeepaliveMessage.INSTANCE), SessionFixture.written(theirs));
        assertEquals(SessionState.OPEN_CONFIRM, session.state());

        SessionFixture.peerSends(theirs, KeepaliveMessage.INSTANCE);
        assertEquals(SessionState.ESTABLISHED, session.state());
        List<BgpMessage> sent = SessionFixture.written(theirs);
        assertEquals(List.of(V4), assertInstanceOf(UpdateMessage.class, sent.get(0)).nlri());
        assertTrue(theirs.isOpen());

        // the peer's connection is the session's now: a later one collides with Established and is closed
        EmbeddedChannel third = peerConnects();
        assertEquals(List.of(COLLISION), SessionFixture.written(third));
        assertFalse(third.isOpen());
        assertEquals(SessionState.ESTABLISHED, session.state());
    }

    @Test
    void whileActiveTheSessionTakesThePeersConnection() throws Exception {
        session.start();
        EmbeddedChannel ours = fixture.current();
        SessionFixture.written(ours);
        ours.close(); // refused: the session waits in Active for its retry
        assertEquals(SessionState.ACTIVE, session.state());
        EmbeddedChannel theirs = peerConnects();
        assertInstanceOf(OpenMessage.class, SessionFixture.written(theirs).get(0));
        SessionFixture.peerSends(theirs, peerOpen());
        SessionFixture.peerSends(theirs, KeepaliveMessage.INSTANCE);
        assertEquals(SessionState.ESTABLISHED, session.state());
        fixture.scheduler.advance(java.time.Duration.ofSeconds(10));
        assertEquals(1, fixture.channels.size(), "no connection attempt of our own once Established");
    }
}
