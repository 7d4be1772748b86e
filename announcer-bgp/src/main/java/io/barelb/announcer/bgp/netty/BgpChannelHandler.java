package io.barelb.announcer.bgp.netty;

import io.barelb.announcer.bgp.fsm.FsmEvent;
import io.barelb.announcer.bgp.wire.BgpDecodeException;
import io.barelb.announcer.bgp.wire.BgpMessage;
import io.barelb.announcer.bgp.wire.BgpMessageCodec;
import io.barelb.announcer.bgp.wire.CodecOptions;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The last inbound handler of a BGP connection: turns channel events and decoded frames into {@link FsmEvent}s
 * for the session. Decoding errors become {@link FsmEvent.MessageDecodeError} with the NOTIFICATION the codec
 * chose; nothing thrown by a peer's bytes reaches Netty's exception path. Not sharable: one per connection.
 */
public final class BgpChannelHandler extends ChannelInboundHandlerAdapter {

    private final Consumer<FsmEvent> events;
    private final Supplier<CodecOptions> options;
    private final boolean outgoing;
    private boolean closed;

    /** The handler of a connection this side opened: its becoming active is TcpConnectionConfirmed. */
    public BgpChannelHandler(Consumer<FsmEvent> events, Supplier<CodecOptions> options) {
        this(events, options, true);
    }

    /**
     * @param outgoing false for an accepted connection, which the session offers to the machine itself (it is
     *                 active from the start, so its channelActive says nothing)
     */
    public BgpChannelHandler(Consumer<FsmEvent> events, Supplier<CodecOptions> options, boolean outgoing) {
        this.events = events;
        this.options = options;
        this.outgoing = outgoing;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (outgoing) {
            events.accept(new FsmEvent.TcpConnectionConfirmed());
        }
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof byte[] frame) {
                events.accept(toEvent(frame));
            } else if (msg instanceof FramingError error) {
                events.accept(new FsmEvent.MessageDecodeError(error.notification()));
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        fail("closed by the peer");
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // an I/O error (reset, MD5 mismatch surfacing as a reset, ...): expected, one log line at the session
        fail(String.valueOf(cause.getMessage()));
        ctx.close();
    }

    private void fail(String reason) {
        if (!closed) {
            closed = true;
            events.accept(new FsmEvent.TcpConnectionFails(reason));
        }
    }

    private FsmEvent toEvent(byte[] frame) {
        BgpMessage message;
        try {
            message = BgpMessageCodec.decode(frame, options.get());
        } catch (BgpDecodeException e) {
            return new FsmEvent.MessageDecodeError(e.toNotification());
        }
        return FsmEvent.received(message);
    }
}
