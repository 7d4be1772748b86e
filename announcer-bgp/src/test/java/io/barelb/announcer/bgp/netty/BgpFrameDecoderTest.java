package io.barelb.announcer.bgp.netty;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.barelb.announcer.bgp.wire.BgpError;
import io.barelb.announcer.bgp.wire.BgpMessageCodec;
import io.barelb.announcer.bgp.wire.CodecOptions;
import io.barelb.announcer.bgp.wire.KeepaliveMessage;
import io.barelb.announcer.bgp.wire.NotificationMessage;
import io.barelb.announcer.bgp.wire.Octets;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

class BgpFrameDecoderTest {

    private static final byte[] KEEPALIVE = BgpMessageCodec.encode(KeepaliveMessage.INSTANCE, CodecOptions.TWO_OCTET_AS);
    private static final byte[] NOTIFICATION = BgpMessageCodec.encode(
            NotificationMessage.of(BgpError.CEASE, Octets.fromHex("0102")), CodecOptions.TWO_OCTET_AS);

    @Test
    void messagesSplitAndJoinedInTheStreamComeOutWhole() {
        EmbeddedChannel channel = new EmbeddedChannel(new BgpFrameDecoder());
        byte[] stream = new byte[KEEPALIVE.length + NOTIFICATION.length];
        System.arraycopy(KEEPALIVE, 0, stream, 0, KEEPALIVE.length);
        System.arraycopy(NOTIFICATION, 0, stream, KEEPALIVE.length, NOTIFICATION.length);
        // 10 octets, then the rest of the first message and 5 of the second, then the rest
        channel.writeInbound(Unpooled.wrappedBuffer(stream, 0, 10));
        assertNull(channel.readInbound());
        channel.writeInbound(Unpooled.wrappedBuffer(stream, 10, 14));
        assertArrayEquals(KEEPALIVE, (byte[]) channel.readInbound());
        assertNull(channel.readInbound());
        channel.writeInbound(Unpooled.wrappedBuffer(stream, 24, stream.length - 24));
        assertArrayEquals(NOTIFICATION, (byte[]) channel.readInbound());
        assertFalse(channel.finish());
    }

    @Test
    void aBrokenMarkerIsConnectionNotSynchronizedAndTheRestIsDiscarded() {
        EmbeddedChannel channel = new EmbeddedChannel(new BgpFrameDecoder());
        byte[] bad = KEEPALIVE.clone();
        bad[3] = 0;
        channel.writeInbound(Unpooled.wrappedBuffer(bad), Unpooled.wrappedBuffer(KEEPALIVE));
        FramingError error = channel.readInbound();
        assertEquals(BgpError.CONNECTION_NOT_SYNCHRONIZED, error.notification().error().orElseThrow());
        assertNull(channel.readInbound(), "nothing is decoded after a broken header");
        channel.writeInbound(Unpooled.wrappedBuffer(KEEPALIVE));
        assertNull(channel.readInbound());
        assertFalse(channel.finish());
    }

    @Test
    void aLengthOutsideTheRangeIsBadMessageLengthWithTheLengthAsData() {
        EmbeddedChannel channel = new EmbeddedChannel(new BgpFrameDecoder());
        byte[] bad = KEEPALIVE.clone();
        bad[16] = 0x10;
        bad[17] = 0x01; // 4097
        channel.writeInbound(Unpooled.wrappedBuffer(bad));
        FramingError error = channel.readInbound();
        assertEquals(NotificationMessage.of(BgpError.BAD_MESSAGE_LENGTH, Octets.fromHex("1001")), error.notification());
        assertFalse(channel.finish());
    }
}
