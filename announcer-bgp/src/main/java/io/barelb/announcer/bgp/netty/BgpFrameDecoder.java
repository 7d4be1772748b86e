package io.barelb.announcer.bgp.netty;

import io.barelb.announcer.bgp.wire.BgpDecodeException;
import io.barelb.announcer.bgp.wire.BgpMessage;
import io.barelb.announcer.bgp.wire.BgpMessageCodec;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Splits the TCP stream into whole BGP messages by the header's Length field (RFC 4271 §4.1): each is passed on
 * as a {@code byte[]} of exactly that length, header included, for {@link BgpMessageCodec#decode}. A header whose
 * marker is not all ones or whose length is outside 19-4096 becomes one {@link FramingError}; the rest of the
 * stream is then discarded (there is no way to find the next message). Not sharable: one per connection.
 */
public final class BgpFrameDecoder extends ByteToMessageDecoder {

    private boolean broken;

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (broken) {
            in.skipBytes(in.readableBytes());
            return;
        }
        while (in.readableBytes() >= BgpMessage.HEADER_LENGTH) {
            byte[] header = new byte[BgpMessage.HEADER_LENGTH];
            in.getBytes(in.readerIndex(), header);
            int length;
            try {
                length = BgpMessageCodec.frameLength(header, 0);
            } catch (BgpDecodeException e) {
                broken = true;
                in.skipBytes(in.readableBytes());
                out.add(new FramingError(e.toNotification(), e.getMessage()));
                return;
            }
            if (in.readableBytes() < length) {
                return;
            }
            byte[] message = new byte[length];
            in.readBytes(message);
            out.add(message);
        }
    }
}
