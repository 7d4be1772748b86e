package io.barelb.announcer.bgp.netty;

import io.barelb.announcer.bgp.wire.BgpMessage;
import io.barelb.announcer.bgp.wire.BgpMessageCodec;
import io.barelb.announcer.bgp.wire.CodecOptions;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import java.util.function.Supplier;

/** Encodes outgoing {@link BgpMessage}s with the session's current {@link CodecOptions}. */
public final class BgpMessageEncoder extends MessageToByteEncoder<BgpMessage> {

    private final Supplier<CodecOptions> options;

    public BgpMessageEncoder(Supplier<CodecOptions> options) {
        super(BgpMessage.class);
        this.options = options;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, BgpMessage message, ByteBuf out) {
        out.writeBytes(BgpMessageCodec.encode(message, options.get()));
    }
}
