package io.barelb.announcer.bgp.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.barelb.announcer.bgp.fsm.SessionState;
import io.barelb.announcer.bgp.wire.AddressFamily;
import io.barelb.announcer.bgp.wire.BgpMessage;
import io.barelb.announcer.bgp.wire.BgpMessageCodec;
import io.barelb.announcer.bgp.wire.CodecOptions;
import io.barelb.announcer.bgp.wire.Community;
import io.barelb.announcer.bgp.wire.KeepaliveMessage;
import io.barelb.announcer.bgp.wire.NotificationMessage;
import io.barelb.announcer.bgp.wire.PathAttribute;
import io.barelb.announcer.bgp.wire.RouteRefreshMessage;
import io.barelb.announcer.bgp.wire.UpdateMessage;
import io.barelb.api.net.IpAddress;
import io.barelb.api.net.IpPrefix;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded random corruptions of valid messages fed to an Established session over an EmbeddedChannel: nothing
 * escapes to Netty (EmbeddedChannel rethrows what reaches the pipeline's end), and every input either leaves the
 * session up (a valid message, or an UPDATE RFC 7606 handles without a reset) or ends it with a NOTIFICATION as
 * the last thing sent and the connection closed.
 */
class MalformedInputTest {

    private static final int SEEDS = 300;
    private static final List<BgpMessage> VALID = List.of(KeepaliveMessage.INSTANCE,
            new RouteRefreshMessage(AddressFamily.IPV4_UNICAST),
            new UpdateMessage(List.of(IpPrefix.parse("198.51.100.0/24")), List.of(PathAttribute.Origin.IGP,
                    new PathAttribute.AsPath(List.of(PathAttribute.Segment.sequence(64513L, 65000L))),
                    new PathAttribute.NextHop(IpAddress.parse("192.0.2.2")), new PathAttribute.MultiExitDisc(5),
                    new PathAttribute.Communities(List.of(new Community(64513, 1)))),
                    List.of(IpPrefix.parse("203.0.113.0/24"), IpPrefix.parse("198.51.100.128/25"))),
            new UpdateMessage(List.of(), List.of(PathAttribute.Origin.IGP, PathAttribute.AsPath.EMPTY,
                    new PathAttribute.MpReachNlri(AddressFamily.IPV6_UNICAST, List.of(IpAddress.parse("2001:db8::2")),
                            List.of(IpPrefix.parse("2001:db8:5::/48")))), List.of()));

    @Test
    void corruptedInputNeverEscapesAndEveryResetSendsANotification() throws Exception {
        Map<SessionState, Integer> outcomes = new EnumMap<>(SessionState.class);
        int notifications = 0;
        for (long seed = 1; seed <= SEEDS; seed++) {
            Random random = new Random(seed);
            byte[] input = corrupt(BgpMessageCodec.encode(VALID.get(random.nextInt(VALID.size())),
                    CodecOptions.FOUR_OCTET_AS), random);
            try (SessionFixture fixture = new SessionFixture()) {
                fixture.establish();
                SessionFixture.written(fixture.current());
                fixture.current().writeInbound(Unpooled.wrappedBuffer(input));
                fixture.current().checkException();
                SessionState state = fixture.session.state();
                outcomes.merge(state, 1, Integer::sum);
                List<BgpMessage> sent = SessionFixture.written(fixture.current());
                String where = "seed " + seed + " input " + Arrays.toString(input);
                if (state != SessionState.ESTABLISHED) {
                    assertEquals(SessionState.IDLE, state, where);
                    assertInstanceOf(NotificationMessage.class, sent.get(sent.size() - 1), where);
                    assertTrue(!fixture.current().isOpen(), where + ": the connection stays open");
                    notifications++;
                }
            }
        }
        assertTrue(outcomes.getOrDefault(SessionState.ESTABLISHED, 0) > 0, "some corruptions are harmless");
        assertTrue(notifications > SEEDS / 4, "most corruptions reset the session: " + outcomes);
    }

    /** One of: flip a byte, truncate and fix the length, overwrite the length, change the type, append junk. */
    private static byte[] corrupt(byte[] message, Random random) {
        byte[] out = message.clone();
        switch (random.nextInt(5)) {
            case 0 -> out[random.nextInt(out.length)] ^= (byte) (1 + random.nextInt(255));
            case 1 -> {
                out = Arrays.copyOf(out, BgpMessage.HEADER_LENGTH + random.nextInt(out.length - 18));
                out[16] = (byte) (out.length >> 8);
                out[17] = (byte) out.length;
            }
            case 2 -> {
                int length = random.nextInt(0x10000);
                out[16] = (byte) (length >> 8);
                out[17] = (byte) length;
            }
            case 3 -> out[18] = (byte) random.nextInt(256);
            default -> {
                int offset = BgpMessage.HEADER_LENGTH + random.nextInt(out.length - 18);
                if (offset < out.length) {
                    out[offset] = (byte) random.nextInt(256);
                }
                out[16] = (byte) (out.length >> 8);
                out[17] = (byte) out.length;
            }
        }
        return out;
    }
}
