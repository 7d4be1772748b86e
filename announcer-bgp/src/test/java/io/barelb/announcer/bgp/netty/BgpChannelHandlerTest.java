package io.barelb.announcer.bgp.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.barelb.announcer.bgp.fsm.FsmEvent;
import io.barelb.announcer.bgp.wire.BgpError;
import io.barelb.announcer.bgp.wire.BgpMessageCodec;
import io.barelb.announcer.bgp.wire.CodecOptions;
import io.barelb.announcer.bgp.wire.KeepaliveMessage;
import io.barelb.announcer.bgp.wire.NotificationMessage;
import io.barelb.announcer.bgp.wire.Octets;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class BgpChannelHandlerTest {

    private final List<FsmEvent> events = new ArrayList<>();

    private EmbeddedChannel channel() {
        return new EmbeddedChannel(new BgpFrameDecoder(), new BgpMessageEncoder(() -> CodecOptions.FOUR_OCTET_AS),
                new BgpChannelHandler(events::add, () -> CodecOptions.FOUR_OCTET_AS));
    }

    @Test
    void activeThenMessagesThenClosedBecomeFsmEvents() {
        EmbeddedChannel channel = channel();
        assertInstanceOf(FsmEvent.TcpConnectionConfirmed.class, events.get(0));
        channel.writeInbound(Unpooled.wrappedBuffer(BgpMessageCodec.encode(KeepaliveMessage.INSTANCE,
                CodecOptions.FOUR_OCTET_AS)));
        assertInstanceOf(FsmEvent.KeepAliveMsg.class, events.get(1));
        channel.close();
        assertEquals(new FsmEvent.TcpConnectionFails("closed by the peer"), events.get(2));
        assertEquals(3, events.size(), "closing reports the failure once");
        assertFalse(channel.finish());
    }

    @Test
    void aMalformedMessageBecomesADecodeErrorCarryingItsNotification() {
        EmbeddedChannel channel = channel();
        // a KEEPALIVE header claiming 20 octets: Bad Message Length with the length field as data
        channel.writeInbound(Unpooled.wrappedBuffer(HexFormat.of().parseHex(
                "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF" + "0014" + "04" + "00")));
        assertEquals(new FsmEvent.MessageDecodeError(NotificationMessage.of(BgpError.BAD_MESSAGE_LENGTH,
                Octets.fromHex("0014"))), events.get(1));
        assertFalse(channel.finish());
    }

    @Test
    void outgoingMessagesAreEncoded() {
        EmbeddedChannel channel = channel();
        channel.writeOutbound(NotificationMessage.of(BgpError.CEASE));
        ByteBuf written = channel.readOutbound();
        try {
            byte[] bytes = new byte[written.readableBytes()];
            written.readBytes(bytes);
            assertEquals(Octets.of(BgpMessageCodec.encode(NotificationMessage.of(BgpError.CEASE),
                    CodecOptions.FOUR_OCTET_AS)), Octets.of(bytes));
        } finally {
            written.release();
        }
        assertFalse(channel.finish());
    }
}
